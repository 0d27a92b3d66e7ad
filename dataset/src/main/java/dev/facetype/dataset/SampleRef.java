package dev.facetype.dataset;

import dev.facetype.vision.augment.AugmentationVariant;

/**
 * A sample as one side of a split uses it: the crop itself ({@link #ORIGINAL}) or one of the study's 16
 * augmented variants (0..15, see {@link AugmentationVariant}). Memory holds the crops only; variants are
 * made on the fly.
 */
public record SampleRef(FaceSample sample, int variant) {

    /** The crop as it is, with no augmentation at all. */
    public static final int ORIGINAL = -1;

    public SampleRef {
        if (variant < ORIGINAL || variant >= AugmentationVariant.COUNT) {
            throw new IllegalArgumentException("variant must be ORIGINAL or 0.." + (AugmentationVariant.COUNT - 1)
                    + ", got " + variant);
        }
    }

    public static SampleRef original(FaceSample sample) {
        return new SampleRef(sample, ORIGINAL);
    }

    public boolean isOriginal() {
        return variant == ORIGINAL;
    }
}
