package dev.facetype.cnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every pointwise kernel (plain, vector) against the double-precision sum written out: filter counts around the
 * block of eight, pixel ranges around the vector blocks and the packed runs, offsets, a separate output stride,
 * with and without the ReLU; and the implementations agree to the bit whatever the range of a call.
 */
class Pointwise1x1Test {

    private static List<Pointwise1x1> kernels() {
        List<Pointwise1x1> kernels = new ArrayList<>(List.of(Pointwise1x1.named("scalar")));
        if (Sgemm.vectorAvailable()) {
            kernels.add(Pointwise1x1.named("vector"));
        }
        kernels.add(Pointwise1x1.selected());
        return kernels;
    }

    @Test
    void everyKernelComputesTheWeightedSums() {
        int[][] cases = {
                // channels, filters, pixels, from, to
                {1, 1, 7, 0, 7},
                {3, 9, 50, 1, 49},
                {16, 16, 1000, 0, 1000},
                {5, 17, 301, 13, 300},
                {64, 10, 256, 0, 256},
                {300, 8, 130, 2, 129},   // more channels than one packed run holds at 48 pixels
                {2, 4, 2100, 5, 2099},
        };
        SplittableRandom random = new SplittableRandom(83);
        for (int[] c : cases) {
            int channels = c[0];
            int filters = c[1];
            int pixels = c[2];
            int from = c[3];
            int to = c[4];
            float[] in = gaussians(random, 3 + channels * pixels);
            float[] w = gaussians(random, 2 + filters * channels + filters);
            int outStride = pixels + 11;
            for (boolean relu : new boolean[] {false, true}) {
                for (Pointwise1x1 kernel : kernels()) {
                    float[] out = new float[7 + filters * outStride];
                    Arrays.fill(out, Float.NaN);
                    kernel.forward(in, 3, channels, pixels, w, 2, filters, out, 7, outStride, from, to, relu,
                            new float[Pointwise1x1.scratchSize(channels)]);
                    for (int f = 0; f < filters; f++) {
                        for (int p = 0; p < outStride; p++) {
                            float actual = out[7 + f * outStride + p];
                            if (p < from || p >= to) {
                                assertEquals(Float.NaN, actual, kernel.name() + " wrote outside the range");
                                continue;
                            }
                            double expected = w[2 + filters * channels + f];
                            double magnitude = Math.abs(expected);
                            for (int ch = 0; ch < channels; ch++) {
                                double term = (double) w[2 + f * channels + ch] * in[3 + ch * pixels + p];
                                expected += term;
                                magnitude += Math.abs(term);
                            }
                            if (relu) {
                                expected = Math.max(0, expected);
                            }
                            assertEquals(expected, actual, 1e-6 * magnitude + 1e-7, kernel.name() + " "
                                    + Arrays.toString(c) + " relu " + relu + " filter " + f + " pixel " + p);
                        }
                    }
                }
            }
        }
    }

    @Test
    void resultsDoNotDependOnHowThePixelsAreSplit() {
        // channels, filters, pixels, pixels per call: odd runs of 37, and the calls of a fused 1x1 + depthwise
        // layer in YuNet (4 rows of 128 pixels: whole blocks of three vectors, then one or two vectors left).
        int[][] cases = {{13, 11, 997, 37}, {32, 64, 2048, 512}, {64, 64, 1024, 256}};
        SplittableRandom random = new SplittableRandom(84);
        for (int[] c : cases) {
            int channels = c[0];
            int filters = c[1];
            int pixels = c[2];
            int perCall = c[3];
            float[] in = gaussians(random, channels * pixels);
            float[] w = gaussians(random, filters * channels + filters);
            float[] reference = new float[filters * pixels];
            Pointwise1x1.named("scalar").forward(in, 0, channels, pixels, w, 0, filters, reference, 0, pixels, 0, pixels,
                    false, new float[Pointwise1x1.scratchSize(channels)]);
            for (Pointwise1x1 kernel : kernels()) {
                float[] out = new float[filters * pixels];
                float[] scratch = new float[Pointwise1x1.scratchSize(channels)];
                for (int from = 0; from < pixels; from += perCall) {
                    kernel.forward(in, 0, channels, pixels, w, 0, filters, out, 0, pixels, from,
                            Math.min(pixels, from + perCall), false, scratch);
                }
                for (int i = 0; i < out.length; i++) {
                    assertEquals(Float.floatToIntBits(reference[i]), Float.floatToIntBits(out[i]),
                            kernel.name() + " value " + i + " of case " + Arrays.toString(c));
                }
            }
        }
    }

    private static float[] gaussians(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
