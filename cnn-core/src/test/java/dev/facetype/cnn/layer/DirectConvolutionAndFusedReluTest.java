package dev.facetype.cnn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.kernel.Conv3x3Stride2;
import dev.facetype.cnn.kernel.Sgemm;
import dev.facetype.cnn.parallel.ComputePool;
import dev.facetype.cnn.reference.ReferenceGroupedConv2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The direct 3x3, stride-2 kernels (plain, 256-bit and 512-bit) and the fused ReLUs against the double-precision
 * reference convolution: odd sizes, every padding side, filter counts around the kernels' block of eight,
 * column counts around their vector widths, on one and on three threads.
 */
class DirectConvolutionAndFusedReluTest {

    private static final ComputePool[] POOLS = {ComputePool.create(1), ComputePool.create(3)};

    @AfterAll
    static void closePools() {
        for (ComputePool pool : POOLS) {
            pool.close();
        }
    }

    private static List<Conv3x3Stride2> kernels() {
        List<Conv3x3Stride2> kernels = new ArrayList<>(List.of(Conv3x3Stride2.named("scalar")));
        if (Sgemm.vectorAvailable()) {
            kernels.add(Conv3x3Stride2.named("vector-256"));
            kernels.add(Conv3x3Stride2.named("vector-512"));
            kernels.add(Conv3x3Stride2.named("vector"));
        }
        kernels.add(Conv3x3Stride2.selected());
        return kernels;
    }

    @Test
    void directKernelsMatchTheReference() {
        int[][] cases = {
                // batch, channels, height, width, filters, top, left, bottom, right
                {1, 3, 64, 64, 16, 1, 1, 1, 1},
                {2, 3, 13, 17, 8, 1, 1, 1, 1},
                {1, 3, 35, 71, 19, 1, 1, 1, 1},   // 36 output columns: vectors and a plain tail
                {1, 1, 9, 33, 3, 0, 0, 0, 0},
                {2, 4, 20, 47, 12, 0, 1, 2, 0},
                {1, 2, 3, 3, 9, 1, 1, 1, 1},
                {1, 3, 40, 100, 17, 2, 2, 0, 1},
        };
        SplittableRandom random = new SplittableRandom(71);
        for (int[] c : cases) {
            int batch = c[0];
            Shape shape = Shape.of(c[1], c[2], c[3]);
            int filters = c[4];
            Pads pads = new Pads(c[5], c[6], c[7], c[8]);
            int weights = GroupedConv2D.weightCount(shape, filters, 3, 1);
            float[] params = gaussians(random, weights + filters);
            Tensor x = new Tensor(shape.withBatch(batch), gaussians(random, batch * shape.size()));
            ReferenceGroupedConv2D reference = new ReferenceGroupedConv2D(batch, c[1], c[2], c[3], filters, 3, 2,
                    c[5], c[6], c[7], c[8], 1);
            double[] expected = reference.forward(doubles(x.data(), 0, x.size()), doubles(params, 0, weights),
                    doubles(params, weights, filters));
            for (ComputePool pool : POOLS) {
                for (Conv3x3Stride2 kernel : kernels()) {
                    for (boolean relu : new boolean[] {false, true}) {
                        GroupedConv2D conv = new GroupedConv2D("conv", shape, filters, 3, 2, pads, 1, params,
                                new float[params.length], 0, pool, relu, kernel);
                        Tensor out = Tensor.zeros(conv.outputShape().withBatch(batch));
                        java.util.Arrays.fill(out.data(), Float.NaN); // every value must be written
                        conv.forwardInto(x, out);
                        assertClose(kernel.name() + " relu " + relu + " " + java.util.Arrays.toString(c), expected,
                                out.data(), relu, c[1] * 9);
                    }
                }
            }
        }
    }

    @Test
    void fusedReluEqualsTheConvolutionFollowedByReLU() {
        SplittableRandom random = new SplittableRandom(72);
        for (ComputePool pool : POOLS) {
            // a 1x1 convolution (matrix product) and depthwise 3x3 filters with stride 1 and 2
            Shape shape = Shape.of(6, 11, 21);
            float[] params = gaussians(random, 6 * 9 + 6 + 8 * 6 + 8);
            List<FusesRelu> layers = List.of(
                    new GroupedConv2D("pointwise", shape, 8, 1, 1, Pads.none(), 1, params, new float[params.length],
                            6 * 9 + 6, pool),
                    new DepthwiseConv2D("depthwise", shape, 3, 1, new Pads(1, 1, 1, 1), params,
                            new float[params.length], 0, pool),
                    new DepthwiseConv2D("depthwise-s2", shape, 3, 2, new Pads(1, 1, 1, 1), params,
                            new float[params.length], 0, pool));
            Tensor x = new Tensor(shape.withBatch(2), gaussians(random, 2 * shape.size()));
            for (FusesRelu layer : layers) {
                float[] plain = layer.forward(x, false).data().clone();
                WritesInto fused = layer.withRelu();
                Tensor out = Tensor.zeros(fused.outputShape().withBatch(2));
                fused.forwardInto(x, out);
                for (int i = 0; i < plain.length; i++) {
                    assertEquals(Math.max(0f, plain[i]), out.data()[i], 1e-5f, layer.name() + " value " + i);
                }
                assertEquals(Math.max(0f, plain[0]), ((Layer) fused).inferenceCopy().forward(x, false).data()[0],
                        1e-5f, layer.name() + " copy keeps the ReLU");
                Tensor dy = Tensor.zeros(out.shape());
                fused.forward(x, true);
                assertThrows(UnsupportedOperationException.class, () -> fused.backward(dy, true));
            }
        }
    }

    private static void assertClose(String what, double[] expected, float[] actual, boolean relu, int terms) {
        assertEquals(expected.length, actual.length, what + ": length");
        double tolerance = 2e-6 * Math.sqrt(terms) * 4;
        for (int i = 0; i < expected.length; i++) {
            double want = relu ? Math.max(0, expected[i]) : expected[i];
            if (!(Math.abs(want - actual[i]) <= tolerance * (1 + Math.abs(want)))) {
                fail(String.format("%s[%d]: expected %.7g but got %.7g", what, i, want, actual[i]));
            }
        }
    }

    private static float[] gaussians(SplittableRandom random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static double[] doubles(float[] values, int offset, int length) {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = values[offset + i];
        }
        return out;
    }
}
