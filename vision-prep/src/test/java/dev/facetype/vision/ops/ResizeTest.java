package dev.facetype.vision.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.TestImages;
import org.junit.jupiter.api.Test;

class ResizeTest {

    /** Halving averages each 2x2 block exactly. */
    @Test
    void shrinkingByTwoAveragesBlocks() {
        RasterImage image = RasterImage.of(4, 2, 1, new byte[] {0, 10, 20, 40, 100, 90, 60, 80});
        RasterImage half = Resize.to(image, 2, 1);
        assertEquals(50, half.sample(0, 0, 0)); // (0 + 10 + 100 + 90) / 4
        assertEquals(50, half.sample(1, 0, 0)); // (20 + 40 + 60 + 80) / 4
    }

    /** Shrinking 3 pixels to 2: each output covers 1.5 source pixels, weighted by coverage. */
    @Test
    void fractionalCoverageIsWeighted() {
        RasterImage image = RasterImage.of(3, 1, 1, new byte[] {0, 90, (byte) 180});
        RasterImage out = Resize.to(image, 2, 1);
        assertEquals(30, out.sample(0, 0, 0)); // (1 * 0 + 0.5 * 90) / 1.5
        assertEquals(150, out.sample(1, 0, 0)); // (0.5 * 90 + 1 * 180) / 1.5
    }

    @Test
    void meanIsKeptWhenShrinking() {
        RasterImage image = TestImages.random(300, 200, 3, 0, 255, 5);
        RasterImage small = Resize.to(image, 30, 20);
        assertEquals(mean(image), mean(small), 0.5);
    }

    @Test
    void constantImagesStayConstantAtAnySize() {
        RasterImage gray = RasterImage.of(5, 5, 1, filled(25, 77));
        for (int size : new int[] {1, 3, 7, 48}) {
            RasterImage out = Resize.to(gray, size, size);
            for (byte b : out.toByteArray()) {
                assertEquals(77, b & 0xFF, "size " + size);
            }
        }
    }

    @Test
    void regionPicksThePartAsked() {
        byte[] pixels = new byte[10 * 10];
        for (int y = 5; y < 10; y++) {
            for (int x = 5; x < 10; x++) {
                pixels[y * 10 + x] = (byte) 200;
            }
        }
        RasterImage image = RasterImage.of(10, 10, 1, pixels);
        assertEquals(200, Resize.region(image, 5, 5, 5, 5, 1, 1).sample(0, 0, 0));
        assertEquals(0, Resize.region(image, 0, 0, 5, 5, 1, 1).sample(0, 0, 0));
    }

    /** Enlarging interpolates: a two-pixel ramp becomes a smooth ramp. */
    @Test
    void enlargingInterpolates() {
        RasterImage image = RasterImage.of(2, 1, 1, new byte[] {0, 100});
        RasterImage out = Resize.to(image, 4, 1);
        assertEquals(0, out.sample(0, 0, 0));
        assertEquals(25, out.sample(1, 0, 0));
        assertEquals(75, out.sample(2, 0, 0));
        assertEquals(100, out.sample(3, 0, 0));
    }

    static double mean(RasterImage image) {
        long sum = 0;
        for (byte b : image.toByteArray()) {
            sum += b & 0xFF;
        }
        return (double) sum / image.toByteArray().length;
    }

    private static byte[] filled(int n, int value) {
        byte[] bytes = new byte[n];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
