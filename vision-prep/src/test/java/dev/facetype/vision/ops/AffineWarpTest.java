package dev.facetype.vision.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.TestImages;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AffineWarpTest {

    @Test
    void identityMapCopiesThePixels() {
        RasterImage image = TestImages.random(17, 11, 3, 0, 255, 3);
        assertEquals(image, AffineWarp.warp(image, 17, 11, 1, 0, 0, 0, 1, 0));
    }

    /**
     * At a quarter turn the output's x axis runs down the source and its y axis from right to left: the
     * source's right column becomes the output's first row.
     */
    @Test
    void quarterTurnOfASquare() {
        RasterImage image = RasterImage.of(2, 2, 1, new byte[] {10, 20, 30, 40});
        RasterImage turned = AffineWarp.rotatedSquare(image, 1, 1, 2, Math.PI / 2, 2);
        assertEquals(20, turned.sample(0, 0, 0));
        assertEquals(40, turned.sample(1, 0, 0));
        assertEquals(10, turned.sample(0, 1, 0));
        assertEquals(30, turned.sample(1, 1, 0));
    }

    @Test
    void bordersAreRepeatedNotBlack() {
        RasterImage image = TestImages.solid(8, 8, 200, 100, 50);
        RasterImage shifted = AffineWarp.warp(image, 8, 8, 1, 0, -20, 0, 1, -20);
        assertEquals(image, shifted);
    }

    /**
     * Every output byte equals the class's definition computed one sample at a time, for gray and for RGB
     * (which has its own unrolled path), under turns, scalings and shifts that reach past the borders.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void everySampleFollowsTheDefinition(int channels) {
        Random random = new Random(40 + channels);
        RasterImage image = TestImages.random(37, 29, channels, 0, 255, channels);
        for (int trial = 0; trial < 20; trial++) {
            double angle = random.nextDouble() * 2 * Math.PI;
            double scale = 0.3 + random.nextDouble() * 2;
            double a = Math.cos(angle) * scale;
            double b = -Math.sin(angle) * scale;
            double c = random.nextDouble() * 60 - 15;
            double d = Math.sin(angle) * scale;
            double e = Math.cos(angle) * scale;
            double f = random.nextDouble() * 50 - 12;
            int width = 1 + random.nextInt(40);
            int height = 1 + random.nextInt(40);
            RasterImage warped = AffineWarp.warp(image, width, height, a, b, c, d, e, f);
            for (int oy = 0; oy < height; oy++) {
                for (int ox = 0; ox < width; ox++) {
                    double u = a * (ox + 0.5) + b * (oy + 0.5) + c - 0.5;
                    double v = d * (ox + 0.5) + e * (oy + 0.5) + f - 0.5;
                    for (int ch = 0; ch < channels; ch++) {
                        assertEquals(bilinear(image, u, v, ch), warped.sample(ox, oy, ch),
                                "trial " + trial + " pixel (" + ox + ", " + oy + ") channel " + ch);
                    }
                }
            }
        }
    }

    /** The definition: bilinear between the four nearest pixel centres, borders repeated, rounded half up. */
    private static int bilinear(RasterImage image, double u, double v, int ch) {
        int x0 = (int) Math.floor(u);
        int y0 = (int) Math.floor(v);
        double fx = u - x0;
        double fy = v - y0;
        double top = (1 - fx) * at(image, x0, y0, ch) + fx * at(image, x0 + 1, y0, ch);
        double bottom = (1 - fx) * at(image, x0, y0 + 1, ch) + fx * at(image, x0 + 1, y0 + 1, ch);
        return (int) Math.round((1 - fy) * top + fy * bottom);
    }

    private static int at(RasterImage image, int x, int y, int ch) {
        return image.sample(Math.max(0, Math.min(image.width() - 1, x)), Math.max(0, Math.min(image.height() - 1, y)), ch);
    }
}
