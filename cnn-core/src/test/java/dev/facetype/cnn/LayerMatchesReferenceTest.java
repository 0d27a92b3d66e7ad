package dev.facetype.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.facetype.cnn.layer.Conv2D;
import dev.facetype.cnn.layer.Dense;
import dev.facetype.cnn.layer.Dropout;
import dev.facetype.cnn.layer.MaxPool2D;
import dev.facetype.cnn.layer.Padding;
import dev.facetype.cnn.layer.ReLU;
import dev.facetype.cnn.loss.SoftmaxCrossEntropy;
import dev.facetype.cnn.parallel.ComputePool;
import dev.facetype.cnn.reference.ReferenceActivations;
import dev.facetype.cnn.reference.ReferenceConv2D;
import dev.facetype.cnn.reference.ReferenceDense;
import dev.facetype.cnn.reference.ReferenceMaxPool2D;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast float layers, on 1, 2 and 3 threads, against the double-precision references whose gradients
 * {@link ReferenceGradientTest} checks by finite differences.
 */
class LayerMatchesReferenceTest {

    private static final ComputePool[] POOLS = {ComputePool.create(1), ComputePool.create(2), ComputePool.create(3)};

    @AfterAll
    static void closePools() {
        for (ComputePool pool : POOLS) {
            pool.close();
        }
    }

    static Stream<Arguments> convolutions() {
        Stream.Builder<Arguments> cases = Stream.builder();
        Object[][] shapes = {
                // batch, channels, height, width, filters, kernel, stride, padding
                {2, 3, 7, 5, 4, 3, 1, Padding.SAME},
                {1, 2, 8, 8, 3, 5, 2, Padding.SAME},
                {3, 3, 9, 7, 2, 3, 2, Padding.VALID},
                {5, 1, 6, 6, 2, 1, 1, Padding.VALID},
                {2, 2, 6, 5, 3, 4, 1, Padding.SAME},
                {1, 3, 40, 33, 17, 5, 1, Padding.SAME}, // one image split into column blocks
                {4, 8, 12, 12, 16, 5, 1, Padding.SAME},
        };
        for (Object[] shape : shapes) {
            for (int p = 0; p < POOLS.length; p++) {
                Object[] withPool = java.util.Arrays.copyOf(shape, shape.length + 1);
                withPool[shape.length] = p;
                cases.add(Arguments.of(withPool));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "conv n={0} c={1} {2}x{3} f={4} k={5} s={6} {7} pool#{8}")
    @MethodSource("convolutions")
    void convolutionMatchesReference(int batch, int channels, int height, int width, int filters, int kernel,
                                     int stride, Padding padding, int poolIndex) {
        ComputePool pool = POOLS[poolIndex];
        SplittableRandom random = new SplittableRandom(11);
        Shape inputShape = Shape.of(channels, height, width);
        int weightCount = Conv2D.weightCount(inputShape, filters, kernel);
        float[] params = randomFloats(random, weightCount + filters);
        float[] grads = new float[params.length];
        Conv2D conv = new Conv2D("conv2d_1", inputShape, filters, kernel, stride, padding, params, grads, 0, pool);
        Tensor x = new Tensor(inputShape.withBatch(batch), randomFloats(random, batch * inputShape.size()));

        ReferenceConv2D reference = new ReferenceConv2D(batch, channels, height, width, filters, kernel, stride, padding);
        double[] w = slice(params, 0, weightCount);
        double[] b = slice(params, weightCount, filters);
        double[] expected = reference.forward(toDouble(x.data()), w, b);
        Tensor y = conv.forward(x, true);
        assertClose("conv forward", expected, y.data(), channels * kernel * kernel);

        float[] r = randomFloats(random, y.size());
        Tensor dy = new Tensor(y.shape(), r);
        Tensor dx = conv.backward(dy, true);
        ReferenceConv2D.Gradients g = reference.backward(toDouble(x.data()), w, toDouble(r));
        assertClose("conv dInput", g.input(), dx.data(), filters * kernel * kernel);
        assertClose("conv dWeights", g.weights(), java.util.Arrays.copyOfRange(grads, 0, weightCount),
                batch * conv.outputShape().dim(1) * conv.outputShape().dim(2));
        assertClose("conv dBias", g.bias(), java.util.Arrays.copyOfRange(grads, weightCount, grads.length),
                batch * conv.outputShape().dim(1) * conv.outputShape().dim(2));
        assertNull(conv.backward(dy, false), "no input gradient when not asked for");
    }

    @Test
    void maxPoolMatchesReference() {
        Object[][] shapes = {{3, 7, 7, 2, 2, Padding.SAME}, {2, 8, 6, 2, 2, Padding.VALID}, {4, 9, 9, 3, 2, Padding.VALID},
                {2, 5, 5, 2, 1, Padding.SAME}};
        for (ComputePool pool : POOLS) {
            for (Object[] s : shapes) {
                int batch = 2;
                int channels = (int) s[0];
                int height = (int) s[1];
                int width = (int) s[2];
                int size = (int) s[3];
                int stride = (int) s[4];
                Padding padding = (Padding) s[5];
                SplittableRandom random = new SplittableRandom(12);
                Shape inputShape = Shape.of(channels, height, width);
                MaxPool2D layer = new MaxPool2D("maxpool2d_1", inputShape, size, stride, padding, pool);
                Tensor x = new Tensor(inputShape.withBatch(batch), randomFloats(random, batch * inputShape.size()));
                ReferenceMaxPool2D reference = new ReferenceMaxPool2D(batch * channels, height, width, size, stride, padding);
                Tensor y = layer.forward(x, true);
                assertClose("maxpool forward", reference.forward(toDouble(x.data())), y.data(), 1);
                float[] r = randomFloats(random, y.size());
                Tensor dx = layer.backward(new Tensor(y.shape(), r), true);
                assertClose("maxpool dInput", reference.backward(toDouble(x.data()), toDouble(r)), dx.data(), 4);
            }
        }
    }

    @Test
    void maxPoolRoutesTiesAndNaNLikeTheReference() {
        // 2 x 2 windows inside the image (exactly tiled, and with a row and column left over): few distinct
        // values, so windows tie (the first largest wins), signed zeros, and NaN at each window position.
        int[][] sizes = {{8, 6}, {9, 7}};
        for (ComputePool pool : POOLS) {
            for (int[] size : sizes) {
                int batch = 2;
                int channels = 3;
                Shape inputShape = Shape.of(channels, size[0], size[1]);
                SplittableRandom random = new SplittableRandom(5);
                float[] values = {0f, -0f, 1f, 2f, 2f, -1f};
                float[] data = new float[batch * inputShape.size()];
                for (int i = 0; i < data.length; i++) {
                    data[i] = values[random.nextInt(values.length)];
                }
                MaxPool2D layer = new MaxPool2D("maxpool2d_1", inputShape, 2, 2, Padding.VALID, pool);
                ReferenceMaxPool2D reference = new ReferenceMaxPool2D(batch * channels, size[0], size[1], 2, 2,
                        Padding.VALID);
                Tensor x = new Tensor(inputShape.withBatch(batch), data);
                Tensor y = layer.forward(x, true);
                assertClose("maxpool forward with ties", reference.forward(toDouble(data)), y.data(), 1);
                float[] r = randomFloats(random, y.size());
                assertArrayEquals(toFloat(reference.backward(toDouble(data), toDouble(r))),
                        layer.backward(new Tensor(y.shape(), r), true).data(), "maxpool dInput with ties");

                for (int corner = 0; corner < 4; corner++) {
                    float[] withNaN = data.clone();
                    withNaN[(corner / 2) * size[1] + corner % 2] = Float.NaN;
                    withNaN[size[1] * 2 + 2 + (corner / 2) * size[1] + corner % 2] = Float.NaN;
                    layer.forward(new Tensor(inputShape.withBatch(batch), withNaN), true);
                    assertArrayEquals(toFloat(reference.backward(toDouble(withNaN), toDouble(r))),
                            layer.backward(new Tensor(y.shape(), r), true).data(), "maxpool dInput, NaN " + corner);
                }
            }
        }
    }

    private static float[] toFloat(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    @Test
    void denseMatchesReference() {
        int[][] shapes = {{3, 7, 5}, {2, 130, 150}, {1, 300, 70}, {32, 64, 10}};
        for (ComputePool pool : POOLS) {
            for (int[] s : shapes) {
                int batch = s[0];
                int features = s[1];
                int units = s[2];
                SplittableRandom random = new SplittableRandom(13);
                float[] params = randomFloats(random, units * features + units);
                float[] grads = new float[params.length];
                Dense dense = new Dense("dense_1", Shape.of(features), units, params, grads, 0, pool);
                Tensor x = new Tensor(Shape.of(batch, features), randomFloats(random, batch * features));
                ReferenceDense reference = new ReferenceDense(batch, features, units);
                double[] w = slice(params, 0, units * features);
                double[] b = slice(params, units * features, units);
                Tensor y = dense.forward(x, true);
                assertClose("dense forward", reference.forward(toDouble(x.data()), w, b), y.data(), features);
                float[] r = randomFloats(random, y.size());
                Tensor dx = dense.backward(new Tensor(y.shape(), r), true);
                ReferenceConv2D.Gradients g = reference.backward(toDouble(x.data()), w, toDouble(r));
                assertClose("dense dInput", g.input(), dx.data(), units);
                assertClose("dense dWeights", g.weights(), java.util.Arrays.copyOfRange(grads, 0, units * features), batch);
                assertClose("dense dBias", g.bias(), java.util.Arrays.copyOfRange(grads, units * features, grads.length), batch);
            }
        }
    }

    @Test
    void batchNormMatchesReferenceAndUsesRunningStatisticsAtInference() {
        for (ComputePool pool : POOLS) {
            for (int[] s : new int[][] {{6, 5, 4, 3}, {20, 7, 1, 1}}) {
                int batch = s[0];
                Shape shape = s[2] == 1 ? Shape.of(s[1]) : Shape.of(s[1], s[2], s[3]);
                int channels = s[1];
                int spatial = shape.size() / channels;
                SplittableRandom random = new SplittableRandom(21);
                float[] params = new float[4 * channels];
                for (int c = 0; c < channels; c++) {
                    params[c] = (float) (1 + 0.3 * random.nextGaussian());
                    params[channels + c] = (float) random.nextGaussian();
                    params[3 * channels + c] = 1f;
                }
                float[] grads = new float[params.length];
                dev.facetype.cnn.layer.BatchNorm layer =
                        new dev.facetype.cnn.layer.BatchNorm("batchnorm_1", shape, 0.9, 1e-5, params, grads, 0, pool);
                float[] data = randomFloats(random, batch * shape.size());
                for (int i = 0; i < data.length; i++) {
                    data[i] = 3 + 2 * data[i];
                }
                Tensor x = new Tensor(shape.withBatch(batch), data);
                dev.facetype.cnn.reference.ReferenceBatchNorm reference =
                        new dev.facetype.cnn.reference.ReferenceBatchNorm(batch, channels, spatial, 1e-5);
                double[] gamma = slice(params, 0, channels);
                double[] beta = slice(params, channels, channels);
                Tensor y = layer.forward(x, true);
                assertClose("batchnorm forward", reference.forward(toDouble(data), gamma, beta), y.data(), batch * spatial);
                float[] r = randomFloats(random, y.size());
                Tensor dx = layer.backward(new Tensor(y.shape(), r), true);
                ReferenceConv2D.Gradients g = reference.backward(toDouble(data), gamma, toDouble(r));
                assertClose("batchnorm dInput", g.input(), dx.data(), batch * spatial);
                assertClose("batchnorm dGamma", g.weights(), java.util.Arrays.copyOfRange(grads, 0, channels), batch * spatial);
                assertClose("batchnorm dBeta", g.bias(), java.util.Arrays.copyOfRange(grads, channels, 2 * channels), batch * spatial);
                // running mean moved 10 % of the way from 0 towards the batch mean (about 3)
                for (int c = 0; c < channels; c++) {
                    float runningMean = params[2 * channels + c];
                    if (runningMean < 0.15f || runningMean > 0.45f) {
                        fail("running mean of channel " + c + " is " + runningMean);
                    }
                }
                // inference uses the running statistics: y = gamma (x - rm) / sqrt(rv + eps) + beta
                Tensor inference = layer.forward(x, false);
                int c0 = 0;
                float expected = (float) (gamma[c0] * (data[0] - params[2 * channels]) / Math.sqrt(params[3 * channels] + 1e-5) + beta[c0]);
                assertEquals(expected, inference.get(0), 1e-4);
            }
        }
    }

    @Test
    void reluMatchesReference() {
        SplittableRandom random = new SplittableRandom(14);
        for (ComputePool pool : POOLS) {
            Shape shape = Shape.of(4, 30, 30);
            ReLU relu = new ReLU("relu_1", shape, pool);
            Tensor x = new Tensor(shape.withBatch(20), randomFloats(random, 20 * shape.size()));
            float[] r = randomFloats(random, x.size());
            assertClose("relu forward", ReferenceActivations.relu(toDouble(x.data())), relu.forward(x, true).data(), 1);
            Tensor dx = relu.backward(new Tensor(x.shape(), r), true);
            assertClose("relu dInput", ReferenceActivations.reluBackward(toDouble(x.data()), toDouble(r)), dx.data(), 1);
        }
    }

    @Test
    void dropoutScalesSurvivorsAndIsIdentityAtInference() {
        Shape shape = Shape.of(1000);
        Dropout dropout = new Dropout("dropout_1", shape, 0.5, 99);
        Tensor x = new Tensor(shape.withBatch(10), randomFloats(new SplittableRandom(15), 10_000));
        Tensor y = dropout.forward(x, true);
        int dropped = 0;
        for (int i = 0; i < x.size(); i++) {
            if (y.get(i) == 0f) {
                dropped++;
            } else {
                assertEquals(2 * x.get(i), y.get(i), 1e-6, "survivors are scaled by 1/(1-rate)");
            }
        }
        // 10,000 Bernoulli(0.5) draws: 5,000 +- 4 standard deviations (200)
        if (dropped < 4800 || dropped > 5200) {
            fail("dropout at rate 0.5 dropped " + dropped + " of 10000");
        }
        Tensor dy = new Tensor(y.shape(), randomFloats(new SplittableRandom(16), y.size()));
        Tensor dx = dropout.backward(dy, true);
        for (int i = 0; i < x.size(); i++) {
            assertEquals(y.get(i) == 0f ? 0f : 2 * dy.get(i), dx.get(i), 1e-6);
        }
        Tensor inference = dropout.forward(x, false);
        for (int i = 0; i < x.size(); i++) {
            assertEquals(x.get(i), inference.get(i));
        }
    }

    @Test
    void lossMatchesReferenceAndIsStableForHugeLogits() {
        int classes = 4;
        int[] labels = {3, 0, 1};
        float[] logits = {1000f, -1000f, 0f, 999f, 5f, 5f, 5f, 5f, -3f, 88f, 90f, -200f};
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        float value = loss.forward(new Tensor(Shape.of(3, classes), logits), labels);
        double expected = ReferenceActivations.softmaxCrossEntropy(toDouble(logits), labels, classes);
        assertEquals(expected, value, 1e-5);
        // By hand: row 0 log(1 + e^-1) + 1, row 1 log 4, row 2 log(1 + e^-2) + 2 (other terms vanish)
        double byHand = (Math.log1p(Math.exp(-1)) + 1 + Math.log(4) + Math.log1p(Math.exp(-2)) + 2) / 3;
        assertEquals(byHand, value, 1e-5);
        assertClose("loss dLogits", ReferenceActivations.softmaxCrossEntropyBackward(toDouble(logits), labels, classes),
                loss.backward().data(), 1);
        assertEquals(1, loss.correct(), "only row 1 is right: a tie goes to the first class, its label");
    }

    static void assertClose(String what, double[] expected, float[] actual, int termsPerValue) {
        assertEquals(expected.length, actual.length, what + ": length");
        double tolerance = 2e-6 * Math.sqrt(termsPerValue) * 4;
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(expected[i] - actual[i]);
            if (error > tolerance * (1 + Math.abs(expected[i]))) {
                fail(String.format("%s[%d]: expected %.7g but got %.7g", what, i, expected[i], actual[i]));
            }
        }
    }

    static float[] randomFloats(SplittableRandom random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    static double[] slice(float[] values, int offset, int length) {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = values[offset + i];
        }
        return out;
    }
}
