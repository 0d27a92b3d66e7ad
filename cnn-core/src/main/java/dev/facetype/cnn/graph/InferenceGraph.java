package dev.facetype.cnn.graph;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.ShapeMismatchException;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.layer.ElementwiseAdd;
import dev.facetype.cnn.layer.Flatten;
import dev.facetype.cnn.layer.FusesRelu;
import dev.facetype.cnn.layer.Layer;
import dev.facetype.cnn.layer.MaxPool2D;
import dev.facetype.cnn.layer.PointwiseDepthwise;
import dev.facetype.cnn.layer.ReLU;
import dev.facetype.cnn.layer.Reshape;
import dev.facetype.cnn.layer.WritesInto;
import dev.facetype.cnn.parallel.ComputePool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Layers wired as a directed acyclic graph, for inference: one input, any number of named outputs, values
 * that feed several layers, and two-input sums ({@link ElementwiseAdd}). Layers run in the order they were
 * added, which is a topological order because a layer can only name values that already exist.
 *
 * <p>Memory is planned once, when the graph is built. A 1x1 convolution read only by a depthwise 3x3, stride-1
 * convolution is fused with it into one {@link PointwiseDepthwise} layer, which never writes the 1x1 output. A
 * ReLU whose input comes from a layer that can apply it itself ({@link FusesRelu}) and is read by nothing else
 * is fused into that layer, and then a 2 x 2 max pooling that alone reads a {@link PointwiseDepthwise} output
 * into that layer too. A ReLU or a sum whose input
 * is read by nothing else overwrites that input. Layers that can write into a buffer they are handed ({@link WritesInto}) get one from
 * a pool of the graph's own: a buffer goes back to the pool after the last step that reads its value, and the
 * next value of the same size reuses it. A detector's activations then take a few buffers, not one per layer.
 *
 * <p>Not thread-safe: the returned tensors are owned by the layers and overwritten by the next call. Give
 * another thread an {@link #inferenceCopy()}, which shares the weights.
 */
public final class InferenceGraph {

    private final String inputName;
    private final Shape inputShape;
    private final List<Step> steps;
    private final List<String> stepNames;
    private final Map<String, Integer> outputs;
    private final Map<String, Shape> shapes;
    private final int slotCount;
    /** Values per sample of each pooled buffer. */
    private final int[] bufferSizes;
    private float[][] buffers = new float[0][];
    private int bufferBatch;

    private InferenceGraph(String inputName, Shape inputShape, List<Step> steps, List<String> stepNames,
                           Map<String, Integer> outputs, Map<String, Shape> shapes, int slotCount, int[] bufferSizes) {
        this.inputName = inputName;
        this.inputShape = inputShape;
        this.steps = steps;
        this.stepNames = stepNames;
        this.outputs = outputs;
        this.shapes = shapes;
        this.slotCount = slotCount;
        this.bufferSizes = bufferSizes;
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
        return forward(input, null, null);
    }

    /**
     * {@link #forward(Tensor)} that also measures each step with {@code clock} (e.g. the calling thread's CPU
     * time in nanoseconds, when the pool runs the steps inline), adding step i's time to {@code elapsed[i]}
     * (one entry per {@link #stepNames() step}). For profiling; the results are those of {@link #forward}.
     */
    public Map<String, Tensor> forward(Tensor input, LongSupplier clock, long[] elapsed) {
        if (clock != null && elapsed.length != steps.size()) {
            throw new IllegalArgumentException("need one time per step (" + steps.size() + "), got " + elapsed.length);
        }
        Shape expected = inputShape.withBatch(input.batchSize());
        if (!input.shape().equals(expected)) {
            throw new ShapeMismatchException("graph input " + inputName, expected, input.shape());
        }
        if (buffers.length != bufferSizes.length || bufferBatch != input.batchSize()) {
            buffers = new float[bufferSizes.length][];
            for (int b = 0; b < bufferSizes.length; b++) {
                buffers[b] = new float[bufferSizes[b] * input.batchSize()];
            }
            bufferBatch = input.batchSize();
        }
        Tensor[] slots = new Tensor[slotCount];
        slots[0] = input;
        if (clock == null) {
            for (Step step : steps) {
                step.run(slots, buffers);
            }
        } else {
            long before = clock.getAsLong();
            for (int i = 0; i < steps.size(); i++) {
                steps.get(i).run(slots, buffers);
                long after = clock.getAsLong();
                elapsed[i] += after - before;
                before = after;
            }
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

    /**
     * One line per step in the order they run: the layer's name and kind, and its input and output shapes
     * (for profiles).
     */
    public List<String> stepNames() {
        return stepNames;
    }

    /** How many pooled buffers a pass uses (for tests of the memory plan). */
    int pooledBuffers() {
        return bufferSizes.length;
    }

    /** A graph with its own buffers over the same weights, for another thread. */
    public InferenceGraph inferenceCopy() {
        List<Step> copies = new ArrayList<>(steps.size());
        for (Step step : steps) {
            copies.add(step.copy());
        }
        return new InferenceGraph(inputName, inputShape, Collections.unmodifiableList(copies), stepNames, outputs,
                shapes, slotCount, bufferSizes);
    }

    /** One node: reads and writes slots of the pass's value table, and may write into a pooled buffer. */
    private interface Step {
        void run(Tensor[] slots, float[][] buffers);

        Step copy();
    }

    /** A layer writing into a tensor it owns. */
    private record LayerStep(Layer layer, int in, int out) implements Step {
        @Override
        public void run(Tensor[] slots, float[][] buffers) {
            slots[out] = layer.forward(slots[in], false);
        }

        @Override
        public Step copy() {
            return new LayerStep(layer.inferenceCopy(), in, out);
        }
    }

    /** A layer writing into pooled buffer {@code buffer}. */
    private record IntoStep(WritesInto layer, int in, int out, int buffer) implements Step {
        @Override
        public void run(Tensor[] slots, float[][] buffers) {
            Tensor output = new Tensor(layer.outputShape().withBatch(slots[in].batchSize()), buffers[buffer]);
            layer.forwardInto(slots[in], output);
            slots[out] = output;
        }

        @Override
        public Step copy() {
            return new IntoStep((WritesInto) layer.inferenceCopy(), in, out, buffer);
        }
    }

    /** A value that is another's (a ReLU fused into the layer before it). */
    private record AliasStep(int in, int out) implements Step {
        @Override
        public void run(Tensor[] slots, float[][] buffers) {
            slots[out] = slots[in];
        }

        @Override
        public Step copy() {
            return this;
        }
    }

    private record InPlaceReluStep(int in, int out, ComputePool pool) implements Step {
        @Override
        public void run(Tensor[] slots, float[][] buffers) {
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

    /** The sum written over input a (which nothing else reads) when buffer is -1, else into a pooled buffer. */
    private record AddStep(ElementwiseAdd op, int a, int b, int out, int buffer) implements Step {
        @Override
        public void run(Tensor[] slots, float[][] buffers) {
            Tensor first = slots[a];
            slots[out] = buffer < 0 ? op.forwardInPlace(first, slots[b])
                    : op.forwardInto(first, slots[b], new Tensor(first.shape(), buffers[buffer]));
        }

        @Override
        public Step copy() {
            return new AddStep(op.inferenceCopy(), a, b, out, buffer);
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
            nodes.add(new Node(layer, null, List.of(input), output, false));
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
            nodes.add(new Node(null, new ElementwiseAdd(output, shapeA, pool), List.of(a, b), output, false));
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
            List<Node> nodes = fusePointwiseDepthwise(readers(this.nodes));
            nodes = fuseRelus(nodes, readers(nodes));
            nodes = fusePools(nodes, readers(nodes));
            Map<String, Integer> readers = readers(nodes);
            Map<String, Integer> lastRead = new HashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                for (String input : nodes.get(i).inputs) {
                    lastRead.put(input, i);
                }
            }
            for (String output : outputs) {
                lastRead.put(output, Integer.MAX_VALUE);
            }
            Map<String, Node> producers = new HashMap<>();
            BufferPlan plan = new BufferPlan();
            List<Step> steps = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                names.add(node.describe(shapes));
                int out = slots.get(node.output);
                if (node.sum != null) {
                    String a = node.inputs.get(0);
                    String b = node.inputs.get(1);
                    boolean intoB = !overwritable(a, readers, producers) && overwritable(b, readers, producers);
                    String first = intoB ? b : a;
                    String second = intoB ? a : b;
                    if (overwritable(first, readers, producers)) {
                        plan.alias(node.output, first);
                        steps.add(new AddStep(node.sum, slots.get(first), slots.get(second), out, -1));
                    } else {
                        int buffer = plan.take(node.output, node.sum.shape().size());
                        steps.add(new AddStep(node.sum, slots.get(first), slots.get(second), out, buffer));
                    }
                } else {
                    String input = node.inputs.get(0);
                    if (node.fused) {
                        plan.alias(node.output, input); // applied by the layer that produced its input
                        steps.add(new AliasStep(slots.get(input), out));
                    } else if (node.layer instanceof ReLU && overwritable(input, readers, producers)) {
                        plan.alias(node.output, input);
                        steps.add(new InPlaceReluStep(slots.get(input), out, pool));
                    } else if (node.layer instanceof WritesInto into) {
                        int buffer = plan.take(node.output, into.outputShape().size());
                        steps.add(new IntoStep(into, slots.get(input), out, buffer));
                    } else {
                        if (node.layer instanceof Reshape || node.layer instanceof Flatten) {
                            plan.alias(node.output, input); // a view of its input's memory
                        }
                        steps.add(new LayerStep(node.layer, slots.get(input), out));
                    }
                }
                producers.put(node.output, node);
                plan.releaseAfter(i, lastRead);
            }
            Map<String, Integer> outputSlots = new LinkedHashMap<>();
            outputs.forEach(output -> outputSlots.put(output, slots.get(output)));
            return new InferenceGraph(inputName, inputShape, Collections.unmodifiableList(steps), List.copyOf(names),
                    Collections.unmodifiableMap(outputSlots), Collections.unmodifiableMap(new LinkedHashMap<>(shapes)),
                    slots.size(), plan.sizes());
        }

        /** How many nodes (and declared outputs) read each value. */
        private Map<String, Integer> readers(List<Node> nodes) {
            Map<String, Integer> readers = new HashMap<>();
            for (Node node : nodes) {
                for (String input : node.inputs) {
                    readers.merge(input, 1, Integer::sum);
                }
            }
            for (String output : outputs) {
                readers.merge(output, 1, Integer::sum);
            }
            return readers;
        }

        /**
         * The nodes with every 1x1 convolution whose output only a depthwise 3x3, stride-1 convolution reads
         * fused into it ({@link PointwiseDepthwise}): the pair replaced by one node that reads the 1x1
         * convolution's input and defines the depthwise one's output (the 1x1 output is then never computed).
         */
        private List<Node> fusePointwiseDepthwise(Map<String, Integer> readers) {
            List<Node> result = new ArrayList<>(nodes);
            Map<String, Integer> producerIndex = new HashMap<>();
            for (int i = 0; i < result.size(); i++) {
                Node node = result.get(i);
                if (node != null && node.layer != null && node.inputs.size() == 1) {
                    String input = node.inputs.get(0);
                    Integer p = producerIndex.get(input);
                    Node producer = p == null ? null : result.get(p);
                    PointwiseDepthwise fused = producer == null || producer.layer == null
                            || readers.getOrDefault(input, 0) != 1 ? null
                            : PointwiseDepthwise.fuse(producer.layer, node.layer, pool);
                    if (fused != null) {
                        result.set(p, null);
                        result.set(i, new Node(fused, null, producer.inputs, node.output, false));
                    }
                }
                if (node != null) {
                    producerIndex.put(node.output, i);
                }
            }
            result.removeIf(java.util.Objects::isNull);
            return result;
        }

        /**
         * The nodes with every max pooling whose input only it reads and a {@link PointwiseDepthwise} makes
         * (directly or through a fused ReLU) fused into that layer ({@link PointwiseDepthwise#withPool}): the
         * nodes replaced by one at the pooling's place that reads the fused layer's input.
         */
        private static List<Node> fusePools(List<Node> nodes, Map<String, Integer> readers) {
            List<Node> result = new ArrayList<>(nodes);
            Map<String, Integer> producerIndex = new HashMap<>();
            for (int i = 0; i < result.size(); i++) {
                Node node = result.get(i);
                if (node == null) {
                    continue;
                }
                if (node.layer instanceof MaxPool2D && !node.fused && node.inputs.size() == 1) {
                    String input = node.inputs.get(0);
                    Integer p = producerIndex.get(input);
                    Node producer = p == null ? null : result.get(p);
                    Integer relu = null;
                    if (producer != null && producer.fused && readers.getOrDefault(input, 0) == 1) {
                        relu = p; // a ReLU applied by the layer before it
                        input = producer.inputs.get(0);
                        p = producerIndex.get(input);
                        producer = p == null ? null : result.get(p);
                    }
                    if (producer != null && producer.layer instanceof PointwiseDepthwise fusedLayer
                            && readers.getOrDefault(input, 0) == 1) {
                        PointwiseDepthwise withPool = fusedLayer.withPool(node.layer);
                        if (withPool != null) {
                            result.set(p, null);
                            if (relu != null) {
                                result.set(relu, null);
                            }
                            node = new Node(withPool, null, producer.inputs, node.output, false);
                            result.set(i, node);
                        }
                    }
                }
                producerIndex.put(node.output, i);
            }
            result.removeIf(java.util.Objects::isNull);
            return result;
        }

        /**
         * The nodes with every ReLU whose input is produced by a {@link FusesRelu} layer and read by nothing else
         * fused into that layer: the producer replaced by its {@link FusesRelu#withRelu()}, the ReLU marked as
         * fused (its output is then its input).
         */
        private static List<Node> fuseRelus(List<Node> nodes, Map<String, Integer> readers) {
            List<Node> result = new ArrayList<>(nodes);
            Map<String, Integer> producerIndex = new HashMap<>();
            for (int i = 0; i < result.size(); i++) {
                Node node = result.get(i);
                if (node.layer instanceof ReLU && node.inputs.size() == 1) {
                    String input = node.inputs.get(0);
                    Integer p = producerIndex.get(input);
                    Node producer = p == null ? null : result.get(p);
                    if (producer != null && producer.layer instanceof FusesRelu fusing && !producer.fused
                            && readers.getOrDefault(input, 0) == 1
                            && fusing.outputShape().equals(node.layer.inputShape())) {
                        result.set(p, new Node(fusing.withRelu(), null, producer.inputs, producer.output, false));
                        result.set(i, new Node(node.layer, null, node.inputs, node.output, true));
                    }
                }
                producerIndex.put(node.output, i);
            }
            return result;
        }

        /**
         * A value may be overwritten when only one node reads it and it sits in memory of its own: produced by a
         * layer or a sum (not a view such as a reshape, and not itself computed in place), never the caller's
         * input.
         */
        private static boolean overwritable(String value, Map<String, Integer> readers, Map<String, Node> producers) {
            Node producer = producers.get(value);
            if (producer == null || readers.getOrDefault(value, 0) != 1) {
                return false;
            }
            if (producer.sum != null) {
                return true;
            }
            return !producer.fused && !(producer.layer instanceof Reshape || producer.layer instanceof Flatten
                    || producer.layer instanceof ReLU);
        }

        private void define(String name, Shape shape) {
            if (shapes.containsKey(name)) {
                throw new IllegalArgumentException("The graph already has a value named " + name);
            }
            slots.put(name, slots.size());
            shapes.put(name, shape);
        }

        /** fused: a ReLU applied by the layer that produced its input. */
        private record Node(Layer layer, ElementwiseAdd sum, List<String> inputs, String output, boolean fused) {

            String describe(Map<String, Shape> shapes) {
                String kind = layer != null ? layer.getClass().getSimpleName() + (fused ? " (fused)" : "")
                        : "ElementwiseAdd";
                String name = layer != null ? layer.name() : output;
                return name + " " + kind + " " + shapes.get(inputs.get(0)) + " -> " + shapes.get(output);
            }
        }

        /**
         * Which pooled buffer holds which value: a value written in place or viewed shares its input's buffer; a
         * buffer returns to the pool once no value in it is read any more, and is handed to the next value of its
         * size.
         */
        private static final class BufferPlan {
            private final List<Integer> sizes = new ArrayList<>();
            private final Map<String, Integer> bufferOf = new HashMap<>();
            private final Map<Integer, List<String>> valuesIn = new HashMap<>();
            private final List<Integer> free = new ArrayList<>();

            int take(String value, int size) {
                int buffer = -1;
                for (int k = 0; k < free.size(); k++) {
                    if (sizes.get(free.get(k)) == size) {
                        buffer = free.remove(k);
                        break;
                    }
                }
                if (buffer < 0) {
                    buffer = sizes.size();
                    sizes.add(size);
                }
                bufferOf.put(value, buffer);
                valuesIn.put(buffer, new ArrayList<>(List.of(value)));
                return buffer;
            }

            void alias(String value, String of) {
                Integer buffer = bufferOf.get(of);
                if (buffer != null) {
                    bufferOf.put(value, buffer);
                    valuesIn.get(buffer).add(value);
                }
            }

            /** Frees the buffers none of whose values is read after step {@code step}. */
            void releaseAfter(int step, Map<String, Integer> lastRead) {
                for (Map.Entry<Integer, List<String>> entry : valuesIn.entrySet()) {
                    int buffer = entry.getKey();
                    if (free.contains(buffer) || entry.getValue().isEmpty()) {
                        continue;
                    }
                    boolean dead = entry.getValue().stream().allMatch(v -> lastRead.getOrDefault(v, -1) <= step);
                    if (dead) {
                        entry.getValue().clear();
                        free.add(buffer);
                    }
                }
            }

            int[] sizes() {
                return sizes.stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }
}
