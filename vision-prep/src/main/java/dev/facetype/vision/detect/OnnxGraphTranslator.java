package dev.facetype.vision.detect;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.graph.InferenceGraph;
import dev.facetype.cnn.layer.ChannelsLast;
import dev.facetype.cnn.layer.DepthwiseConv2D;
import dev.facetype.cnn.layer.GroupedConv2D;
import dev.facetype.cnn.layer.MaxPool2D;
import dev.facetype.cnn.layer.Padding;
import dev.facetype.cnn.layer.Pads;
import dev.facetype.cnn.layer.ReLU;
import dev.facetype.cnn.layer.Reshape;
import dev.facetype.cnn.layer.Sigmoid;
import dev.facetype.cnn.layer.Upsample2D;
import dev.facetype.cnn.parallel.ComputePool;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns an ONNX graph into cnn-core's {@link InferenceGraph} for one input size. The operators translated are
 * those of a small convolutional detector: Conv (ordinary, grouped, depthwise; square kernels, no dilation),
 * Relu, MaxPool (no padding), Add, Resize (nearest, whole scale factors), Sigmoid, Transpose to channels-last,
 * and Reshape with a constant shape. Anything else is refused by name.
 *
 * <p>The convolution weights are copied once into one flat array, each followed by its bias as cnn-core's
 * layers expect; graphs for every input size share it. Thread-safe (immutable after construction).
 */
final class OnnxGraphTranslator {

    private final OnnxModel model;
    private final float[] parameters;
    private final float[] unusedGradients;
    private final Map<String, Integer> offsets = new HashMap<>();

    OnnxGraphTranslator(OnnxModel model) {
        this.model = model;
        if (model.inputs().size() != 1) {
            throw unsupported("a graph with " + model.inputs().size() + " inputs " + model.inputs());
        }
        int total = 0;
        for (OnnxModel.Node node : model.nodes()) {
            if (node.opType().equals("Conv")) {
                OnnxModel.Initializer weights = initializer(node, 1);
                offsets.put(node.outputs().get(0), total);
                total += weights.floats().length + (int) weights.dims()[0];
            }
        }
        parameters = new float[total];
        for (OnnxModel.Node node : model.nodes()) {
            if (node.opType().equals("Conv")) {
                float[] weights = initializer(node, 1).floats();
                int offset = offsets.get(node.outputs().get(0));
                System.arraycopy(weights, 0, parameters, offset, weights.length);
                if (node.inputs().size() > 2 && !node.inputs().get(2).isEmpty()) {
                    float[] bias = initializer(node, 2).floats();
                    System.arraycopy(bias, 0, parameters, offset + weights.length, bias.length);
                }
            }
        }
        unusedGradients = new float[0];
    }

    /** Number of weights and biases. */
    int parameterCount() {
        return parameters.length;
    }

    /** The graph for a batch of (channels, height, width) inputs, its outputs those of the ONNX graph. */
    InferenceGraph build(Shape input, ComputePool pool) {
        InferenceGraph.Builder graph = InferenceGraph.builder(model.inputs().get(0), input, pool);
        for (OnnxModel.Node node : model.nodes()) {
            String in = node.inputs().get(0);
            String out = node.outputs().get(0);
            String name = node.name().isEmpty() ? node.opType() + "_" + out : node.name();
            switch (node.opType()) {
                case "Conv" -> graph.layer(out, in, shape -> convolution(node, name, shape, pool));
                case "Relu" -> graph.layer(out, in, shape -> new ReLU(name, shape, pool));
                case "Sigmoid" -> graph.layer(out, in, shape -> new Sigmoid(name, shape, pool));
                case "MaxPool" -> graph.layer(out, in, shape -> maxPool(node, name, shape, pool));
                case "Add" -> graph.add(out, in, node.inputs().get(1));
                case "Resize" -> graph.layer(out, in, shape -> new Upsample2D(name, shape, resizeFactor(node), pool));
                case "Transpose" -> graph.layer(out, in, shape -> channelsLast(node, name, shape));
                case "Reshape" -> graph.layer(out, in, shape -> new Reshape(name, shape, reshapeTarget(node, shape)));
                default -> throw unsupported("operator " + node.opType() + " (node " + name + ")");
            }
        }
        return graph.outputs(model.outputs().toArray(String[]::new)).build();
    }

    private dev.facetype.cnn.layer.Layer convolution(OnnxModel.Node node, String name, Shape input, ComputePool pool) {
        long[] dims = initializer(node, 1).dims();
        int filters = (int) dims[0];
        int kernel = (int) dims[2];
        long[] kernelShape = node.integers("kernel_shape", new long[] {dims[2], dims[3]});
        long[] strides = node.integers("strides", new long[] {1, 1});
        long[] dilations = node.integers("dilations", new long[] {1, 1});
        long[] pads = node.integers("pads", new long[] {0, 0, 0, 0});
        int groups = (int) node.integer("group", 1);
        if (dims[2] != dims[3] || kernelShape[0] != kernelShape[1] || kernelShape[0] != dims[2]
                || strides[0] != strides[1] || dilations[0] != 1 || dilations[1] != 1
                || !node.text("auto_pad", "NOTSET").equals("NOTSET")) {
            throw unsupported("Conv " + name + ": only square kernels, equal strides, no dilation and explicit pads");
        }
        int stride = (int) strides[0];
        // ONNX pads: top, left (the begins), then bottom, right (the ends)
        Pads padding = new Pads((int) pads[0], (int) pads[1], (int) pads[2], (int) pads[3]);
        int offset = offsets.get(node.outputs().get(0));
        int channels = input.dim(0);
        if (groups == channels && filters == channels && dims[1] == 1) {
            return new DepthwiseConv2D(name, input, kernel, stride, padding, parameters, unusedGradients, offset, pool);
        }
        return new GroupedConv2D(name, input, filters, kernel, stride, padding, groups, parameters, unusedGradients,
                offset, pool);
    }

    private static MaxPool2D maxPool(OnnxModel.Node node, String name, Shape input, ComputePool pool) {
        long[] kernel = node.integers("kernel_shape", new long[0]);
        long[] strides = node.integers("strides", new long[] {1, 1});
        long[] pads = node.integers("pads", new long[] {0, 0, 0, 0});
        if (kernel.length != 2 || kernel[0] != kernel[1] || strides[0] != strides[1]
                || Arrays.stream(pads).anyMatch(p -> p != 0) || node.integer("ceil_mode", 0) != 0) {
            throw unsupported("MaxPool " + name + ": only square windows without padding or ceil mode");
        }
        return new MaxPool2D(name, input, (int) kernel[0], (int) strides[0], Padding.VALID, pool);
    }

    /** Resize in nearest mode with scales (1, 1, f, f) and floor rounding is a whole-factor upsampling. */
    private int resizeFactor(OnnxModel.Node node) {
        boolean nearestFloor = node.text("mode", "nearest").equals("nearest")
                && node.text("coordinate_transformation_mode", "half_pixel").equals("asymmetric")
                && node.text("nearest_mode", "round_prefer_floor").equals("floor");
        OnnxModel.Initializer scales = node.inputs().size() > 2 ? model.initializers().get(node.inputs().get(2)) : null;
        if (!nearestFloor || scales == null || scales.floats() == null || scales.floats().length != 4) {
            throw unsupported("Resize " + node.name() + ": only nearest, asymmetric, floor, with constant scales");
        }
        float[] s = scales.floats();
        if (s[0] != 1 || s[1] != 1 || s[2] != s[3] || s[2] < 1 || s[2] != Math.rint(s[2])) {
            throw unsupported("Resize " + node.name() + " by " + Arrays.toString(s) + ": only whole, equal factors");
        }
        return (int) s[2];
    }

    private static ChannelsLast channelsLast(OnnxModel.Node node, String name, Shape input) {
        if (!Arrays.equals(node.integers("perm", new long[0]), new long[] {0, 2, 3, 1})) {
            throw unsupported("Transpose " + name + ": only the channels-last permutation (0, 2, 3, 1)");
        }
        return new ChannelsLast(name, input);
    }

    /** The constant target shape without its batch dimension, -1 worked out and 0 copied as ONNX says. */
    private Shape reshapeTarget(OnnxModel.Node node, Shape input) {
        OnnxModel.Initializer target = model.initializers().get(node.inputs().get(1));
        if (target == null || target.longs() == null || target.longs().length < 2) {
            throw unsupported("Reshape " + node.name() + ": only a constant shape with a batch dimension");
        }
        long[] wanted = target.longs();
        int[] dims = new int[wanted.length - 1];
        int unknown = -1;
        int known = 1;
        for (int i = 1; i < wanted.length; i++) {
            if (wanted[i] == -1) {
                unknown = i - 1;
                continue;
            }
            dims[i - 1] = wanted[i] == 0 ? input.dim(i - 1) : (int) wanted[i];
            known *= dims[i - 1];
        }
        if (unknown >= 0) {
            dims[unknown] = input.size() / known;
        }
        return Shape.of(dims);
    }

    private OnnxModel.Initializer initializer(OnnxModel.Node node, int input) {
        OnnxModel.Initializer initializer = node.inputs().size() > input
                ? model.initializers().get(node.inputs().get(input)) : null;
        if (initializer == null || initializer.floats() == null) {
            throw unsupported(node.opType() + " " + node.name() + " whose input " + input + " is not a constant float tensor");
        }
        return initializer;
    }

    private static FaceDetectorException unsupported(String what) {
        return new FaceDetectorException("The ONNX model uses " + what + ", which facetype's engine does not run");
    }
}
