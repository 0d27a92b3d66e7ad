package dev.facetype.dataset;

import dev.facetype.vision.RasterImage;
import java.util.List;

/** One mini-batch: the (augmented) crops and their label indices, in the same order. */
public record TrainingBatch(List<RasterImage> images, int[] labels) {

    public TrainingBatch {
        images = List.copyOf(images);
        if (labels.length != images.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + labels.length + " labels");
        }
    }

    public int size() {
        return labels.length;
    }
}
