package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.ShapeMismatchException;
import dev.facetype.cnn.Tensor;

/**
 * A layer whose inference pass can write into a tensor it is handed instead of one it owns, so that a graph
 * can hand the same memory to one layer after another once the earlier values are no longer read
 * ({@code dev.facetype.cnn.graph.InferenceGraph}). Such a layer keeps nothing for a backward pass.
 */
public interface WritesInto extends Layer {

    /**
     * Computes the inference output for {@code input} into {@code output}, a batch of {@link #outputShape()}
     * that does not share memory with the input. Every output value is written; none is read first.
     */
    void forwardInto(Tensor input, Tensor output);

    /** Fails unless {@code output} is a batch of {@code batch} samples of the layer's output shape. */
    static void checkOutput(Layer layer, Tensor output, int batch) {
        Shape expected = layer.outputShape().withBatch(batch);
        if (!output.shape().equals(expected)) {
            throw new ShapeMismatchException(layer.name() + " (output buffer)", expected, output.shape());
        }
    }
}
