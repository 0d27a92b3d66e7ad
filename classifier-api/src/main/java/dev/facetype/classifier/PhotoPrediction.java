package dev.facetype.classifier;

import java.util.List;

/**
 * The model's answer for one photo: one prediction per face found, largest face first. A photo without a
 * face is an answer too (an empty list), not an error.
 *
 * @param source the file name or other name the photo was given under
 * @param width  the upright photo's width in pixels
 * @param height the upright photo's height in pixels
 */
public record PhotoPrediction(String source, int width, int height, List<FacePrediction> faces) {

    public PhotoPrediction {
        faces = List.copyOf(faces);
    }

    public boolean noFaceFound() {
        return faces.isEmpty();
    }
}
