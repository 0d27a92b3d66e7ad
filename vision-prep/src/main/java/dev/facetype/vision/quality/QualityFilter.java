package dev.facetype.vision.quality;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.detect.DetectedFace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Decides whether a detected face is good enough to train on, the way the study's authors sorted photos by
 * hand: big enough, sharp enough, not a copy of another photo. Stateless and safe for concurrent use.
 */
public final class QualityFilter {

    private final QualitySettings settings;

    public QualityFilter(QualitySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public QualitySettings settings() {
        return settings;
    }

    /** Measures one face of {@code photo} and lists every check it fails. */
    public FaceQuality assess(RasterImage photo, DetectedFace face) {
        List<Rejection> rejections = new ArrayList<>(2);
        double size = face.box().shortSide();
        if (size < settings.minFaceSize()) {
            rejections.add(new Rejection(RejectReason.FACE_TOO_SMALL, String.format(Locale.ROOT,
                    "face is %.0f px, below the minimum of %d px", size, settings.minFaceSize())));
        }
        double sharpness = Sharpness.ofFace(photo, face.box());
        if (sharpness < settings.minSharpness()) {
            rejections.add(new Rejection(RejectReason.BLURRY, String.format(Locale.ROOT,
                    "face sharpness (variance of the Laplacian) is %.0f, below the minimum of %.0f",
                    sharpness, settings.minSharpness())));
        }
        return new FaceQuality(size, sharpness, rejections);
    }

    /** True when near-duplicate checking is on and the two hashes are within the configured distance. */
    public boolean isNearDuplicate(PerceptualHash a, PerceptualHash b) {
        return settings.maxHashDistance() >= 0 && a.distance(b) <= settings.maxHashDistance();
    }

    /** A {@link RejectReason#NEAR_DUPLICATE} rejection naming the earlier photo. */
    public Rejection nearDuplicateOf(String earlierPhoto, int distance) {
        return new Rejection(RejectReason.NEAR_DUPLICATE, "near-duplicate of " + earlierPhoto
                + " (perceptual hash distance " + distance + ", limit " + settings.maxHashDistance() + ")");
    }
}
