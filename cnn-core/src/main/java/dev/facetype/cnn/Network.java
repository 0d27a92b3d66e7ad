package dev.facetype.cnn;

import dev.facetype.cnn.layer.BatchNorm;
import dev.facetype.cnn.layer.Conv2D;
import dev.facetype.cnn.layer.Dense;
import dev.facetype.cnn.layer.Dropout;
import dev.facetype.cnn.layer.Flatten;
import dev.facetype.cnn.layer.Layer;
import dev.facetype.cnn.layer.MaxPool2D;
import dev.facetype.cnn.layer.ReLU;
import dev.facetype.cnn.loss.SoftmaxCrossEntropy;
import dev.facetype.cnn.parallel.ComputePool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A sequential network built from a {@link NetworkSpec}, with all parameters in one {@link Parameters}
 * buffer. Not thread-safe: it keeps the activations of its last pass. For concurrent inference give each
 * thread an {@link #inferenceCopy()}, which shares the weights.
 */
public final class Network {

    private final NetworkSpec spec;
    private final long seed;
    private final List<Layer> layers;
    private final Parameters parameters;
    private final ComputePool pool;

    private Network(NetworkSpec spec, long seed, List<Layer> layers, Parameters parameters, ComputePool pool) {
        this.spec = spec;
        this.seed = seed;
        this.layers = layers;
        this.parameters = parameters;
        this.pool = pool;
    }

    /** A freshly initialised network on the shared compute pool. */
    public static Network create(NetworkSpec spec, long seed) {
        return create(spec, seed, ComputePool.shared());
    }

    /**
     * A freshly initialised network. Every random choice (initial weights, dropout masks) comes from one
     * generator seeded with {@code seed}, so the same seed and thread count train to identical weights.
     */
    public static Network create(NetworkSpec spec, long seed, ComputePool pool) {
        Layout layout = Layout.of(spec);
        float[] values = new float[layout.parameterCount];
        SplittableRandom random = new SplittableRandom(seed);
        for (Parameters.Block block : layout.blocks) {
            SplittableRandom blockRandom = random.split();
            LayerSpec layerSpec = layout.specOfBlock.get(block.name());
            switch (block.kind()) {
                case WEIGHT:
                    int fanIn = block.shape().size() / block.shape().dim(0);
                    int fanOut = fanOutOf(layerSpec, block.shape());
                    initializerOf(layerSpec).fill(values, block.offset(), block.length(), fanIn, fanOut, blockRandom);
                    break;
                case SCALE:
                case RUNNING_VARIANCE:
                    java.util.Arrays.fill(values, block.offset(), block.offset() + block.length(), 1f);
                    break;
                default:
                    break; // biases and running means start at zero
            }
        }
        return assemble(spec, seed, layout, values, pool);
    }

    /** How many parameters a network of this architecture has. */
    public static int parameterCount(NetworkSpec spec) {
        return Layout.of(spec).parameterCount;
    }

    /** Number of output units of a network ending in a dense layer (the number of classes). */
    public static int outputUnits(NetworkSpec spec) {
        Shape shape = spec.inputShape();
        Layout layout = new Layout();
        for (LayerSpec s : spec.layers()) {
            shape = layout.place("layer", s, shape);
        }
        return shape.size();
    }

    /** A network with the given parameter values (for example loaded from a model file). */
    public static Network withParameters(NetworkSpec spec, long seed, float[] values, ComputePool pool) {
        Layout layout = Layout.of(spec);
        if (values.length != layout.parameterCount) {
            throw new IllegalArgumentException("The architecture has " + layout.parameterCount
                    + " parameters but " + values.length + " values were given");
        }
        return assemble(spec, seed, layout, values, pool);
    }

    private static Network assemble(NetworkSpec spec, long seed, Layout layout, float[] values, ComputePool pool) {
        Parameters parameters = new Parameters(layout.blocks, values);
        float[] gradients = parameters.gradients();
        List<Layer> layers = new ArrayList<>();
        SplittableRandom dropoutSeeds = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Shape shape = spec.inputShape();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec s = spec.layers().get(i);
            String name = layout.names.get(i);
            Layer layer;
            if (s instanceof LayerSpec.Conv2D) {
                LayerSpec.Conv2D c = (LayerSpec.Conv2D) s;
                layer = new Conv2D(name, shape, c.filters(), c.kernel(), c.stride(), c.padding(), values, gradients,
                        layout.offsets.get(i), pool);
            } else if (s instanceof LayerSpec.Dense) {
                Dense dense = new Dense(name, shape, ((LayerSpec.Dense) s).units(), values, gradients,
                        layout.offsets.get(i), pool);
                dense.clearOwnWeightGradients(parameters);
                layer = dense;
            } else if (s instanceof LayerSpec.MaxPool2D) {
                LayerSpec.MaxPool2D p = (LayerSpec.MaxPool2D) s;
                layer = new MaxPool2D(name, shape, p.size(), p.stride(), p.padding(), pool);
            } else if (s instanceof LayerSpec.ReLU) {
                layer = new ReLU(name, shape, pool);
            } else if (s instanceof LayerSpec.Dropout) {
                layer = new Dropout(name, shape, ((LayerSpec.Dropout) s).rate(), dropoutSeeds.nextLong());
            } else if (s instanceof LayerSpec.Flatten) {
                layer = new Flatten(name, shape);
            } else if (s instanceof LayerSpec.BatchNorm) {
                LayerSpec.BatchNorm bn = (LayerSpec.BatchNorm) s;
                layer = new BatchNorm(name, shape, bn.momentum(), bn.epsilon(), values, gradients, layout.offsets.get(i), pool);
            } else {
                throw new IllegalArgumentException("Unsupported layer " + s);
            }
            layers.add(layer);
            shape = layer.outputShape();
        }
        return new Network(spec, seed, Collections.unmodifiableList(layers), parameters, pool);
    }

    private static dev.facetype.cnn.layer.Initializer initializerOf(LayerSpec spec) {
        if (spec instanceof LayerSpec.Conv2D) {
            return ((LayerSpec.Conv2D) spec).init();
        }
        return ((LayerSpec.Dense) spec).init();
    }

    private static int fanOutOf(LayerSpec spec, Shape weightShape) {
        // conv weights (Cout, Cin, k, k): each input feeds Cout*k*k outputs; dense (O, F): O outputs
        if (spec instanceof LayerSpec.Conv2D) {
            int k = ((LayerSpec.Conv2D) spec).kernel();
            return weightShape.dim(0) * k * k;
        }
        return weightShape.dim(0);
    }

    /** Runs a batch through every layer. The returned tensor is reused by the next call. */
    public Tensor forward(Tensor input, boolean training) {
        Tensor x = input;
        for (Layer layer : layers) {
            x = layer.forward(x, training);
        }
        return x;
    }

    /** Back-propagates dLoss/dOutput of the last training forward pass, adding to the parameter gradients. */
    public void backward(Tensor gradOutput) {
        Tensor g = gradOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, i > 0);
        }
    }

    /** Class probabilities (softmax of the output) for a batch, as a new tensor (N, classes). */
    public Tensor predictProbabilities(Tensor input) {
        Tensor logits = forward(input, false);
        if (logits.shape().rank() != 2) {
            throw new ShapeMismatchException("predictProbabilities needs a network ending in a dense layer, output is "
                    + logits.shape());
        }
        int batch = logits.shape().dim(0);
        int classes = logits.shape().dim(1);
        float[] probabilities = new float[batch * classes];
        for (int n = 0; n < batch; n++) {
            SoftmaxCrossEntropy.softmax(logits.data(), n * classes, classes, probabilities, n * classes);
        }
        return new Tensor(logits.shape(), probabilities);
    }

    /** Another network over the same parameter values with its own buffers, for another thread's inference. */
    public Network inferenceCopy() {
        List<Layer> copies = new ArrayList<>();
        for (Layer layer : layers) {
            copies.add(layer.inferenceCopy());
        }
        return new Network(spec, seed, Collections.unmodifiableList(copies), parameters, pool);
    }

    public NetworkSpec spec() {
        return spec;
    }

    /** The seed the network was created with. */
    public long seed() {
        return seed;
    }

    public List<Layer> layers() {
        return layers;
    }

    public Parameters parameters() {
        return parameters;
    }

    public ComputePool pool() {
        return pool;
    }

    /** Shape of one output sample. */
    public Shape outputShape() {
        return layers.get(layers.size() - 1).outputShape();
    }

    /** One line per layer with its output shape and parameter count. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-14s %-18s %12s%n", "layer", "output", "parameters"));
        out.append(String.format("%-14s %-18s %12s%n", "input", spec.inputShape(), ""));
        for (Layer layer : layers) {
            int count = 0;
            for (Parameters.Block block : parameters.blocks()) {
                if (block.name().startsWith(layer.name() + ".")) {
                    count += block.length();
                }
            }
            out.append(String.format("%-14s %-18s %12s%n", layer.name(), layer.outputShape(), count == 0 ? "" : count));
        }
        out.append(String.format("total parameters: %d%n", parameters.count()));
        return out.toString();
    }

    /** Names, shapes and parameter offsets worked out from a spec before anything is allocated. */
    private static final class Layout {
        final List<String> names = new ArrayList<>();
        final List<Integer> offsets = new ArrayList<>();
        final List<Parameters.Block> blocks = new ArrayList<>();
        final Map<String, LayerSpec> specOfBlock = new HashMap<>();
        int parameterCount;

        static Layout of(NetworkSpec spec) {
            Layout layout = new Layout();
            Map<String, Integer> counters = new HashMap<>();
            Shape shape = spec.inputShape();
            for (LayerSpec s : spec.layers()) {
                String name = s.type() + "_" + counters.merge(s.type(), 1, Integer::sum);
                layout.names.add(name);
                layout.offsets.add(layout.parameterCount);
                shape = layout.place(name, s, shape);
            }
            return layout;
        }

        /** Records the parameter blocks of one layer and returns its output shape. */
        private Shape place(String name, LayerSpec s, Shape in) {
            if (s instanceof LayerSpec.Conv2D) {
                LayerSpec.Conv2D c = (LayerSpec.Conv2D) s;
                if (in.rank() != 3) {
                    throw new IllegalArgumentException(name + ": a convolution needs (channels, height, width) input, got " + in);
                }
                dev.facetype.cnn.layer.ConvGeometry g = new dev.facetype.cnn.layer.ConvGeometry(in, c.kernel(), c.stride(), c.padding());
                addBlock(name + ".weights", Shape.of(c.filters(), in.dim(0), c.kernel(), c.kernel()), Parameters.Kind.WEIGHT, s);
                addBlock(name + ".bias", Shape.of(c.filters()), Parameters.Kind.BIAS, s);
                return Shape.of(c.filters(), g.outHeight(), g.outWidth());
            }
            if (s instanceof LayerSpec.Dense) {
                LayerSpec.Dense d = (LayerSpec.Dense) s;
                if (in.rank() != 1) {
                    throw new IllegalArgumentException(name + ": a dense layer needs flat (features) input, got " + in
                            + "; put a flatten layer before it");
                }
                addBlock(name + ".weights", Shape.of(d.units(), in.dim(0)), Parameters.Kind.WEIGHT, s);
                addBlock(name + ".bias", Shape.of(d.units()), Parameters.Kind.BIAS, s);
                return Shape.of(d.units());
            }
            if (s instanceof LayerSpec.MaxPool2D) {
                LayerSpec.MaxPool2D p = (LayerSpec.MaxPool2D) s;
                if (in.rank() != 3) {
                    throw new IllegalArgumentException(name + ": max pooling needs (channels, height, width) input, got " + in);
                }
                int oh = p.padding().outputLength(in.dim(1), p.size(), p.stride());
                int ow = p.padding().outputLength(in.dim(2), p.size(), p.stride());
                if (oh <= 0 || ow <= 0) {
                    throw new IllegalArgumentException(name + ": a " + p.size() + "x" + p.size() + " window does not fit input " + in);
                }
                return Shape.of(in.dim(0), oh, ow);
            }
            if (s instanceof LayerSpec.Flatten) {
                return Shape.of(in.size());
            }
            if (s instanceof LayerSpec.BatchNorm) {
                Shape channels = Shape.of(in.dim(0));
                addBlock(name + ".gamma", channels, Parameters.Kind.SCALE, s);
                addBlock(name + ".beta", channels, Parameters.Kind.BIAS, s);
                addBlock(name + ".runningMean", channels, Parameters.Kind.RUNNING_MEAN, s);
                addBlock(name + ".runningVariance", channels, Parameters.Kind.RUNNING_VARIANCE, s);
                return in;
            }
            return in;
        }

        private void addBlock(String name, Shape shape, Parameters.Kind kind, LayerSpec spec) {
            blocks.add(new Parameters.Block(name, parameterCount, shape.size(), shape, kind));
            specOfBlock.put(name, spec);
            parameterCount += shape.size();
        }
    }
}
