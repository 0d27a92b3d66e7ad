package dev.facetype.classifier;

import dev.facetype.vision.detect.FaceBox;
import java.util.List;

/**
 * The model's answer for one face.
 *
 * @param box           where the face is, in pixels of the (upright) photo
 * @param detectorScore the face detector's confidence
 * @param scores        every type with its probability, most probable first
 * @param uncertain     true when the top probability is below the classifier's minimum confidence
 */
public record FacePrediction(FaceBox box, double detectorScore, List<LabelScore> scores, boolean uncertain) {

    public FacePrediction {
        scores = List.copyOf(scores);
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("a prediction needs at least one score");
        }
    }

    /** The most probable type (even when {@link #uncertain()}). */
    public String label() {
        return scores.get(0).label();
    }

    /** The probability of the most probable type. */
    public double confidence() {
        return scores.get(0).probability();
    }
}
