package dev.facetype.vision.quality;

import java.util.List;

/**
 * The quality filter's verdict on one face.
 *
 * @param faceSize the shorter side of the face box in pixels
 * @param sharpness the variance of the Laplacian of the face (see {@link Sharpness#ofFace})
 * @param rejections why the face is unusable; empty when it is accepted
 */
public record FaceQuality(double faceSize, double sharpness, List<Rejection> rejections) {

    public FaceQuality {
        rejections = List.copyOf(rejections);
    }

    public boolean accepted() {
        return rejections.isEmpty();
    }
}
