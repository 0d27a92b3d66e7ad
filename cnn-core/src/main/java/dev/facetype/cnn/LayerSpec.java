package dev.facetype.cnn;

import dev.facetype.cnn.layer.Initializer;
import dev.facetype.cnn.layer.Padding;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A declarative description of one layer. Specs, not layer objects, are what a model file stores, so an
 * architecture can be saved and rebuilt exactly.
 */
public sealed interface LayerSpec {

    /** The type name used in JSON, for example {@code "conv2d"}. */
    String type();

    /** The spec as a JSON-ready map. */
    Map<String, Object> toMap();

    /** k x k convolution with bias: {@code filters} output channels. */
    record Conv2D(int filters, int kernel, int stride, Padding padding, Initializer init) implements LayerSpec {
        public Conv2D {
            positive("conv2d filters", filters);
            positive("conv2d kernel", kernel);
            positive("conv2d stride", stride);
        }

        @Override
        public String type() {
            return "conv2d";
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> map = start(type());
            map.put("filters", filters);
            map.put("kernel", kernel);
            map.put("stride", stride);
            map.put("padding", padding.name().toLowerCase(Locale.ROOT));
            map.put("init", init.name().toLowerCase(Locale.ROOT));
            return map;
        }
    }

    /** Max pooling over size x size windows. */
    record MaxPool2D(int size, int stride, Padding padding) implements LayerSpec {
        public MaxPool2D {
            positive("maxpool2d size", size);
            positive("maxpool2d stride", stride);
        }

        @Override
        public String type() {
            return "maxpool2d";
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> map = start(type());
            map.put("size", size);
            map.put("stride", stride);
            map.put("padding", padding.name().toLowerCase(Locale.ROOT));
            return map;
        }
    }

    /** Fully connected layer with bias. */
    record Dense(int units, Initializer init) implements LayerSpec {
        public Dense {
            positive("dense units", units);
        }

        @Override
        public String type() {
            return "dense";
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> map = start(type());
            map.put("units", units);
            map.put("init", init.name().toLowerCase(Locale.ROOT));
            return map;
        }
    }

    /** max(0, x). */
    record ReLU() implements LayerSpec {
        @Override
        public String type() {
            return "relu";
        }

        @Override
        public Map<String, Object> toMap() {
            return start(type());
        }
    }

    /** Inverted dropout: drops with probability {@code rate} in training, identity at inference. */
    record Dropout(double rate) implements LayerSpec {
        public Dropout {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
            }
        }

        @Override
        public String type() {
            return "dropout";
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> map = start(type());
            map.put("rate", rate);
            return map;
        }
    }

    /**
     * Batch normalisation per channel (over batch, height and width) or per feature for flat input, with a
     * learned gain and shift; running averages of the statistics serve inference.
     *
     * @param momentum weight of the old running average in each update (e.g. 0.9)
     * @param epsilon  added to the variance before the square root
     */
    record BatchNorm(double momentum, double epsilon) implements LayerSpec {
        public BatchNorm {
            if (!(momentum >= 0 && momentum < 1) || !(epsilon > 0)) {
                throw new IllegalArgumentException("batch norm needs 0 <= momentum < 1 and epsilon > 0, got "
                        + momentum + ", " + epsilon);
            }
        }

        @Override
        public String type() {
            return "batchnorm";
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> map = start(type());
            map.put("momentum", momentum);
            map.put("epsilon", epsilon);
            return map;
        }
    }

    /** (C, H, W) to (C*H*W), no copy. */
    record Flatten() implements LayerSpec {
        @Override
        public String type() {
            return "flatten";
        }

        @Override
        public Map<String, Object> toMap() {
            return start(type());
        }
    }

    /** Rebuilds a spec from its {@link #toMap()} form. */
    static LayerSpec fromMap(Map<String, Object> map) {
        String type = string(map, "type");
        switch (type) {
            case "conv2d":
                return new Conv2D(integer(map, "filters"), integer(map, "kernel"), integer(map, "stride"),
                        Padding.valueOf(string(map, "padding").toUpperCase(Locale.ROOT)),
                        Initializer.valueOf(string(map, "init").toUpperCase(Locale.ROOT)));
            case "maxpool2d":
                return new MaxPool2D(integer(map, "size"), integer(map, "stride"),
                        Padding.valueOf(string(map, "padding").toUpperCase(Locale.ROOT)));
            case "dense":
                return new Dense(integer(map, "units"),
                        Initializer.valueOf(string(map, "init").toUpperCase(Locale.ROOT)));
            case "relu":
                return new ReLU();
            case "dropout":
                return new Dropout(((Number) require(map, "rate")).doubleValue());
            case "flatten":
                return new Flatten();
            case "batchnorm":
                return new BatchNorm(((Number) require(map, "momentum")).doubleValue(),
                        ((Number) require(map, "epsilon")).doubleValue());
            default:
                throw new IllegalArgumentException("Unknown layer type '" + type + "'");
        }
    }

    private static Map<String, Object> start(String type) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", type);
        return map;
    }

    private static void positive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }

    private static Object require(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("Layer spec " + map + " lacks '" + key + "'");
        }
        return value;
    }

    private static String string(Map<String, Object> map, String key) {
        return String.valueOf(require(map, key));
    }

    private static int integer(Map<String, Object> map, String key) {
        Object value = require(map, key);
        if (!(value instanceof Number)) {
            throw new IllegalArgumentException("Layer spec field '" + key + "' must be a number, got " + value);
        }
        return ((Number) value).intValue();
    }
}
