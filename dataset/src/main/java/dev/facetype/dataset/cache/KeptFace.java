package dev.facetype.dataset.cache;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.detect.FaceBox;
import java.util.Objects;

/**
 * A face kept from a photo: where the detector found it and its crop.
 *
 * @param box   the detector's box in the upright photo
 * @param score the detector's confidence
 * @param crop  the 8-bit crop at the preparation settings' size and channels
 */
public record KeptFace(FaceBox box, double score, RasterImage crop) {

    public KeptFace {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(crop, "crop");
    }
}
