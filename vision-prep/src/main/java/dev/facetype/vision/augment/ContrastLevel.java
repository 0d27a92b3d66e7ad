package dev.facetype.vision.augment;

/**
 * The study's four contrast settings. Each stretches every sample's distance from the image mean by a
 * factor (see {@link AugmentationSettings}), so the standard deviation of the samples grows by that factor
 * (less where values clip at 0 or 255).
 */
public enum ContrastLevel {
    /** Unchanged (factor 1). */
    NONE,
    /** Factor {@link AugmentationSettings#lowContrast()}, default 1.2. */
    LOW,
    /** Factor {@link AugmentationSettings#mediumContrast()}, default 1.4. */
    MEDIUM,
    /** Factor {@link AugmentationSettings#highContrast()}, default 1.6. */
    HIGH
}
