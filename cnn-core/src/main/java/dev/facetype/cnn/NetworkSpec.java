package dev.facetype.cnn;

import dev.facetype.cnn.layer.Initializer;
import dev.facetype.cnn.layer.Padding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sequential architecture: the shape of one input sample and the layers in order. It is all a model file
 * needs to rebuild the network; weights travel separately.
 *
 * <pre>{@code
 * NetworkSpec deepMnist = NetworkSpec.builder(1, 28, 28)
 *         .conv(32, 5).relu().maxPool(2)
 *         .conv(64, 5).relu().maxPool(2)
 *         .flatten().dense(1024).relu().dropout(0.5)
 *         .dense(10, Initializer.GLOROT)
 *         .build();
 * }</pre>
 */
public final class NetworkSpec {

    private final Shape inputShape;
    private final List<LayerSpec> layers;

    public NetworkSpec(Shape inputShape, List<LayerSpec> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("A network needs at least one layer");
        }
        this.inputShape = inputShape;
        this.layers = List.copyOf(layers);
    }

    /** Starts a spec whose samples have the given shape, e.g. (channels, height, width). */
    public static Builder builder(int... inputDims) {
        return new Builder(Shape.of(inputDims));
    }

    /** Shape of one input sample (no batch dimension). */
    public Shape inputShape() {
        return inputShape;
    }

    public List<LayerSpec> layers() {
        return layers;
    }

    /** JSON-ready form: {@code {"input": [c, h, w], "layers": [...]}}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Object> dims = new ArrayList<>();
        for (int d : inputShape.toArray()) {
            dims.add(d);
        }
        map.put("input", dims);
        List<Object> layerMaps = new ArrayList<>();
        for (LayerSpec layer : layers) {
            layerMaps.add(layer.toMap());
        }
        map.put("layers", layerMaps);
        return map;
    }

    /** Rebuilds a spec from {@link #toMap()}. */
    @SuppressWarnings("unchecked")
    public static NetworkSpec fromMap(Map<String, Object> map) {
        Object input = map.get("input");
        Object layers = map.get("layers");
        if (!(input instanceof List) || !(layers instanceof List)) {
            throw new IllegalArgumentException("Architecture needs 'input' and 'layers' arrays, got " + map.keySet());
        }
        List<Object> dimList = (List<Object>) input;
        int[] dims = new int[dimList.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = ((Number) dimList.get(i)).intValue();
        }
        List<LayerSpec> specs = new ArrayList<>();
        for (Object layer : (List<Object>) layers) {
            specs.add(LayerSpec.fromMap((Map<String, Object>) layer));
        }
        return new NetworkSpec(Shape.of(dims), specs);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NetworkSpec && toMap().equals(((NetworkSpec) other).toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return dev.facetype.cnn.io.Json.write(toMap());
    }

    /** Fluent construction of a {@link NetworkSpec}. */
    public static final class Builder {
        private final Shape inputShape;
        private final List<LayerSpec> layers = new ArrayList<>();

        private Builder(Shape inputShape) {
            this.inputShape = inputShape;
        }

        /** k x k convolution, stride 1, {@code same} padding, He initialisation. */
        public Builder conv(int filters, int kernel) {
            return conv(filters, kernel, 1, Padding.SAME);
        }

        public Builder conv(int filters, int kernel, int stride, Padding padding) {
            return add(new LayerSpec.Conv2D(filters, kernel, stride, padding, Initializer.HE));
        }

        /** size x size max pooling with stride {@code size}. */
        public Builder maxPool(int size) {
            return add(new LayerSpec.MaxPool2D(size, size, Padding.SAME));
        }

        public Builder maxPool(int size, int stride, Padding padding) {
            return add(new LayerSpec.MaxPool2D(size, stride, padding));
        }

        /** Dense layer with He initialisation. */
        public Builder dense(int units) {
            return dense(units, Initializer.HE);
        }

        public Builder dense(int units, Initializer init) {
            return add(new LayerSpec.Dense(units, init));
        }

        public Builder relu() {
            return add(new LayerSpec.ReLU());
        }

        public Builder dropout(double rate) {
            return add(new LayerSpec.Dropout(rate));
        }

        /** Batch normalisation with momentum 0.9 and epsilon 1e-5. */
        public Builder batchNorm() {
            return add(new LayerSpec.BatchNorm(0.9, 1e-5));
        }

        public Builder flatten() {
            return add(new LayerSpec.Flatten());
        }

        public Builder add(LayerSpec layer) {
            layers.add(layer);
            return this;
        }

        public NetworkSpec build() {
            return new NetworkSpec(inputShape, layers);
        }
    }
}
