package dev.facetype.vision.augment;

import dev.facetype.vision.RasterImage;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Makes the study's 16 variants of a face crop: contrast {none, low, medium, high} x Gaussian noise {off, on}
 * x horizontal flip {off, on} (see {@link AugmentationVariant} for the numbering). With the default settings:
 *
 * <ul>
 *   <li>contrast: each sample moved 1.0, 1.2, 1.4 or 1.6 times as far from the crop's mean, clipped to
 *       0..255, so the standard deviation grows by that factor;</li>
 *   <li>noise: zero-mean Gaussian noise with sigma 10 levels, independent for every sample;</li>
 *   <li>flip: the mirror image.</li>
 * </ul>
 *
 * They are applied in the order (extras), contrast, noise, flip. The extras of {@link AugmentationSettings}
 * (rotation, shift, scale, brightness) are off by default; when on they are drawn at random for each call
 * and applied first.
 *
 * <p>The result depends only on the crop, the variant, the seed and the settings: the same call gives the
 * same pixels on every run, thread and machine. Stateless and safe for concurrent use.
 */
public final class Augmenter {

    private final AugmentationSettings settings;

    /** An augmenter with {@link AugmentationSettings#defaults()}. */
    public Augmenter() {
        this(AugmentationSettings.defaults());
    }

    public Augmenter(AugmentationSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public AugmentationSettings settings() {
        return settings;
    }

    /**
     * Variant {@code variant} (0..15) of {@code crop}; {@code seed} drives the noise and the extras.
     *
     * @throws IllegalArgumentException if {@code variant} is outside 0..15
     */
    public RasterImage augment(RasterImage crop, int variant, long seed) {
        return augment(crop, AugmentationVariant.of(variant), seed);
    }

    /** The given variant of {@code crop}. */
    public RasterImage augment(RasterImage crop, AugmentationVariant variant, long seed) {
        Objects.requireNonNull(crop, "crop");
        SplittableRandom random = new SplittableRandom(seed);
        RasterImage image = crop;
        if (settings.hasExtras()) {
            image = applyExtras(image, random);
        }
        image = ImageAdjustments.scaleContrast(image, settings.contrastFactor(variant.contrast()));
        if (variant.noise() && settings.noiseSigma() > 0) {
            image = ImageAdjustments.addGaussianNoise(image, settings.noiseSigma(), random);
        }
        if (variant.flip()) {
            image = ImageAdjustments.flipHorizontal(image);
        }
        return image;
    }

    private RasterImage applyExtras(RasterImage image, SplittableRandom random) {
        // Always draw all four, so switching one extra on does not change the others' values.
        double degrees = symmetric(random, settings.maxRotationDegrees());
        double scale = 1 + symmetric(random, settings.maxScaleJitter());
        double shiftX = symmetric(random, settings.maxShiftFraction()) * image.width();
        double shiftY = symmetric(random, settings.maxShiftFraction()) * image.height();
        double brightness = symmetric(random, settings.maxBrightnessShift());
        RasterImage moved = ImageAdjustments.rotateScaleShift(image, degrees, scale, shiftX, shiftY);
        return ImageAdjustments.shiftBrightness(moved, brightness);
    }

    /** Uniform in [-max, max]; draws one number even when max is 0. */
    private static double symmetric(SplittableRandom random, double max) {
        return (random.nextDouble() * 2 - 1) * max;
    }
}
