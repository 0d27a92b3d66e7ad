package dev.facetype.vision;

import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.quality.FaceQuality;

/** A detected face that failed a quality check; {@link FaceQuality#rejections()} says which. */
public record RejectedFace(DetectedFace detection, FaceQuality quality) {
}
