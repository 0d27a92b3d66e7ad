package dev.facetype.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.facetype.classifier.Preprocessing.Normalisation;
import dev.facetype.vision.RasterImage;
import dev.facetype.vision.crop.CropSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreprocessingTest {

    private static final int PLANE = 64;
    private static final CropSettings GRAY_8X8 = new CropSettings(0.2, 8, 1, false);
    private static final CropSettings RGB_8X8 = new CropSettings(0.2, 8, 3, false);

    @Test
    void normalisationsHaveCommandLineNamesThatParseBack() {
        assertEquals("per-channel", Normalisation.PER_CHANNEL.cliName());
        assertEquals("per-image", Normalisation.PER_IMAGE.cliName());
        assertSame(Normalisation.PER_IMAGE, Normalisation.fromCliName(" Per-Image "));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Normalisation.fromCliName("per-face"));
        assertEquals("--normalise must be per-channel or per-image, got 'per-face'", error.getMessage());
    }

    @Test
    void perChannelUsesTheMeasuredMeanAndStd() {
        Preprocessing measured = Preprocessing.unnormalised(GRAY_8X8)
                .measuredOn(List.of(halves(0, 255)));
        assertArrayEquals(new float[] {0.5f}, measured.mean());
        assertArrayEquals(new float[] {0.5f}, measured.std());
        assertArrayEquals(halves(-1f, 1f), encode(measured, halves(0, 255)), 1e-6f);
    }

    @Test
    void perImageGivesEachCropZeroMeanAndUnitStdWhateverItsBrightnessAndContrast() {
        Preprocessing perImage = Preprocessing.unnormalised(GRAY_8X8, Normalisation.PER_IMAGE);
        // Mean 50, std 40 (above the floor of 255 / sqrt(64)): exactly -1 and 1.
        assertArrayEquals(halves(-1f, 1f), encode(perImage, halves(10, 90)), 1e-6f);
        // The same face twice as bright and with twice the contrast reaches the network unchanged.
        assertArrayEquals(encode(perImage, halves(10, 90)), encode(perImage, halves(20, 180)), 1e-6f);
        // Measuring on training crops changes nothing: the normalisation is the crop's own.
        assertSame(perImage, perImage.measuredOn(List.of(halves(0, 255))));
    }

    @Test
    void perImageMeasuresAcrossAllChannelsSoColourIsKept() {
        Preprocessing perImage = Preprocessing.unnormalised(RGB_8X8, Normalisation.PER_IMAGE);
        // Red 120, green 60, blue 0 in every pixel: mean 60, std sqrt(7200/3).
        byte[] pixels = new byte[PLANE * 3];
        for (int p = 0; p < PLANE; p++) {
            pixels[p * 3] = 120;
            pixels[p * 3 + 1] = 60;
        }
        float[] out = encode(perImage, RasterImage.of(8, 8, 3, pixels));
        float unit = (float) (60 / Math.sqrt(7200.0 / 3));
        float[] expected = new float[PLANE * 3];
        java.util.Arrays.fill(expected, 0, PLANE, unit);
        java.util.Arrays.fill(expected, 2 * PLANE, 3 * PLANE, -unit);
        assertArrayEquals(expected, out, 1e-5f);
    }

    @Test
    void aNearlyFlatCropIsNotBlownUp() {
        Preprocessing perImage = Preprocessing.unnormalised(GRAY_8X8, Normalisation.PER_IMAGE);
        // Std 1, below the floor 255 / sqrt(64) = 31.875, which divides instead.
        float step = (float) (1 / 31.875);
        assertArrayEquals(halves(-step, step), encode(perImage, halves(76, 78)), 1e-6f);
    }

    @Test
    void aFlatCropStaysFinite() {
        Preprocessing perImage = Preprocessing.unnormalised(GRAY_8X8, Normalisation.PER_IMAGE);
        assertArrayEquals(new float[PLANE], encode(perImage, halves(77, 77)), 0f);
    }

    @Test
    void theNormalisationIsSavedAndOlderModelsReadAsPerChannel() {
        Preprocessing perImage = Preprocessing.unnormalised(GRAY_8X8, Normalisation.PER_IMAGE);
        assertEquals(perImage, Preprocessing.fromMap(perImage.toMap()));
        assertEquals(Normalisation.PER_IMAGE, Preprocessing.fromMap(perImage.toMap()).normalisation());

        Map<String, Object> older = Map.of("inputSize", 8, "channels", 1, "cropMargin", 0.2, "alignEyes", false,
                "normalisation", "(pixel/255 - mean) / std per channel", "mean", List.of(0.5), "std", List.of(0.25));
        Preprocessing read = Preprocessing.fromMap(older);
        assertEquals(Normalisation.PER_CHANNEL, read.normalisation());
        assertArrayEquals(halves(-2f, 2f), encode(read, halves(0, 255)), 1e-6f);
    }

    /** An 8 x 8 gray crop: the top half {@code top}, the bottom half {@code bottom}. */
    private static RasterImage halves(int top, int bottom) {
        byte[] pixels = new byte[PLANE];
        java.util.Arrays.fill(pixels, 0, PLANE / 2, (byte) top);
        java.util.Arrays.fill(pixels, PLANE / 2, PLANE, (byte) bottom);
        return RasterImage.of(8, 8, 1, pixels);
    }

    private static float[] halves(float top, float bottom) {
        float[] values = new float[PLANE];
        java.util.Arrays.fill(values, 0, PLANE / 2, top);
        java.util.Arrays.fill(values, PLANE / 2, PLANE, bottom);
        return values;
    }

    private static float[] encode(Preprocessing preprocessing, RasterImage image) {
        float[] out = new float[preprocessing.sampleSize()];
        preprocessing.encode(image, out, 0);
        return out;
    }
}
