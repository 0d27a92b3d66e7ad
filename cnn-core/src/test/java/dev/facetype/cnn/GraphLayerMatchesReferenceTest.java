package dev.facetype.cnn;

import static dev.facetype.cnn.LayerMatchesReferenceTest.assertClose;
import static dev.facetype.cnn.LayerMatchesReferenceTest.randomFloats;
import static dev.facetype.cnn.LayerMatchesReferenceTest.slice;
import static dev.facetype.cnn.LayerMatchesReferenceTest.toDouble;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.facetype.cnn.layer.ChannelsLast;
import dev.facetype.cnn.layer.DepthwiseConv2D;
import dev.facetype.cnn.layer.ElementwiseAdd;
import dev.facetype.cnn.layer.GroupedConv2D;
import dev.facetype.cnn.layer.Layer;
import dev.facetype.cnn.layer.Pads;
import dev.facetype.cnn.layer.Reshape;
import dev.facetype.cnn.layer.Sigmoid;
import dev.facetype.cnn.layer.Upsample2D;
import dev.facetype.cnn.parallel.ComputePool;
import dev.facetype.cnn.reference.ReferenceConv2D;
import dev.facetype.cnn.reference.ReferenceElementwise;
import dev.facetype.cnn.reference.ReferenceGroupedConv2D;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast float versions of the detector graph's layers, on 1, 2 and 3 threads, against the double-precision
 * references that {@link GraphLayerGradientTest} checks by finite differences.
 */
class GraphLayerMatchesReferenceTest {

    private static final ComputePool[] POOLS = {ComputePool.create(1), ComputePool.create(2), ComputePool.create(3)};

    @AfterAll
    static void closePools() {
        for (ComputePool pool : POOLS) {
            pool.close();
        }
    }

    private static final Object[][] CONVOLUTIONS = {
            // batch, channels, height, width, filters, kernel, stride, top, left, bottom, right, groups
            {2, 3, 8, 8, 4, 3, 2, 1, 1, 1, 1, 1},
            {1, 3, 33, 40, 16, 3, 2, 1, 1, 1, 1, 1},     // one image cut into column blocks
            {2, 4, 5, 6, 6, 3, 1, 1, 1, 1, 1, 2},
            {3, 6, 4, 4, 3, 1, 1, 0, 0, 0, 0, 3},
            {2, 4, 7, 5, 4, 3, 1, 1, 1, 1, 1, 4},
            {1, 5, 9, 11, 5, 3, 2, 0, 1, 2, 0, 5},
    };

    static Stream<Arguments> groupedConvolutions() {
        return withPools(CONVOLUTIONS);
    }

    static Stream<Arguments> depthwiseConvolutions() {
        Object[][] shapes = {
                // batch, channels, height, width, kernel, stride, top, left, bottom, right
                {2, 4, 7, 5, 3, 1, 1, 1, 1, 1},
                {1, 16, 32, 24, 3, 1, 1, 1, 1, 1},
                {3, 3, 6, 7, 3, 2, 1, 0, 2, 1},
                {2, 2, 8, 9, 5, 1, 2, 2, 2, 2},
                {1, 3, 2, 3, 3, 1, 1, 1, 1, 1},          // narrower than the window: border columns only
                {2, 2, 6, 6, 1, 1, 0, 0, 0, 0},
                {1, 2, 9, 9, 4, 3, 0, 0, 0, 0},
        };
        return withPools(shapes);
    }

    private static Stream<Arguments> withPools(Object[][] shapes) {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (Object[] shape : shapes) {
            for (int p = 0; p < POOLS.length; p++) {
                Object[] withPool = Arrays.copyOf(shape, shape.length + 1);
                withPool[shape.length] = p;
                cases.add(Arguments.of(withPool));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "grouped conv n={0} c={1} {2}x{3} f={4} k={5} s={6} pads {7},{8},{9},{10} g={11} pool#{12}")
    @MethodSource("groupedConvolutions")
    void groupedConvolutionMatchesReference(int batch, int channels, int height, int width, int filters, int kernel,
                                            int stride, int top, int left, int bottom, int right, int groups,
                                            int poolIndex) {
        Shape inputShape = Shape.of(channels, height, width);
        int weightCount = GroupedConv2D.weightCount(inputShape, filters, kernel, groups);
        SplittableRandom random = new SplittableRandom(41);
        float[] params = randomFloats(random, weightCount + filters);
        float[] grads = new float[params.length];
        GroupedConv2D conv = new GroupedConv2D("conv", inputShape, filters, kernel, stride,
                new Pads(top, left, bottom, right), groups, params, grads, 0, POOLS[poolIndex]);
        ReferenceGroupedConv2D reference = new ReferenceGroupedConv2D(batch, channels, height, width, filters, kernel,
                stride, top, left, bottom, right, groups);
        int terms = channels / groups * kernel * kernel;
        checkConvolution(conv, reference, params, grads, weightCount, filters, batch, terms,
                filters / groups * kernel * kernel, random);
    }

    @ParameterizedTest(name = "depthwise n={0} c={1} {2}x{3} k={4} s={5} pads {6},{7},{8},{9} pool#{10}")
    @MethodSource("depthwiseConvolutions")
    void depthwiseConvolutionMatchesReference(int batch, int channels, int height, int width, int kernel, int stride,
                                              int top, int left, int bottom, int right, int poolIndex) {
        Shape inputShape = Shape.of(channels, height, width);
        int weightCount = DepthwiseConv2D.weightCount(inputShape, kernel);
        SplittableRandom random = new SplittableRandom(42);
        float[] params = randomFloats(random, weightCount + channels);
        float[] grads = new float[params.length];
        DepthwiseConv2D conv = new DepthwiseConv2D("depthwise", inputShape, kernel, stride,
                new Pads(top, left, bottom, right), params, grads, 0, POOLS[poolIndex]);
        ReferenceGroupedConv2D reference = new ReferenceGroupedConv2D(batch, channels, height, width, channels, kernel,
                stride, top, left, bottom, right, channels);
        checkConvolution(conv, reference, params, grads, weightCount, channels, batch, kernel * kernel,
                kernel * kernel, random);
    }

    private static void checkConvolution(Layer conv, ReferenceGroupedConv2D reference, float[] params, float[] grads,
                                         int weightCount, int filters, int batch, int termsPerOutput,
                                         int termsPerInputGradient, SplittableRandom random) {
        Tensor x = new Tensor(conv.inputShape().withBatch(batch), randomFloats(random, batch * conv.inputShape().size()));
        double[] w = slice(params, 0, weightCount);
        double[] b = slice(params, weightCount, filters);
        Tensor y = conv.forward(x, true);
        assertArrayEquals(new int[] {batch, filters, reference.outHeight, reference.outWidth}, y.shape().toArray());
        assertClose("forward", reference.forward(toDouble(x.data()), w, b), y.data(), termsPerOutput);

        float[] r = randomFloats(random, y.size());
        Tensor dy = new Tensor(y.shape(), r);
        Tensor dx = conv.backward(dy, true);
        ReferenceConv2D.Gradients g = reference.backward(toDouble(x.data()), w, toDouble(r));
        int pixelsSummed = batch * reference.outHeight * reference.outWidth;
        assertClose("dInput", g.input(), dx.data(), termsPerInputGradient);
        assertClose("dWeights", g.weights(), Arrays.copyOfRange(grads, 0, weightCount), pixelsSummed);
        assertClose("dBias", g.bias(), Arrays.copyOfRange(grads, weightCount, grads.length), pixelsSummed);
        assertNull(conv.backward(dy, false), "no input gradient when not asked for");
    }

    @Test
    void maxPoolAtInferenceMatchesReferenceWithoutKeepingWinners() {
        SplittableRandom random = new SplittableRandom(47);
        for (ComputePool pool : POOLS) {
            for (int[] s : new int[][] {{16, 32, 32}, {3, 9, 7}, {2, 2, 2}}) {
                Shape shape = Shape.of(s);
                dev.facetype.cnn.layer.MaxPool2D layer = new dev.facetype.cnn.layer.MaxPool2D("pool", shape, 2, 2,
                        dev.facetype.cnn.layer.Padding.VALID, pool);
                Tensor x = new Tensor(shape.withBatch(2), randomFloats(random, 2 * shape.size()));
                dev.facetype.cnn.reference.ReferenceMaxPool2D reference = new dev.facetype.cnn.reference.ReferenceMaxPool2D(
                        2 * s[0], s[1], s[2], 2, 2, dev.facetype.cnn.layer.Padding.VALID);
                double[] expected = reference.forward(toDouble(x.data()));
                assertClose("maxpool inference", expected, layer.forward(x, false).data(), 1);
                assertClose("maxpool training", expected, layer.forward(x, true).data(), 1);
            }
        }
    }

    @Test
    void upsampleMatchesReference() {
        SplittableRandom random = new SplittableRandom(43);
        for (ComputePool pool : POOLS) {
            for (int factor : new int[] {1, 2, 3}) {
                Shape shape = Shape.of(3, 5, 4);
                Upsample2D layer = new Upsample2D("upsample", shape, factor, pool);
                Tensor x = new Tensor(shape.withBatch(2), randomFloats(random, 2 * shape.size()));
                Tensor y = layer.forward(x, true);
                assertArrayEquals(new int[] {2, 3, 5 * factor, 4 * factor}, y.shape().toArray());
                assertClose("upsample forward", ReferenceElementwise.upsample(toDouble(x.data()), 6, 5, 4, factor),
                        y.data(), 1);
                float[] r = randomFloats(random, y.size());
                Tensor dx = layer.backward(new Tensor(y.shape(), r), true);
                assertClose("upsample dInput", ReferenceElementwise.upsampleBackward(toDouble(r), 6, 5, 4, factor),
                        dx.data(), factor * factor);
            }
        }
    }

    @Test
    void sigmoidMatchesReference() {
        SplittableRandom random = new SplittableRandom(44);
        for (ComputePool pool : POOLS) {
            Shape shape = Shape.of(4, 30, 30);
            Sigmoid layer = new Sigmoid("sigmoid", shape, pool);
            float[] values = randomFloats(random, 10 * shape.size());
            for (int i = 0; i < values.length; i++) {
                values[i] *= 6;
            }
            Tensor x = new Tensor(shape.withBatch(10), values);
            assertClose("sigmoid forward", ReferenceElementwise.sigmoid(toDouble(values)), layer.forward(x, true).data(), 1);
            float[] r = randomFloats(random, x.size());
            Tensor dx = layer.backward(new Tensor(x.shape(), r), true);
            assertClose("sigmoid dInput", ReferenceElementwise.sigmoidBackward(toDouble(values), toDouble(r)), dx.data(), 1);
        }
    }

    @Test
    void channelsLastMatchesReferenceAndReshapesWithoutCopying() {
        SplittableRandom random = new SplittableRandom(45);
        Shape shape = Shape.of(3, 4, 5);
        ChannelsLast layer = new ChannelsLast("channels_last", shape);
        Tensor x = new Tensor(shape.withBatch(2), randomFloats(random, 2 * shape.size()));
        Tensor y = layer.forward(x, true);
        assertArrayEquals(new int[] {2, 4, 5, 3}, y.shape().toArray());
        assertClose("channels-last forward", ReferenceElementwise.channelsLast(toDouble(x.data()), 2, 3, 4, 5), y.data(), 1);
        float[] r = randomFloats(random, y.size());
        Tensor dx = layer.backward(new Tensor(y.shape(), r), true);
        assertClose("channels-last dInput", ReferenceElementwise.channelsLastBackward(toDouble(r), 2, 3, 4, 5), dx.data(), 1);

        Reshape reshape = new Reshape("reshape", Shape.of(4, 5, 3), Shape.of(20, 3));
        Tensor rows = reshape.forward(y, false);
        assertArrayEquals(new int[] {2, 20, 3}, rows.shape().toArray());
        assertSame(y.data(), rows.data(), "a reshape is a view");
        assertThrows(IllegalArgumentException.class, () -> new Reshape("bad", Shape.of(4, 5, 3), Shape.of(7, 9)));
    }

    @Test
    void sumMatchesReferenceInPlaceOrNot() {
        SplittableRandom random = new SplittableRandom(46);
        for (ComputePool pool : POOLS) {
            Shape shape = Shape.of(8, 70, 70);
            ElementwiseAdd add = new ElementwiseAdd("add", shape, pool);
            Tensor a = new Tensor(shape.withBatch(2), randomFloats(random, 2 * shape.size()));
            Tensor b = new Tensor(shape.withBatch(2), randomFloats(random, 2 * shape.size()));
            double[] expected = ReferenceElementwise.add(toDouble(a.data()), toDouble(b.data()));
            assertClose("sum", expected, add.forward(a, b).data(), 1);
            Tensor inPlace = add.forwardInPlace(a, b);
            assertSame(a, inPlace);
            assertClose("sum in place", expected, inPlace.data(), 1);
            Tensor gradient = new Tensor(shape.withBatch(2), randomFloats(random, 2 * shape.size()));
            assertSame(gradient, add.backward(gradient), "the gradient reaches both inputs unchanged");
            assertThrows(ShapeMismatchException.class,
                    () -> add.forward(a, Tensor.zeros(Shape.of(8, 70, 69).withBatch(2))));
        }
    }
}
