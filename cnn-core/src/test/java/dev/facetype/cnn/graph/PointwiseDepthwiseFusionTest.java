package dev.facetype.cnn.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.layer.DepthwiseConv2D;
import dev.facetype.cnn.layer.GroupedConv2D;
import dev.facetype.cnn.layer.MaxPool2D;
import dev.facetype.cnn.layer.Padding;
import dev.facetype.cnn.layer.Pads;
import dev.facetype.cnn.layer.ReLU;
import dev.facetype.cnn.parallel.ComputePool;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A 1x1 convolution, a depthwise 3x3 convolution, its ReLU and a 2 x 2 max pooling, which the graph fuses into
 * one layer (PointwiseDepthwise), against the same layers run one by one: odd sizes, uneven pads, rows more
 * and fewer than a ring's chunk, a batch, one and three threads, with and without the ReLU and the pooling.
 */
class PointwiseDepthwiseFusionTest {

    private static final ComputePool[] POOLS = {ComputePool.create(1), ComputePool.create(3)};

    @AfterAll
    static void closePools() {
        for (ComputePool pool : POOLS) {
            pool.close();
        }
    }

    @Test
    void fusedLayersComputeWhatTheLayersDoOneByOne() {
        int[][] cases = {
                // channels, filters, height, width, top, left, bottom, right, batch
                {3, 5, 10, 14, 1, 1, 1, 1, 2},
                {16, 16, 40, 36, 1, 1, 1, 1, 1},
                {7, 9, 33, 21, 1, 1, 1, 1, 2},
                {4, 11, 6, 70, 0, 1, 2, 1, 1},
                {2, 3, 3, 3, 1, 1, 1, 1, 3},
                {32, 64, 20, 18, 1, 1, 1, 1, 1},
                {5, 2, 17, 9, 2, 0, 0, 2, 1},
        };
        SplittableRandom random = new SplittableRandom(97);
        for (int[] c : cases) {
            Shape shape = Shape.of(c[0], c[2], c[3]);
            int filters = c[1];
            Pads pads = new Pads(c[4], c[5], c[6], c[7]);
            int batch = c[8];
            float[] params = new float[filters * c[0] + filters + filters * 9 + filters];
            for (int i = 0; i < params.length; i++) {
                params[i] = (float) random.nextGaussian();
            }
            Tensor x = new Tensor(shape.withBatch(batch), gaussians(random, batch * shape.size()));
            for (ComputePool pool : POOLS) {
                for (boolean relu : new boolean[] {false, true}) {
                    for (boolean pooled : new boolean[] {false, true}) {
                        check(c, shape, filters, pads, params, x, pool, relu, pooled);
                    }
                }
            }
        }
    }

    private static void check(int[] c, Shape shape, int filters, Pads pads, float[] params, Tensor x,
                              ComputePool pool, boolean relu, boolean pooled) {
        int dwOffset = filters * c[0] + filters;
        GroupedConv2D pointwise = new GroupedConv2D("pw", shape, filters, 1, 1, Pads.none(), 1, params,
                new float[params.length], 0, pool);
        DepthwiseConv2D depthwise = new DepthwiseConv2D("dw", pointwise.outputShape(), 3, 1, pads, params,
                new float[params.length], dwOffset, pool);
        float[] expected = depthwise.forward(pointwise.forward(x, false), false).data().clone();
        Shape dwShape = depthwise.outputShape();
        if (relu) {
            for (int i = 0; i < expected.length; i++) {
                expected[i] = Math.max(0f, expected[i]);
            }
        }
        boolean poolFits = dwShape.dim(1) % 2 == 0 && dwShape.dim(2) % 2 == 0;
        if (pooled) {
            MaxPool2D maxPool = new MaxPool2D("pool", dwShape, 2, 2, Padding.VALID, pool);
            expected = maxPool.forward(new Tensor(dwShape.withBatch(x.batchSize()), expected), false).data().clone();
        }
        InferenceGraph.Builder builder = InferenceGraph.builder("x", shape, pool)
                .layer("p", "x", s -> new GroupedConv2D("pw", s, filters, 1, 1, Pads.none(), 1, params,
                        new float[params.length], 0, pool))
                .layer("d", "p", s -> new DepthwiseConv2D("dw", s, 3, 1, pads, params, new float[params.length],
                        dwOffset, pool));
        String last = "d";
        if (relu) {
            builder.layer("r", last, s -> new ReLU("relu", s, pool));
            last = "r";
        }
        if (pooled) {
            builder.layer("m", last, s -> new MaxPool2D("pool", s, 2, 2, Padding.VALID, pool));
            last = "m";
        }
        InferenceGraph graph = builder.outputs(last).build();
        String what = Arrays.toString(c) + " threads " + pool.threads() + " relu " + relu + " pool " + pooled;
        assertTrue(graph.stepNames().get(0).contains("PointwiseDepthwise"), what + ": " + graph.stepNames());
        assertEquals(pooled && poolFits ? 1 : 1 + (relu ? 1 : 0) + (pooled ? 1 : 0), graph.stepNames().size(),
                what + ": " + graph.stepNames());
        for (int pass = 0; pass < 2; pass++) { // the second pass reuses the buffers
            float[] actual = graph.forward(x).get(last).data();
            assertEquals(expected.length, actual.length, what);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-4f * (1 + Math.abs(expected[i])), what + " value " + i);
            }
        }
    }

    @Test
    void aPointwiseOutputReadTwiceIsNotFused() {
        ComputePool pool = POOLS[0];
        Shape shape = Shape.of(3, 8, 8);
        float[] params = gaussians(new SplittableRandom(98), 4 * 3 + 4 + 4 * 9 + 4);
        InferenceGraph graph = InferenceGraph.builder("x", shape, pool)
                .layer("p", "x", s -> new GroupedConv2D("pw", s, 4, 1, 1, Pads.none(), 1, params,
                        new float[params.length], 0, pool))
                .layer("d", "p", s -> new DepthwiseConv2D("dw", s, 3, 1, Pads.uniform(1), params,
                        new float[params.length], 16, pool))
                .outputs("d", "p")
                .build();
        assertEquals(2, graph.stepNames().size(), graph.stepNames().toString());
        assertTrue(graph.stepNames().stream().noneMatch(name -> name.contains("PointwiseDepthwise")));
    }

    private static float[] gaussians(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
