package dev.facetype.cnn.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.ShapeMismatchException;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.layer.DepthwiseConv2D;
import dev.facetype.cnn.layer.MaxPool2D;
import dev.facetype.cnn.layer.Padding;
import dev.facetype.cnn.layer.Pads;
import dev.facetype.cnn.layer.ReLU;
import dev.facetype.cnn.layer.Sigmoid;
import dev.facetype.cnn.layer.Upsample2D;
import dev.facetype.cnn.parallel.ComputePool;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A small feature-pyramid-like graph against the same layers called one by one. */
class InferenceGraphTest {

    private static final ComputePool POOL = ComputePool.create(2);
    private static final Shape INPUT = Shape.of(2, 8, 8);

    @AfterAll
    static void closePool() {
        POOL.close();
    }

    private final float[] weights = randomFloats(new SplittableRandom(51), 2 * 9 + 2);

    /**
     * input -> depthwise -> relu = a;  a -> pool -> upsample = b;  sum = a + b;  outputs: relu(sum), sigmoid(a).
     * a is read twice (pool, sum, sigmoid), so it must not be overwritten; the upsample's output and the sum's
     * are read once each, so the sum and the last ReLU may run in place.
     */
    private InferenceGraph graph() {
        return InferenceGraph.builder("input", INPUT, POOL)
                .layer("conv", "input", s -> new DepthwiseConv2D("conv", s, 3, 1, Pads.uniform(1), weights,
                        new float[weights.length], 0, POOL))
                .layer("a", "conv", s -> new ReLU("relu", s, POOL))
                .layer("pooled", "a", s -> new MaxPool2D("pool", s, 2, 2, Padding.VALID, POOL))
                .layer("b", "pooled", s -> new Upsample2D("up", s, 2, POOL))
                .add("sum", "a", "b")
                .layer("out", "sum", s -> new ReLU("relu2", s, POOL))
                .layer("gate", "a", s -> new Sigmoid("sigmoid", s, POOL))
                .outputs("out", "gate")
                .build();
    }

    @Test
    void graphComputesWhatTheLayersDoOneByOne() {
        Tensor x = new Tensor(INPUT.withBatch(1), randomFloats(new SplittableRandom(52), INPUT.size()));
        float[] expectedOut;
        float[] expectedGate;
        {
            Tensor conv = new DepthwiseConv2D("c", INPUT, 3, 1, Pads.uniform(1), weights, new float[weights.length], 0, POOL)
                    .forward(x, false);
            Tensor a = new ReLU("r", INPUT, POOL).forward(conv, false);
            Tensor pooled = new MaxPool2D("p", INPUT, 2, 2, Padding.VALID, POOL).forward(a, false);
            Tensor b = new Upsample2D("u", Shape.of(2, 4, 4), 2, POOL).forward(pooled, false);
            expectedOut = new float[a.size()];
            for (int i = 0; i < expectedOut.length; i++) {
                expectedOut[i] = Math.max(0f, a.get(i) + b.get(i));
            }
            expectedGate = new Sigmoid("s", INPUT, POOL).forward(a, false).data().clone();
        }
        InferenceGraph graph = graph();
        assertEquals(List.of("out", "gate"), graph.outputNames());
        assertEquals(Shape.of(2, 4, 4), graph.shapeOf("pooled"));
        for (int pass = 0; pass < 2; pass++) {
            Map<String, Tensor> outputs = graph.forward(x);
            assertArrayEquals(expectedOut, outputs.get("out").data(), 1e-6f, "pass " + pass);
            assertArrayEquals(expectedGate, outputs.get("gate").data(), 1e-6f, "pass " + pass);
        }
    }

    @Test
    void anInferenceCopyHasItsOwnBuffersAndTheInputIsNeverOverwritten() {
        InferenceGraph graph = graph();
        InferenceGraph copy = graph.inferenceCopy();
        Tensor x = new Tensor(INPUT.withBatch(1), randomFloats(new SplittableRandom(53), INPUT.size()));
        Tensor y = new Tensor(INPUT.withBatch(1), randomFloats(new SplittableRandom(54), INPUT.size()));
        float[] input = x.data().clone();
        float[] fromX = graph.forward(x).get("out").data().clone();
        Tensor fromCopy = copy.forward(y).get("out");
        assertNotSame(graph.forward(x).get("out"), fromCopy);
        assertArrayEquals(fromX, graph.forward(x).get("out").data(), "the copy's pass left the original's buffers alone");
        assertArrayEquals(input, x.data());
    }

    @Test
    void aChainOfLayersRecyclesTwoBuffersAndComputesTheSame() {
        InferenceGraph.Builder builder = InferenceGraph.builder("input", INPUT, POOL);
        String previous = "input";
        for (int i = 0; i < 6; i++) {
            String name = "conv" + i;
            builder.layer(name, previous, s -> new DepthwiseConv2D(name, s, 3, 1, Pads.uniform(1), weights,
                    new float[weights.length], 0, POOL));
            previous = name;
        }
        InferenceGraph chain = builder.outputs(previous).build();
        assertEquals(2, chain.pooledBuffers(), "each layer writes where the one before last wrote");
        Tensor x = new Tensor(INPUT.withBatch(2), randomFloats(new SplittableRandom(55), 2 * INPUT.size()));
        Tensor expected = x;
        for (int i = 0; i < 6; i++) {
            expected = new DepthwiseConv2D("c", INPUT, 3, 1, Pads.uniform(1), weights, new float[weights.length], 0, POOL)
                    .forward(expected, false);
        }
        for (int pass = 0; pass < 2; pass++) {
            assertArrayEquals(expected.data(), chain.forward(x).get(previous).data(), 1e-5f, "pass " + pass);
        }
    }

    @Test
    void aReluIsFusedOnlyIntoALayerNothingElseReadsAndTimingChangesNothing() {
        InferenceGraph graph = graph();
        List<String> steps = graph.stepNames();
        assertEquals(7, steps.size());
        assertTrue(steps.get(1).startsWith("relu ReLU (fused)"), steps.toString());
        assertFalse(steps.get(5).contains("fused"), "the sum's ReLU runs in place: " + steps);
        Tensor x = new Tensor(INPUT.withBatch(1), randomFloats(new SplittableRandom(53), INPUT.size()));
        float[] plain = graph.forward(x).get("out").data().clone();
        long[] times = new long[steps.size()];
        assertArrayEquals(plain, graph.forward(x, System::nanoTime, times).get("out").data());
        for (long time : times) {
            assertTrue(time >= 0);
        }

        InferenceGraph shared = InferenceGraph.builder("input", INPUT, POOL)
                .layer("conv", "input", s -> new DepthwiseConv2D("conv", s, 3, 1, Pads.uniform(1), weights,
                        new float[weights.length], 0, POOL))
                .layer("r", "conv", s -> new ReLU("relu", s, POOL))
                .layer("g", "conv", s -> new Sigmoid("sigmoid", s, POOL))
                .outputs("r", "g")
                .build();
        assertFalse(shared.stepNames().toString().contains("fused"), "the convolution is read twice");
        Map<String, Tensor> outputs = shared.forward(x);
        Tensor conv = new DepthwiseConv2D("c", INPUT, 3, 1, Pads.uniform(1), weights, new float[weights.length], 0, POOL)
                .forward(x, false);
        for (int i = 0; i < conv.size(); i++) {
            assertEquals(Math.max(0f, conv.get(i)), outputs.get("r").get(i), 1e-6f);
            assertEquals(1 / (1 + Math.exp(-conv.get(i))), outputs.get("g").get(i), 1e-6);
        }
    }

    @Test
    void mistakesAreNamed() {
        InferenceGraph.Builder builder = InferenceGraph.builder("input", INPUT, POOL);
        assertThrows(IllegalArgumentException.class, () -> builder.layer("x", "missing", s -> new ReLU("r", s, POOL)));
        builder.layer("pooled", "input", s -> new MaxPool2D("p", s, 2, 2, Padding.VALID, POOL));
        assertThrows(IllegalArgumentException.class, () -> builder.layer("pooled", "input", s -> new ReLU("r", s, POOL)));
        assertThrows(ShapeMismatchException.class, () -> builder.add("sum", "input", "pooled"));
        assertThrows(ShapeMismatchException.class,
                () -> builder.layer("bad", "input", s -> new ReLU("r", Shape.of(3), POOL)));
        assertThrows(IllegalStateException.class, builder::build);
        InferenceGraph graph = builder.outputs("pooled").build();
        assertThrows(ShapeMismatchException.class, () -> graph.forward(Tensor.zeros(1, 2, 8, 7)));
    }

    private static float[] randomFloats(SplittableRandom random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
