package dev.facetype.cnn.graph;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.ShapeMismatchException;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.layer.ElementwiseAdd;
import dev.facetype.cnn.layer.Flatten;
import dev.facetype.cnn.layer.Layer;
import dev.facetype.cnn.layer.ReLU;
import dev.facetype.cnn.layer.Reshape;
import dev.facetype.cnn.parallel.ComputePool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Layers wired as a directed acyclic graph, for inference: one input, any number of named outputs, values
 * that feed several layers, and two-input sums ({@link ElementwiseAdd}). Layers run in the order they were
 * added, which is a topological order because a layer can only name values that already exist.
 *
 * <p>A ReLU or a sum whose input is read by nothing else overwrites that input instead of filling a buffer of
 * its own, which saves a third of the activation memory of a convolution-ReLU network.
 *
 * <p>Not thread-safe: the returned tensors are owned by the layers and overwritten by the next call. Give
 * another thread an {@link #inferenceCopy()}, which shares the weights.
 */
public final class InferenceGraph {

    private final String inputName;
    private final Shape inputShape;
    private final List<Step> steps;
    private final Map<String, Integer> outputs;
    private final Map<String, Shape> shapes;
    private final int slotCount;

    private InferenceGraph(String inputName, Shape inputShape, List<Step> steps, Map<String, Integer> outputs,
                           Map<String, Shape> shapes, int slotCount) {
        this.inputName = inputName;
        this.inputShape = inputShape;
        this.steps = steps;
        this.outputs = outputs;
        this.shapes = shapes;
        this.slotCount = slotCount;
    }

    /** A builder for a graph whose input, named {@code inputName}, is a batch of {@code inputShape}. */
    public static Builder builder(String inputName, Shape inputShape, ComputePool pool) {
        return new Builder(inputName, inputShape, pool);
    }

    /**
     * Runs a batch through the graph.
     *
     * @return the outputs by name, in the order they were declared; owned by the graph, overwritten by the next call
     */
    public Map<String, Tensor> forward(Tensor input) {
        Shape expected = inputShape.withBatch(input.batchSize());
        if (!input.shape().equals(expected)) {
            throw new ShapeMismatchException("graph input " + inputName, expected, input.shape());
        }
        Tensor[] slots = new Tensor[slotCount];
        slots[0] = input;
        for (Step step : steps) {
            step.run(slots);
        }
        Map<String, Tensor> result = new LinkedHashMap<>();
        outputs.forEach((name, slot) -> result.put(name, slots[slot]));
        return result;
    }

    public Shape inputShape() {
        return inputShape;
    }

    /** The names of the outputs, in declaration order. */
    public List<String> outputNames() {
        return List.copyOf(outputs.keySet());
    }

    /** The shape of one sample of a named value. */
    public Shape shapeOf(String value) {
        Shape shape = shapes.get(value);
        if (shape == null) {
            throw new IllegalArgumentException("The graph has no value named " + value);
        }
        return shape;
    }

    /** A graph with its own buffers over the same weights, for another thread. */
    public InferenceGraph inferenceCopy() {
        List<Step> copies = new ArrayList<>(steps.size());
        for (Step step : steps) {
            copies.add(step.copy());
        }
        return new InferenceGraph(inputName, inputShape, Collections.unmodifiableList(copies), outputs, shapes, slotCount);
    }

    /** One node: reads and writes slots of the pass's value table. */
    private interface Step {
        void run(Tensor[] slots);

        Step copy();
    }

    private record LayerStep(Layer layer, int in, int out) implements Step {
        @Override
        public void run(Tensor[] slots) {
            slots[out] = layer.forward(slots[in], false);
        }

        @Override
        public Step copy() {
            return new LayerStep(layer.inferenceCopy(), in, out);
        }
    }

    private record InPlaceReluStep(int in, int out, ComputePool pool) implements Step {
        @Override
        public void run(Tensor[] slots) {
            float[] data = slots[in].data();
            pool.parallelFor(data.length, 1 << 15, (worker, start, end) -> {
                for (int i = start; i < end; i++) {
                    data[i] = Math.max(0f, data[i]);
                }
            });
            slots[out] = slots[in];
        }

        @Override
        public Step copy() {
            return this;
        }
    }

    /** intoFirst: write the sum over input a (which nothing else reads). */
    private record AddStep(ElementwiseAdd op, int a, int b, int out, boolean intoFirst) implements Step {
        @Override
        public void run(Tensor[] slots) {
            slots[out] = intoFirst ? op.forwardInPlace(slots[a], slots[b]) : op.forward(slots[a], slots[b]);
        }

        @Override
        public Step copy() {
            return new AddStep(op.inferenceCopy(), a, b, out, intoFirst);
        }
    }

    /** Collects nodes; each names the values it reads, which must exist already. */
    public static final class Builder {

        private final String inputName;
        private final Shape inputShape;
        private final ComputePool pool;
        private final Map<String, Integer> slots = new HashMap<>();
        private final Map<String, Shape> shapes = new LinkedHashMap<>();
        private final List<Node> nodes = new ArrayList<>();
        private final List<String> outputs = new ArrayList<>();

        private Builder(String inputName, Shape inputShape, ComputePool pool) {
            this.inputName = inputName;
            this.inputShape = inputShape;
            this.pool = pool;
            define(inputName, inputShape);
        }

        /** The shape of one sample of a value defined so far. */
        public Shape shape(String value) {
            Shape shape = shapes.get(value);
            if (shape == null) {
                throw new IllegalArgumentException("No value named " + value + " has been defined yet");
            }
            return shape;
        }

        /** Whether a value of this name has been defined. */
        public boolean has(String value) {
            return shapes.containsKey(value);
        }

        /**
         * Adds a layer reading {@code input} and defining {@code output}.
         *
         * @param factory builds the layer for the input's sample shape
         */
        public Builder layer(String output, String input, Function<Shape, Layer> factory) {
            Shape in = shape(input);
            Layer layer = factory.apply(in);
            if (!layer.inputShape().equals(in)) {
                throw new ShapeMismatchException(layer.name() + " built for input " + input, in, layer.inputShape());
            }
            nodes.add(new Node(layer, null, List.of(input), output));
            define(output, layer.outputShape());
            return this;
        }

        /** Adds {@code output = a + b}; both must have one shape. */
        public Builder add(String output, String a, String b) {
            Shape shapeA = shape(a);
            Shape shapeB = shape(b);
            if (!shapeA.equals(shapeB)) {
                throw new ShapeMismatchException("sum " + output + " of " + a + " and " + b, shapeA, shapeB);
            }
            nodes.add(new Node(null, new ElementwiseAdd(output, shapeA, pool), List.of(a, b), output));
            define(output, shapeA);
            return this;
        }

        /** Declares the graph's outputs, in the order {@link InferenceGraph#forward} returns them. */
        public Builder outputs(String... names) {
            for (String name : names) {
                shape(name);
                outputs.add(name);
            }
            return this;
        }

        public InferenceGraph build() {
            if (outputs.isEmpty()) {
                throw new IllegalStateException("A graph needs at least one output");
            }
            Map<String, Integer> readers = new HashMap<>();
            for (Node node : nodes) {
                node.inputs.forEach(input -> readers.merge(input, 1, Integer::sum));
            }
            outputs.forEach(output -> readers.merge(output, 1, Integer::sum));
            Map<String, Node> producers = new HashMap<>();
            List<Step> steps = new ArrayList<>();
            for (Node node : nodes) {
                int out = slots.get(node.output);
                if (node.sum != null) {
                    String a = node.inputs.get(0);
                    String b = node.inputs.get(1);
                    boolean intoB = !overwritable(a, readers, producers) && overwritable(b, readers, producers);
                    String first = intoB ? b : a;
                    String second = intoB ? a : b;
                    steps.add(new AddStep(node.sum, slots.get(first), slots.get(second), out,
                            overwritable(first, readers, producers)));
                } else {
                    String input = node.inputs.get(0);
                    if (node.layer instanceof ReLU && overwritable(input, readers, producers)) {
                        steps.add(new InPlaceReluStep(slots.get(input), out, pool));
                    } else {
                        steps.add(new LayerStep(node.layer, slots.get(input), out));
                    }
                }
                producers.put(node.output, node);
            }
            Map<String, Integer> outputSlots = new LinkedHashMap<>();
            outputs.forEach(output -> outputSlots.put(output, slots.get(output)));
            return new InferenceGraph(inputName, inputShape, Collections.unmodifiableList(steps),
                    Collections.unmodifiableMap(outputSlots), Collections.unmodifiableMap(new LinkedHashMap<>(shapes)),
                    slots.size());
        }

        /**
         * A value may be overwritten when only one node reads it and it sits in a buffer of its own: produced by a
         * layer that owns its output (not a view such as a reshape, and not itself computed in place), never the
         * caller's input.
         */
        private static boolean overwritable(String value, Map<String, Integer> readers, Map<String, Node> producers) {
            Node producer = producers.get(value);
            if (producer == null || readers.getOrDefault(value, 0) != 1) {
                return false;
            }
            if (producer.sum != null) {
                return false;
            }
            return !(producer.layer instanceof Reshape || producer.layer instanceof Flatten
                    || producer.layer instanceof ReLU);
        }

        private void define(String name, Shape shape) {
            if (shapes.containsKey(name)) {
                throw new IllegalArgumentException("The graph already has a value named " + name);
            }
            slots.put(name, slots.size());
            shapes.put(name, shape);
        }

        private record Node(Layer layer, ElementwiseAdd sum, List<String> inputs, String output) {
        }
    }
}
