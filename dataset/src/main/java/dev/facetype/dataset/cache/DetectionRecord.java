package dev.facetype.dataset.cache;

import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.quality.PerceptualHash;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What decoding and face detection made of a photo's bytes, before any crop or quality setting applies: the
 * first level of the cache, so that a new crop margin or size re-crops without detecting again.
 *
 * @param loadFailure set when the bytes could not be decoded (then the rest is empty)
 * @param width       upright photo width in pixels
 * @param height      upright photo height in pixels
 * @param photoHash   the whole photo's perceptual hash
 * @param detections  every face the detector found, most confident first
 */
public record DetectionRecord(Optional<LoadFailure> loadFailure, int width, int height,
                              Optional<PerceptualHash> photoHash, List<DetectedFace> detections) {

    public DetectionRecord {
        Objects.requireNonNull(loadFailure, "loadFailure");
        Objects.requireNonNull(photoHash, "photoHash");
        detections = List.copyOf(detections);
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("photo size must not be negative: " + width + "x" + height);
        }
    }

    /** The record of bytes that could not be decoded. */
    public static DetectionRecord failed(LoadFailure failure) {
        return new DetectionRecord(Optional.of(failure), 0, 0, Optional.empty(), List.of());
    }
}
