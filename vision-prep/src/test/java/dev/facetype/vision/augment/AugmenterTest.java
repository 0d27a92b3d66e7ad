package dev.facetype.vision.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.TestImages;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each transform checked by the numbers it promises. */
class AugmenterTest {

    /** Samples in 100..156: contrast up to 1.6 and noise of sigma 10 stay clear of clipping. */
    private static final RasterImage MID_GRAY = TestImages.random(256, 256, 1, 100, 156, 11);
    private static final RasterImage COLOUR_CROP = TestImages.random(48, 48, 3, 0, 255, 12);

    private final Augmenter augmenter = new Augmenter();

    @Test
    void flipTwiceIsTheIdentity() {
        RasterImage once = ImageAdjustments.flipHorizontal(COLOUR_CROP);
        assertNotEquals(COLOUR_CROP, once);
        assertEquals(COLOUR_CROP, ImageAdjustments.flipHorizontal(once));
    }

    @Test
    void flipMirrorsLeftAndRight() {
        RasterImage once = ImageAdjustments.flipHorizontal(COLOUR_CROP);
        for (int c = 0; c < 3; c++) {
            assertEquals(COLOUR_CROP.sample(0, 5, c), once.sample(47, 5, c));
            assertEquals(COLOUR_CROP.sample(10, 20, c), once.sample(37, 20, c));
        }
    }

    @Test
    void contrastLevelsMultiplyTheStandardDeviationByTheirFactor() {
        AugmentationSettings settings = AugmentationSettings.defaults();
        double[] expected = {1.0, 1.2, 1.4, 1.6};
        for (ContrastLevel level : ContrastLevel.values()) {
            assertEquals(expected[level.ordinal()], settings.contrastFactor(level));
            RasterImage out = augmenter.augment(MID_GRAY, new AugmentationVariant(level, false, false), 1);
            assertEquals(expected[level.ordinal()] * std(MID_GRAY), std(out), 0.01 * std(MID_GRAY), level.name());
            assertEquals(mean(MID_GRAY), mean(out), 0.5, level + " keeps the mean");
        }
    }

    @Test
    void noiseHasTheDocumentedSigmaAndZeroMean() {
        RasterImage noisy = augmenter.augment(MID_GRAY, new AugmentationVariant(ContrastLevel.NONE, true, false), 99);
        byte[] before = MID_GRAY.toByteArray();
        byte[] after = noisy.toByteArray();
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < before.length; i++) {
            int diff = (after[i] & 0xFF) - (before[i] & 0xFF);
            sum += diff;
            sumSquares += diff * diff;
        }
        double meanDiff = sum / before.length;
        double sigma = Math.sqrt(sumSquares / before.length - meanDiff * meanDiff);
        assertEquals(0.0, meanDiff, 0.1, "noise mean");
        // Rounding to whole levels adds a variance of 1/12.
        assertEquals(Math.sqrt(10 * 10 + 1.0 / 12), sigma, 0.15, "noise sigma");
    }

    @Test
    void sameSeedSameResultOtherSeedOtherNoise() {
        for (int variant = 0; variant < AugmentationVariant.COUNT; variant++) {
            assertEquals(augmenter.augment(COLOUR_CROP, variant, 7), augmenter.augment(COLOUR_CROP, variant, 7));
        }
        RasterImage a = augmenter.augment(COLOUR_CROP, 2, 7);
        RasterImage b = augmenter.augment(COLOUR_CROP, 2, 8);
        assertNotEquals(a, b, "variant 2 has noise, which follows the seed");
        assertEquals(augmenter.augment(COLOUR_CROP, 1, 7), augmenter.augment(COLOUR_CROP, 1, 8),
                "variant 1 (flip only) has nothing random");
    }

    @Test
    void sixteenDistinctVariantsNumberedAsDocumented() {
        assertEquals(COLOUR_CROP, augmenter.augment(COLOUR_CROP, 0, 3), "variant 0 is the crop itself");
        Set<RasterImage> seen = new HashSet<>();
        for (int i = 0; i < AugmentationVariant.COUNT; i++) {
            AugmentationVariant variant = AugmentationVariant.of(i);
            assertEquals(i, variant.index());
            assertEquals(ContrastLevel.values()[i / 4], variant.contrast());
            assertEquals(i % 4 >= 2, variant.noise());
            assertEquals(i % 2 == 1, variant.flip());
            assertTrue(seen.add(augmenter.augment(MID_GRAY, i, 3)), "variant " + i + " differs from the others");
        }
        assertThrows(IllegalArgumentException.class, () -> augmenter.augment(COLOUR_CROP, 16, 0));
        assertThrows(IllegalArgumentException.class, () -> augmenter.augment(COLOUR_CROP, -1, 0));
    }

    /** The flip variant is the mirror image of the unflipped one with the same seed. */
    @Test
    void flippedVariantIsTheMirrorOfItsTwin() {
        for (int even = 0; even < 16; even += 2) {
            RasterImage plain = augmenter.augment(COLOUR_CROP, even, 5);
            RasterImage flipped = augmenter.augment(COLOUR_CROP, even + 1, 5);
            assertEquals(ImageAdjustments.flipHorizontal(plain), flipped, "variant " + (even + 1));
        }
    }

    @Test
    void extrasAreOffByDefaultAndDeterministicWhenOn() {
        assertTrue(!AugmentationSettings.defaults().hasExtras());
        Augmenter jitter = new Augmenter(AugmentationSettings.defaults().withMaxRotationDegrees(10)
                .withMaxShiftFraction(0.05).withMaxScaleJitter(0.1).withMaxBrightnessShift(20));
        RasterImage a = jitter.augment(COLOUR_CROP, 0, 21);
        assertNotEquals(COLOUR_CROP, a, "extras change even variant 0");
        assertEquals(a, jitter.augment(COLOUR_CROP, 0, 21));
        assertNotEquals(a, jitter.augment(COLOUR_CROP, 0, 22));
    }

    @Test
    void brightnessShiftAndRotationBehave() {
        RasterImage brighter = ImageAdjustments.shiftBrightness(MID_GRAY, 20);
        assertEquals(mean(MID_GRAY) + 20, mean(brighter), 1e-9);
        RasterImage ramp = horizontalRamp(64);
        RasterImage halfTurn = ImageAdjustments.rotateScaleShift(ramp, 180, 1, 0, 0);
        assertEquals(ImageAdjustments.flipHorizontal(ramp), halfTurn, "a half turn of a horizontal ramp mirrors it");
        RasterImage shifted = ImageAdjustments.rotateScaleShift(ramp, 0, 1, 4, 0);
        assertEquals(ramp.sample(20, 10, 0), shifted.sample(24, 10, 0), "a shift of 4 px to the right");
    }

    /** The noise's normal values come from the generator alone: same sequence, same picture. */
    @Test
    void noiseDependsOnlyOnTheGenerator() {
        RasterImage a = ImageAdjustments.addGaussianNoise(MID_GRAY, 10, new SplittableRandom(4));
        RasterImage b = ImageAdjustments.addGaussianNoise(MID_GRAY, 10, new SplittableRandom(4));
        assertEquals(a, b);
    }

    private static RasterImage horizontalRamp(int size) {
        byte[] pixels = new byte[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                pixels[y * size + x] = (byte) (x * 4);
            }
        }
        return RasterImage.of(size, size, 1, pixels);
    }

    static double mean(RasterImage image) {
        return ImageAdjustments.mean(image.toByteArray());
    }

    static double std(RasterImage image) {
        double mean = mean(image);
        double sum = 0;
        for (byte b : image.toByteArray()) {
            double d = (b & 0xFF) - mean;
            sum += d * d;
        }
        return Math.sqrt(sum / image.toByteArray().length);
    }
}
