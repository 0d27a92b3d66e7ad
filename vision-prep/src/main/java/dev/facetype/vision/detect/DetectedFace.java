package dev.facetype.vision.detect;

import java.util.Objects;
import java.util.Optional;

/**
 * One face found by a {@link FaceDetector}.
 *
 * @param box where the face is, in pixels of the image given to the detector
 * @param score the detector's confidence; YuNet gives 0..1, the Haar cascade the number of overlapping raw
 *     detections merged into this one, so scores of different detectors are not comparable
 * @param landmarks eyes, nose tip and mouth corners when the detector gives them (YuNet does, Haar does not)
 */
public record DetectedFace(FaceBox box, double score, Optional<FaceLandmarks> landmarks) {

    public DetectedFace {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(landmarks, "landmarks");
    }

    /** A face without landmarks. */
    public DetectedFace(FaceBox box, double score) {
        this(box, score, Optional.empty());
    }
}
