package dev.facetype.vision.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.TestImages;
import org.junit.jupiter.api.Test;

class ResizeTest {

    /**
     * The resize sums each output value's taps in the same order as a plain per-value loop (the way it was
     * first written), so it gives the same bytes: shrinking, enlarging and regions partly outside, gray and RGB.
     */
    @Test
    void sameBytesAsAPlainPerValueLoop() {
        double[][] regions = {{0, 0, 512, 384}, {37.25, 12.5, 301.7, 301.7}, {-20, -10, 90, 120}, {5, 5, 20, 30}};
        int[][] sizes = {{320, 240}, {48, 48}, {97, 61}, {200, 300}};
        for (int channels : new int[] {1, 3}) {
            RasterImage image = TestImages.random(512, 384, channels, 0, 255, 11 + channels);
            for (double[] r : regions) {
                for (int[] size : sizes) {
                    assertArrayEquals(plainLoop(image, r[0], r[1], r[2], r[3], size[0], size[1]),
                            Resize.region(image, r[0], r[1], r[2], r[3], size[0], size[1]).toByteArray(),
                            channels + " channels, region " + java.util.Arrays.toString(r) + " to "
                                    + size[0] + "x" + size[1]);
                }
            }
        }
    }

    /** The reference: one value at a time, each a sum over its horizontal taps, then over its vertical taps. */
    private static byte[] plainLoop(RasterImage image, double x, double y, double regionWidth, double regionHeight,
                                    int width, int height) {
        int channels = image.channels();
        int srcWidth = image.width();
        byte[] src = image.toByteArray();
        Object[] h = taps(x, regionWidth, width, srcWidth);
        Object[] v = taps(y, regionHeight, height, image.height());
        int[] hStart = (int[]) h[0];
        int[] hIndex = (int[]) h[1];
        float[] hWeight = (float[]) h[2];
        int[] vStart = (int[]) v[0];
        int[] vIndex = (int[]) v[1];
        float[] vWeight = (float[]) v[2];
        float[] rows = new float[image.height() * width * channels];
        for (int r = 0; r < image.height(); r++) {
            for (int ox = 0; ox < width; ox++) {
                for (int c = 0; c < channels; c++) {
                    float sum = 0;
                    for (int t = hStart[ox]; t < hStart[ox + 1]; t++) {
                        sum += hWeight[t] * (src[(r * srcWidth + hIndex[t]) * channels + c] & 0xFF);
                    }
                    rows[(r * width + ox) * channels + c] = sum;
                }
            }
        }
        byte[] out = new byte[width * height * channels];
        for (int oy = 0; oy < height; oy++) {
            for (int ox = 0; ox < width; ox++) {
                for (int c = 0; c < channels; c++) {
                    float sum = 0;
                    for (int t = vStart[oy]; t < vStart[oy + 1]; t++) {
                        sum += vWeight[t] * rows[(vIndex[t] * width + ox) * channels + c];
                    }
                    out[(oy * width + ox) * channels + c] = (byte) Math.max(0, Math.min(255, Math.round(sum)));
                }
            }
        }
        return out;
    }

    /** Start, source index and weight of each output's taps: area averaging when shrinking, else bilinear. */
    private static Object[] taps(double origin, double length, int outputs, int sourceSize) {
        double scale = length / outputs;
        int[] start = new int[outputs + 1];
        int[] index = new int[outputs * ((int) Math.ceil(scale) + 2)];
        float[] weight = new float[index.length];
        int n = 0;
        for (int o = 0; o < outputs; o++) {
            start[o] = n;
            if (scale >= 1) {
                double from = origin + o * scale;
                double to = from + scale;
                for (int s = (int) Math.floor(from); s < to; s++) {
                    double covered = Math.min(to, s + 1) - Math.max(from, s);
                    if (covered > 1e-9) {
                        index[n] = Math.max(0, Math.min(s, sourceSize - 1));
                        weight[n++] = (float) (covered / scale);
                    }
                }
            } else {
                double position = origin + (o + 0.5) * scale - 0.5;
                int left = (int) Math.floor(position);
                double fraction = position - left;
                index[n] = Math.max(0, Math.min(left, sourceSize - 1));
                weight[n++] = (float) (1 - fraction);
                index[n] = Math.max(0, Math.min(left + 1, sourceSize - 1));
                weight[n++] = (float) fraction;
            }
        }
        start[outputs] = n;
        return new Object[] {start, index, weight};
    }

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
