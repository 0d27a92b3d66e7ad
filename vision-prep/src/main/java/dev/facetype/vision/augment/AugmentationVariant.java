package dev.facetype.vision.augment;

/**
 * One of the study's 16 variants: contrast (4) x Gaussian noise (2) x horizontal flip (2), numbered
 * {@code index = 4 * contrast.ordinal() + 2 * (noise ? 1 : 0) + (flip ? 1 : 0)}. Variant 0 is the crop
 * itself; 1 is its mirror image; 15 is high contrast, noise and mirrored.
 */
public record AugmentationVariant(ContrastLevel contrast, boolean noise, boolean flip) {

    /** Number of variants. */
    public static final int COUNT = 16;

    public AugmentationVariant {
        java.util.Objects.requireNonNull(contrast, "contrast");
    }

    /** The variant with the given index, 0..15. */
    public static AugmentationVariant of(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("Augmentation variants are numbered 0.." + (COUNT - 1) + ", got " + index);
        }
        return new AugmentationVariant(ContrastLevel.values()[index / 4], (index / 2) % 2 == 1, index % 2 == 1);
    }

    /** This variant's index, 0..15. */
    public int index() {
        return 4 * contrast.ordinal() + (noise ? 2 : 0) + (flip ? 1 : 0);
    }

    /** A short label such as {@code "contrast=HIGH noise flip"}, for contact sheets and logs. */
    public String label() {
        return "contrast=" + contrast + (noise ? " noise" : "") + (flip ? " flip" : "");
    }
}
