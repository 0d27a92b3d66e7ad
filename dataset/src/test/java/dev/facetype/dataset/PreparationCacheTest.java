package dev.facetype.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.dataset.cache.CropCache;
import dev.facetype.dataset.prepare.DetectorSpec;
import dev.facetype.dataset.prepare.PreparationSettings;
import dev.facetype.dataset.prepare.PreparationTimings;
import dev.facetype.vision.RasterImage;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.FaceDetector;
import dev.facetype.vision.detect.FaceDetectors;
import dev.facetype.vision.detect.YuNetSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preparation cache on a real folder of JAFFE photos (no person level): a second run decodes and detects
 * nothing; a changed setting or file invalidates exactly what it affects; a damaged entry is recomputed.
 * Detector runs are counted by the test's own detector wrapper as well as by the timings.
 */
class PreparationCacheTest {

    private static final List<String> PHOTOS = List.of("KA.AN1.39.tiff", "KL.AN1.167.tiff", "KM.AN1.17.tiff",
            "KA.HA1.29.tiff", "KL.HA1.158.tiff", "KM.HA1.4.tiff");

    @TempDir
    Path temp;

    private final AtomicInteger detectorRuns = new AtomicInteger();

    @Test
    void aSecondRunDecodesAndDetectsNothingAndGivesTheSameCrops() {
        Path root = jaffeTree();
        DatasetPreparer preparer = preparer(settings(0.7));
        FaceDataset first = preparer.prepare(root);
        PreparationTimings cold = first.timings().orElseThrow();
        assertEquals(6, first.samples().size());
        assertEquals(6, detectorRuns.get());
        assertEquals(6, cold.decodes());
        assertEquals(6, cold.detections());

        detectorRuns.set(0);
        FaceDataset second = preparer.prepare(root);
        PreparationTimings warm = second.timings().orElseThrow();
        assertEquals(0, detectorRuns.get());
        assertEquals(0, warm.decodes());
        assertEquals(0, warm.detections());
        assertEquals(6, warm.cacheHits());
        assertEquals(first.manifest(), second.manifest());
        for (int i = 0; i < first.samples().size(); i++) {
            assertEquals(first.samples().get(i).crop(), second.samples().get(i).crop());
            assertEquals(first.samples().get(i).sha256(), second.samples().get(i).sha256());
        }
        assertTrue(warm.preparing().compareTo(cold.preparing()) < 0, warm.describe() + " vs " + cold.describe());
    }

    @Test
    void aNewCropSettingReCropsFromCachedDetectionsWithoutDetecting() {
        Path root = jaffeTree();
        preparer(settings(0.7)).prepare(root);
        detectorRuns.set(0);
        PreparationSettings wider = settings(0.7).withCrop(settings(0.7).crop().withMargin(0.4).withOutputSize(32));
        FaceDataset recropped = preparer(wider).prepare(root);
        PreparationTimings timings = recropped.timings().orElseThrow();
        assertEquals(0, detectorRuns.get());
        assertEquals(0, timings.cacheHits());
        assertEquals(6, timings.detectionHits());
        assertEquals(6, timings.decodes());
        assertEquals(32, recropped.samples().get(0).crop().width());
    }

    @Test
    void aNewDetectorThresholdDetectsAgain() {
        Path root = jaffeTree();
        preparer(settings(0.7)).prepare(root);
        detectorRuns.set(0);
        FaceDataset again = preparer(settings(0.8)).prepare(root);
        assertEquals(6, detectorRuns.get());
        assertEquals(0, again.timings().orElseThrow().cacheHits());
    }

    @Test
    void aChangedFileIsPreparedAgainAndOnlyThatOne() throws IOException {
        Path root = jaffeTree();
        FaceDataset before = preparer(settings(0.7)).prepare(root);
        Path changed = root.resolve("HA").resolve("KM.HA1.4.tiff");
        Files.copy(SharedPhotos.jaffe("KM.HA2.5.tiff"), changed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        detectorRuns.set(0);
        FaceDataset after = preparer(settings(0.7)).prepare(root);
        assertEquals(1, detectorRuns.get());
        assertEquals(5, after.timings().orElseThrow().cacheHits());
        String path = "HA/KM.HA1.4.tiff";
        assertNotEquals(before.manifest().entry(path).orElseThrow().sha256(), after.manifest().entry(path).orElseThrow().sha256());
        assertNotEquals(before.manifest().sha256(), after.manifest().sha256());
    }

    @Test
    void aCorruptEntryIsDetectedAndRecomputedNotTrusted() throws IOException {
        Path root = jaffeTree();
        PreparationSettings settings = settings(0.7);
        FaceDataset first = preparer(settings).prepare(root);
        FaceSample sample = first.samples().get(0);
        CropCache cache = new CropCache(temp.resolve("cache"));
        Path entry = cache.entryPath(false, sample.sha256(), CropCache.keyOf(settings.cropDescription()));
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(entry, bytes);

        detectorRuns.set(0);
        FaceDataset second = preparer(settings).prepare(root);
        PreparationTimings timings = second.timings().orElseThrow();
        assertEquals(1, timings.corruptEntries());
        assertEquals(5, timings.cacheHits());
        // re-cropped from the (sound) cached detections: decoded once, not detected
        assertEquals(1, timings.detectionHits());
        assertEquals(0, detectorRuns.get());
        assertEquals(sample.crop(), second.samples().get(0).crop());
        assertTrue(second.warnings().stream().anyMatch(w -> w.contains("corrupt cache entry")), second.warnings().toString());

        FaceDataset third = preparer(settings).prepare(root);
        assertEquals(6, third.timings().orElseThrow().cacheHits());
        assertEquals(0, third.timings().orElseThrow().corruptEntries());
    }

    @Test
    void cacheWritesLeaveNoTemporaryFilesBehind() throws IOException {
        preparer(settings(0.7)).prepare(jaffeTree());
        try (Stream<Path> walk = Files.walk(temp.resolve("cache"))) {
            List<Path> files = walk.filter(Files::isRegularFile).toList();
            // 6 detection entries, 6 crop entries and a settings.txt beside each level
            assertEquals(14, files.size(), files.toString());
            assertTrue(files.stream().noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    private Path jaffeTree() {
        Path root = temp.resolve("jaffe");
        for (String name : PHOTOS) {
            SharedPhotos.copy(SharedPhotos.jaffe(name), root.resolve(name.substring(3, 5)).resolve(name));
        }
        return root;
    }

    /** YuNet at the given score threshold, wrapped to count its runs; the threshold is in the identity. */
    private PreparationSettings settings(double scoreThreshold) {
        YuNetSettings yunet = YuNetSettings.defaults().withScoreThreshold(scoreThreshold).withPoolSize(2);
        DetectorSpec counted = DetectorSpec.custom("counted yunet score=" + scoreThreshold,
                () -> new Counted(FaceDetectors.yunet(yunet), detectorRuns));
        return PreparationSettings.defaults().withDetector(counted);
    }

    private DatasetPreparer preparer(PreparationSettings settings) {
        return DatasetPreparer.builder().settings(settings).cacheDirectory(temp.resolve("cache")).threads(2).build();
    }

    private record Counted(FaceDetector detector, AtomicInteger runs) implements FaceDetector {
        @Override
        public List<DetectedFace> detect(RasterImage image) {
            runs.incrementAndGet();
            return detector.detect(image);
        }

        @Override
        public String name() {
            return detector.name();
        }

        @Override
        public void close() {
            detector.close();
        }
    }
}
