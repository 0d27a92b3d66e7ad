package dev.facetype.vision;

import dev.facetype.vision.crop.CropSettings;
import dev.facetype.vision.crop.FaceCropper;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.FaceDetector;
import dev.facetype.vision.detect.FaceDetectors;
import dev.facetype.vision.io.ImageLoadException;
import dev.facetype.vision.io.ImageLoader;
import dev.facetype.vision.quality.FaceQuality;
import dev.facetype.vision.quality.NearDuplicateIndex;
import dev.facetype.vision.quality.PerceptualHash;
import dev.facetype.vision.quality.QualityFilter;
import dev.facetype.vision.quality.QualitySettings;
import dev.facetype.vision.quality.RejectReason;
import dev.facetype.vision.quality.Rejection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One photo in, face crops out: decode (upright, EXIF applied) → detect → choose faces by the
 * {@link FacePolicy} → quality checks → crop. Problems become rejections with reasons, never exceptions, so
 * one bad file cannot stop a run over thousands; the user's files are only read.
 *
 * <p>For training use the defaults (largest face, quality checks on). For prediction use
 * {@link FacePolicy#ALL} and {@link QualitySettings#acceptAll()} with the model's own crop settings.
 *
 * <p>Safe for concurrent use when its detector is (the default YuNet detector is). Close it to release the
 * detector it created; a detector passed in stays the caller's to close.
 */
public final class PhotoPreparer implements AutoCloseable {

    private final ImageLoader loader;
    private final FaceDetector detector;
    private final boolean ownsDetector;
    private final FaceCropper cropper;
    private final QualityFilter filter;
    private final FacePolicy policy;

    private PhotoPreparer(Builder builder) {
        this.loader = builder.loader;
        this.ownsDetector = builder.detector == null;
        this.detector = ownsDetector ? FaceDetectors.yunet() : builder.detector;
        this.cropper = new FaceCropper(builder.cropSettings);
        this.filter = new QualityFilter(builder.qualitySettings);
        this.policy = builder.policy;
    }

    /** A builder with the defaults: default loader, YuNet, {@link CropSettings#defaults()}, quality checks on, largest face. */
    public static Builder builder() {
        return new Builder();
    }

    /** Decodes and prepares the photo at {@code file}. */
    public PreparedPhoto prepare(Path file) {
        try {
            return prepare(loader.load(file), file.toString());
        } catch (ImageLoadException e) {
            return PreparedPhoto.unreadable(file.toString(), e);
        }
    }

    /** Decodes and prepares a photo held in memory (an upload). */
    public PreparedPhoto prepare(byte[] bytes, String sourceName) {
        try {
            return prepare(loader.load(bytes, sourceName), sourceName);
        } catch (ImageLoadException e) {
            return PreparedPhoto.unreadable(sourceName, e);
        }
    }

    /**
     * Like {@link #prepare(Path)}, but first looks the photo's hash up in {@code seen}: a near-duplicate of an
     * earlier photo is rejected as {@link RejectReason#NEAR_DUPLICATE} without running the detector; any
     * other photo is recorded in {@code seen}. Feed photos in a fixed order for reproducible results.
     */
    public PreparedPhoto prepare(Path file, NearDuplicateIndex seen) {
        Objects.requireNonNull(seen, "seen");
        RasterImage image;
        try {
            image = loader.load(file);
        } catch (ImageLoadException e) {
            return PreparedPhoto.unreadable(file.toString(), e);
        }
        PerceptualHash hash = PerceptualHash.of(image);
        Optional<NearDuplicateIndex.Match> earlier = seen.findOrAdd(file.toString(), hash);
        if (earlier.isPresent()) {
            Rejection duplicate = filter.nearDuplicateOf(earlier.get().photo(), earlier.get().distance());
            return new PreparedPhoto(file.toString(), image.width(), image.height(), Optional.of(hash), List.of(),
                    List.of(), List.of(), List.of(duplicate), Optional.empty());
        }
        return prepare(image, file.toString(), hash);
    }

    /** Prepares an image that is already decoded and upright. */
    public PreparedPhoto prepare(RasterImage image, String sourceName) {
        return prepare(image, sourceName, PerceptualHash.of(image));
    }

    private PreparedPhoto prepare(RasterImage image, String sourceName, PerceptualHash hash) {
        List<DetectedFace> detections = detector.detect(image);
        if (detections.isEmpty()) {
            Rejection noFace = new Rejection(RejectReason.NO_FACE, "no face found by the " + detector.name() + " detector");
            return new PreparedPhoto(sourceName, image.width(), image.height(), Optional.of(hash), detections,
                    List.of(), List.of(), List.of(noFace), Optional.empty());
        }
        List<DetectedFace> considered = policy == FacePolicy.ALL ? detections
                : List.of(detections.stream().max(Comparator.comparingDouble(f -> f.box().area())).orElseThrow());
        List<PreparedFace> kept = new ArrayList<>();
        List<RejectedFace> rejected = new ArrayList<>();
        for (DetectedFace face : considered) {
            FaceQuality quality = filter.assess(image, face);
            if (quality.accepted()) {
                kept.add(new PreparedFace(cropper.crop(image, face), face, quality));
            } else {
                rejected.add(new RejectedFace(face, quality));
            }
        }
        List<Rejection> photoRejections = kept.isEmpty()
                ? rejected.stream().flatMap(r -> r.quality().rejections().stream()).toList()
                : List.of();
        return new PreparedPhoto(sourceName, image.width(), image.height(), Optional.of(hash), detections, kept,
                rejected, photoRejections, Optional.empty());
    }

    public FacePolicy facePolicy() {
        return policy;
    }

    public CropSettings cropSettings() {
        return cropper.settings();
    }

    public QualitySettings qualitySettings() {
        return filter.settings();
    }

    /** Closes the detector if this preparer created it. */
    @Override
    public void close() {
        if (ownsDetector) {
            detector.close();
        }
    }

    /** Collects the parts; every one has a default. */
    public static final class Builder {
        private ImageLoader loader = new ImageLoader();
        private FaceDetector detector;
        private CropSettings cropSettings = CropSettings.defaults();
        private QualitySettings qualitySettings = QualitySettings.defaults();
        private FacePolicy policy = FacePolicy.LARGEST;

        private Builder() {
        }

        public Builder loader(ImageLoader value) {
            this.loader = Objects.requireNonNull(value, "loader");
            return this;
        }

        /** A detector the caller keeps ownership of (it is not closed with the preparer). */
        public Builder detector(FaceDetector value) {
            this.detector = Objects.requireNonNull(value, "detector");
            return this;
        }

        public Builder cropSettings(CropSettings value) {
            this.cropSettings = Objects.requireNonNull(value, "cropSettings");
            return this;
        }

        public Builder qualitySettings(QualitySettings value) {
            this.qualitySettings = Objects.requireNonNull(value, "qualitySettings");
            return this;
        }

        public Builder facePolicy(FacePolicy value) {
            this.policy = Objects.requireNonNull(value, "facePolicy");
            return this;
        }

        public PhotoPreparer build() {
            return new PhotoPreparer(this);
        }
    }
}
