package dev.facetype.vision.crop;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.detect.FaceBox;
import java.util.Objects;

/**
 * A face cut out of a photo.
 *
 * @param image the square crop, {@link CropSettings#outputSize()} pixels wide with
 *     {@link CropSettings#channels()} channels
 * @param faceBox the detector's box in the source photo
 * @param cropRegion the square of the source photo that was resampled (before any rotation), inside the photo
 * @param rotation the angle in radians the crop was turned by to level the eyes; 0 without alignment
 */
public record FaceCrop(RasterImage image, FaceBox faceBox, FaceBox cropRegion, double rotation) {

    public FaceCrop {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(faceBox, "faceBox");
        Objects.requireNonNull(cropRegion, "cropRegion");
    }
}
