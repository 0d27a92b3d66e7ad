package dev.facetype.vision;

import dev.facetype.vision.crop.FaceCrop;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.FaceBox;
import dev.facetype.vision.quality.FaceQuality;
import java.util.Objects;

/**
 * A face that passed the quality checks, cropped.
 *
 * @param crop the crop and the region of the photo it came from
 * @param detection the detector's box, score and landmarks, in pixels of the upright photo
 * @param quality the measured size and sharpness
 */
public record PreparedFace(FaceCrop crop, DetectedFace detection, FaceQuality quality) {

    public PreparedFace {
        Objects.requireNonNull(crop, "crop");
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(quality, "quality");
    }

    /** The crop's pixels. */
    public RasterImage image() {
        return crop.image();
    }

    /** The face box in the upright photo. */
    public FaceBox box() {
        return detection.box();
    }

    /** The detector's score. */
    public double score() {
        return detection.score();
    }
}
