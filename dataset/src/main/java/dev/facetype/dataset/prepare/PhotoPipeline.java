package dev.facetype.dataset.prepare;

import dev.facetype.dataset.cache.CacheLookup;
import dev.facetype.dataset.cache.CropCache;
import dev.facetype.dataset.cache.DetectionRecord;
import dev.facetype.dataset.cache.KeptFace;
import dev.facetype.dataset.cache.LoadFailure;
import dev.facetype.dataset.cache.PhotoOutcome;
import dev.facetype.vision.PhotoPreparer;
import dev.facetype.vision.PreparedFace;
import dev.facetype.vision.PreparedPhoto;
import dev.facetype.vision.RasterImage;
import dev.facetype.vision.detect.FaceDetector;
import dev.facetype.vision.io.ImageLoadException;
import dev.facetype.vision.io.ImageLoader;
import dev.facetype.vision.quality.RejectReason;
import dev.facetype.vision.quality.Rejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prepares one photo file under fixed settings, using the cache: finished crops if cached; else cached
 * detections, re-cropped; else decode, detect, crop and check with vision-prep's {@link PhotoPreparer}, and
 * store both levels. Counts what it did. Safe for concurrent use; the real detector is created on first need,
 * so a fully cached run never loads it. Close it to release the detector.
 */
public final class PhotoPipeline implements AutoCloseable {

    private final PreparationSettings settings;
    private final CropCache cache;
    private final int threads;
    private final ImageLoader loader;
    private final String detectionKey;
    private final String cropKey;
    private final AtomicInteger cacheHits = new AtomicInteger();
    private final AtomicInteger detectionHits = new AtomicInteger();
    private final AtomicInteger decodes = new AtomicInteger();
    private final AtomicInteger detections = new AtomicInteger();
    private final AtomicInteger corruptEntries = new AtomicInteger();
    private final AtomicInteger cacheWriteErrors = new AtomicInteger();
    private final List<String> cacheProblems = new ArrayList<>();
    private FaceDetector detector;
    private PhotoPreparer preparer;

    /**
     * @param threads how many threads will call {@link #prepare} at once (sizes the detector's pool)
     */
    public PhotoPipeline(PreparationSettings settings, CropCache cache, int threads) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.threads = threads;
        this.loader = new ImageLoader(settings.loadOptions());
        this.detectionKey = CropCache.keyOf(settings.detectionDescription());
        this.cropKey = CropCache.keyOf(settings.cropDescription());
    }

    /**
     * What preparation makes of the file, whose bytes must hash to {@code sha256} (else it changed since it
     * was hashed, and is reported unreadable).
     *
     * @param name the photo's relative path, for messages
     */
    public PhotoOutcome prepare(Path file, String sha256, String name) {
        CacheLookup<PhotoOutcome> cached = cache.readOutcome(sha256, cropKey);
        if (cached.status() == CacheLookup.Status.HIT) {
            cacheHits.incrementAndGet();
            return cached.value().orElseThrow();
        }
        noteCorrupt(cached);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return unreadable("cannot be read: " + e);
        }
        if (!FileHashing.sha256(bytes).equals(sha256)) {
            return unreadable("the file changed while the folder was being prepared; run again");
        }
        CacheLookup<DetectionRecord> detected = cache.readDetections(sha256, detectionKey);
        PhotoOutcome outcome;
        if (detected.status() == CacheLookup.Status.HIT) {
            detectionHits.incrementAndGet();
            outcome = recrop(detected.value().orElseThrow(), bytes, name);
        } else {
            noteCorrupt(detected);
            decodes.incrementAndGet();
            PreparedPhoto photo = preparer().prepare(bytes, name);
            store(() -> cache.writeDetections(sha256, detectionKey, detectionRecord(photo, name)));
            outcome = outcome(photo, name);
        }
        PhotoOutcome finished = outcome;
        store(() -> cache.writeOutcome(sha256, cropKey, finished));
        return outcome;
    }

    /** Applies the crop and quality settings to cached detections: decodes, but runs no detector. */
    private PhotoOutcome recrop(DetectionRecord record, byte[] bytes, String name) {
        if (record.loadFailure().isPresent()) {
            LoadFailure failure = record.loadFailure().get();
            return new PhotoOutcome(0, 0, Optional.empty(), 0, List.of(),
                    List.of(new Rejection(RejectReason.UNREADABLE, failure.reason() + ": " + failure.message())),
                    Optional.of(failure));
        }
        RasterImage image;
        decodes.incrementAndGet();
        try {
            image = loader.load(bytes, name);
        } catch (ImageLoadException e) {
            LoadFailure failure = new LoadFailure(e.reason(), withoutName(e.getMessage(), name));
            return new PhotoOutcome(0, 0, Optional.empty(), 0, List.of(),
                    List.of(new Rejection(RejectReason.UNREADABLE, e.reason() + ": " + failure.message())),
                    Optional.of(failure));
        }
        String detectorName = settings.detector().identity().split(":", 2)[0];
        try (PhotoPreparer replay = builder().detector(new ReplayDetector(detectorName, record.detections())).build()) {
            return outcome(replay.prepare(image, name), name);
        }
    }

    private synchronized PhotoPreparer preparer() {
        if (preparer == null) {
            detector = new CountingDetector(settings.detector().create(threads), detections);
            preparer = builder().detector(detector).build();
        }
        return preparer;
    }

    private PhotoPreparer.Builder builder() {
        return PhotoPreparer.builder().loader(loader).cropSettings(settings.crop()).qualitySettings(settings.quality())
                .facePolicy(settings.facePolicy());
    }

    private static DetectionRecord detectionRecord(PreparedPhoto photo, String name) {
        if (photo.loadFailure().isPresent()) {
            return DetectionRecord.failed(loadFailure(photo, name));
        }
        return new DetectionRecord(Optional.empty(), photo.width(), photo.height(), photo.photoHash(), photo.detections());
    }

    private static PhotoOutcome outcome(PreparedPhoto photo, String name) {
        List<KeptFace> faces = new ArrayList<>();
        for (PreparedFace face : photo.faces()) {
            faces.add(new KeptFace(face.box(), face.score(), face.image()));
        }
        List<Rejection> rejections = photo.rejections().stream()
                .map(r -> new Rejection(r.reason(), withoutName(r.detail(), name))).toList();
        Optional<LoadFailure> failure = photo.loadFailure().isPresent()
                ? Optional.of(loadFailure(photo, name)) : Optional.empty();
        return new PhotoOutcome(photo.width(), photo.height(), photo.photoHash(), photo.detections().size(), faces,
                rejections, failure);
    }

    private static LoadFailure loadFailure(PreparedPhoto photo, String name) {
        String detail = photo.rejections().isEmpty() ? "" : photo.rejections().get(0).detail();
        String prefix = photo.loadFailure().get() + ": ";
        return new LoadFailure(photo.loadFailure().get(),
                withoutName(detail.startsWith(prefix) ? detail.substring(prefix.length()) : detail, name));
    }

    /** Cached text must not name the file: the same bytes may sit under another name next time. */
    private static String withoutName(String text, String name) {
        return text.replace(name + ": ", "").replace(name, "the photo");
    }

    private static PhotoOutcome unreadable(String message) {
        LoadFailure failure = new LoadFailure(ImageLoadException.Reason.UNREADABLE, message);
        return new PhotoOutcome(0, 0, Optional.empty(), 0, List.of(),
                List.of(new Rejection(RejectReason.UNREADABLE, "UNREADABLE: " + message)), Optional.of(failure));
    }

    private interface CacheWrite {
        void run() throws IOException;
    }

    /** A cache that cannot be written slows the next run down but never fails this one. */
    private void store(CacheWrite write) {
        try {
            write.run();
        } catch (IOException | RuntimeException e) {
            cacheWriteErrors.incrementAndGet();
            synchronized (cacheProblems) {
                if (cacheProblems.size() < 3) {
                    cacheProblems.add("cache entry not written: " + e);
                }
            }
        }
    }

    private void noteCorrupt(CacheLookup<?> lookup) {
        if (lookup.status() == CacheLookup.Status.CORRUPT) {
            corruptEntries.incrementAndGet();
            synchronized (cacheProblems) {
                if (cacheProblems.size() < 3) {
                    cacheProblems.add("corrupt cache entry recomputed: " + lookup.problem());
                }
            }
        }
    }

    /** Writes the readable settings descriptions beside the entries (best effort). */
    public void describeSettings() {
        store(() -> cache.describe(detectionKey, settings.detectionDescription(), true));
        store(() -> cache.describe(cropKey, settings.cropDescription(), false));
    }

    /** Photos whose finished crops came from the cache. */
    public int cacheHits() {
        return cacheHits.get();
    }

    /** Photos re-cropped from cached detections. */
    public int detectionHits() {
        return detectionHits.get();
    }

    /** Photos decoded. */
    public int decodes() {
        return decodes.get();
    }

    /** Runs of the real detector. */
    public int detections() {
        return detections.get();
    }

    /** Cache entries found damaged and recomputed. */
    public int corruptEntries() {
        return corruptEntries.get();
    }

    /** Cache entries that could not be written. */
    public int cacheWriteErrors() {
        return cacheWriteErrors.get();
    }

    /** The first few cache problems, in words. */
    public List<String> cacheProblems() {
        synchronized (cacheProblems) {
            return List.copyOf(cacheProblems);
        }
    }

    /** The cache key of the finished crops. */
    public String cropKey() {
        return cropKey;
    }

    /** The cache key of the detections. */
    public String detectionKey() {
        return detectionKey;
    }

    @Override
    public synchronized void close() {
        if (detector != null) {
            detector.close();
            detector = null;
            preparer = null;
        }
    }
}
