package dev.facetype.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.dataset.cache.CacheLookup;
import dev.facetype.dataset.cache.CropCache;
import dev.facetype.dataset.cache.DetectionRecord;
import dev.facetype.dataset.cache.KeptFace;
import dev.facetype.dataset.cache.LoadFailure;
import dev.facetype.dataset.cache.PhotoOutcome;
import dev.facetype.vision.RasterImage;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.FaceBox;
import dev.facetype.vision.detect.FaceLandmarks;
import dev.facetype.vision.detect.ImagePoint;
import dev.facetype.vision.io.ImageLoadException;
import dev.facetype.vision.quality.PerceptualHash;
import dev.facetype.vision.quality.RejectReason;
import dev.facetype.vision.quality.Rejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's entries: exact round trips, and damaged or misplaced entries read as corrupt, never as values. */
class CropCacheTest {

    @TempDir
    Path temp;

    private final String sha = Synthetic.sha(7);
    private final String key = CropCache.keyOf("settings A");
    private final PerceptualHash hash = PerceptualHash.parse("0123456789abcdef".repeat(4));

    @Test
    void detectionsRoundTripWithLandmarksAndFailures() throws IOException {
        CropCache cache = new CropCache(temp);
        FaceLandmarks landmarks = new FaceLandmarks(new ImagePoint(1, 2), new ImagePoint(3, 4), new ImagePoint(5, 6),
                new ImagePoint(7, 8), new ImagePoint(9, 10.5));
        DetectionRecord record = new DetectionRecord(Optional.empty(), 640, 480, Optional.of(hash), List.of(
                new DetectedFace(new FaceBox(10.25, 20, 100, 120), 0.93, Optional.of(landmarks)),
                new DetectedFace(new FaceBox(300, 40, 50, 60), 0.71)));
        cache.writeDetections(sha, key, record);
        assertEquals(record, cache.readDetections(sha, key).value().orElseThrow());
        DetectionRecord failed = DetectionRecord.failed(new LoadFailure(ImageLoadException.Reason.TRUNCATED_OR_CORRUPT,
                "JPEG data is cut short"));
        String other = Synthetic.sha(8);
        cache.writeDetections(other, key, failed);
        assertEquals(failed, cache.readDetections(other, key).value().orElseThrow());
    }

    @Test
    void outcomesRoundTripWithTheirCropPixels() throws IOException {
        CropCache cache = new CropCache(temp);
        PhotoOutcome kept = new PhotoOutcome(256, 256, Optional.of(hash), 2,
                List.of(new KeptFace(new FaceBox(1, 2, 3, 4), 0.9, Synthetic.crop(3))), List.of(), Optional.empty());
        cache.writeOutcome(sha, key, kept);
        PhotoOutcome read = cache.readOutcome(sha, key).value().orElseThrow();
        assertEquals(kept, read);
        assertEquals(Synthetic.crop(3), read.faces().get(0).crop());
        PhotoOutcome rejected = new PhotoOutcome(100, 80, Optional.of(hash), 1, List.of(),
                List.of(new Rejection(RejectReason.FACE_TOO_SMALL, "face is 20 px, below the minimum of 48 px"),
                        new Rejection(RejectReason.BLURRY, "sharpness 12, below 100")), Optional.empty());
        cache.writeOutcome(sha, CropCache.keyOf("settings B"), rejected);
        assertEquals(rejected, cache.readOutcome(sha, CropCache.keyOf("settings B")).value().orElseThrow());
    }

    @Test
    void aFlippedByteATruncatedFileOrAnEntryInTheWrongPlaceReadAsCorrupt() throws IOException {
        CropCache cache = new CropCache(temp);
        PhotoOutcome outcome = new PhotoOutcome(64, 64, Optional.of(hash), 1,
                List.of(new KeptFace(new FaceBox(1, 2, 3, 4), 0.9, Synthetic.crop(1))), List.of(), Optional.empty());
        cache.writeOutcome(sha, key, outcome);
        Path entry = cache.entryPath(false, sha, key);
        byte[] sound = Files.readAllBytes(entry);

        for (int position : new int[] {3, 20, sound.length / 2, sound.length - 1}) {
            byte[] flipped = sound.clone();
            flipped[position] ^= 1;
            Files.write(entry, flipped);
            assertEquals(CacheLookup.Status.CORRUPT, cache.readOutcome(sha, key).status(), "flip at " + position);
        }
        Files.write(entry, Arrays.copyOf(sound, sound.length - 10));
        CacheLookup<PhotoOutcome> truncated = cache.readOutcome(sha, key);
        assertEquals(CacheLookup.Status.CORRUPT, truncated.status());
        assertTrue(truncated.problem().contains(entry.toString()), truncated.problem());

        // a sound entry of another photo copied over this one is not taken for it
        String other = Synthetic.sha(9);
        cache.writeOutcome(other, key, outcome);
        Files.copy(cache.entryPath(false, other, key), entry, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(CacheLookup.Status.CORRUPT, cache.readOutcome(sha, key).status());
        assertEquals(CacheLookup.Status.MISS, cache.readOutcome(Synthetic.sha(10), key).status());
    }

    @Test
    void theDefaultFolderFollowsXdgCacheHome() {
        assertEquals(Path.of("/var/cache/me", "facetype"),
                CropCache.defaultDirectory(Map.of("XDG_CACHE_HOME", "/var/cache/me"), "/home/me"));
        assertEquals(Path.of("/home/me", ".cache", "facetype"), CropCache.defaultDirectory(Map.of(), "/home/me"));
        // the XDG rules ignore relative paths
        assertEquals(Path.of("/home/me", ".cache", "facetype"),
                CropCache.defaultDirectory(Map.of("XDG_CACHE_HOME", "relative/cache"), "/home/me"));
    }
}
