package dev.facetype.vision.augment;

/**
 * Parameters of the {@link Augmenter}; immutable. The first four are the study's 16 variants; the extras
 * are random jitter, off (0) by default, drawn uniformly from {@code [-max, +max]} with the call's seed.
 *
 * @param lowContrast contrast stretch of {@link ContrastLevel#LOW} (default 1.2)
 * @param mediumContrast contrast stretch of {@link ContrastLevel#MEDIUM} (default 1.4)
 * @param highContrast contrast stretch of {@link ContrastLevel#HIGH} (default 1.6)
 * @param noiseSigma standard deviation of the zero-mean Gaussian noise added to every sample, in levels of
 *     0..255 (default 10)
 * @param maxRotationDegrees extra: rotation about the centre (default 0, off)
 * @param maxShiftFraction extra: shift in x and in y, as a fraction of the side (default 0, off)
 * @param maxScaleJitter extra: zoom by {@code 1 + u}, {@code u} in {@code [-max, max]} (default 0, off)
 * @param maxBrightnessShift extra: levels added to every sample (default 0, off)
 */
public record AugmentationSettings(double lowContrast, double mediumContrast, double highContrast, double noiseSigma,
                                   double maxRotationDegrees, double maxShiftFraction, double maxScaleJitter,
                                   double maxBrightnessShift) {

    public AugmentationSettings {
        requireInRange("lowContrast", lowContrast, 0, 10);
        requireInRange("mediumContrast", mediumContrast, 0, 10);
        requireInRange("highContrast", highContrast, 0, 10);
        requireInRange("noiseSigma", noiseSigma, 0, 128);
        requireInRange("maxRotationDegrees", maxRotationDegrees, 0, 180);
        requireInRange("maxShiftFraction", maxShiftFraction, 0, 0.5);
        requireInRange("maxScaleJitter", maxScaleJitter, 0, 0.9);
        requireInRange("maxBrightnessShift", maxBrightnessShift, 0, 255);
    }

    /** The study's 16 variants with contrast 1.2 / 1.4 / 1.6, noise sigma 10, no extras. */
    public static AugmentationSettings defaults() {
        return new AugmentationSettings(1.2, 1.4, 1.6, 10, 0, 0, 0, 0);
    }

    /** The stretch factor of a contrast level. */
    public double contrastFactor(ContrastLevel level) {
        return switch (level) {
            case NONE -> 1.0;
            case LOW -> lowContrast;
            case MEDIUM -> mediumContrast;
            case HIGH -> highContrast;
        };
    }

    /** True when any extra jitter is switched on. */
    public boolean hasExtras() {
        return maxRotationDegrees > 0 || maxShiftFraction > 0 || maxScaleJitter > 0 || maxBrightnessShift > 0;
    }

    public AugmentationSettings withContrastFactors(double low, double medium, double high) {
        return new AugmentationSettings(low, medium, high, noiseSigma, maxRotationDegrees, maxShiftFraction,
                maxScaleJitter, maxBrightnessShift);
    }

    public AugmentationSettings withNoiseSigma(double value) {
        return new AugmentationSettings(lowContrast, mediumContrast, highContrast, value, maxRotationDegrees,
                maxShiftFraction, maxScaleJitter, maxBrightnessShift);
    }

    public AugmentationSettings withMaxRotationDegrees(double value) {
        return new AugmentationSettings(lowContrast, mediumContrast, highContrast, noiseSigma, value,
                maxShiftFraction, maxScaleJitter, maxBrightnessShift);
    }

    public AugmentationSettings withMaxShiftFraction(double value) {
        return new AugmentationSettings(lowContrast, mediumContrast, highContrast, noiseSigma, maxRotationDegrees,
                value, maxScaleJitter, maxBrightnessShift);
    }

    public AugmentationSettings withMaxScaleJitter(double value) {
        return new AugmentationSettings(lowContrast, mediumContrast, highContrast, noiseSigma, maxRotationDegrees,
                maxShiftFraction, value, maxBrightnessShift);
    }

    public AugmentationSettings withMaxBrightnessShift(double value) {
        return new AugmentationSettings(lowContrast, mediumContrast, highContrast, noiseSigma, maxRotationDegrees,
                maxShiftFraction, maxScaleJitter, value);
    }

    private static void requireInRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + value);
        }
    }
}
