package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.ShapeMismatchException;
import dev.facetype.cnn.Tensor;

/** Name, shapes, input checking and reusable batch buffers shared by the layers. */
abstract class AbstractLayer implements Layer {

    private final String name;
    private final Shape inputShape;
    private final Shape outputShape;

    AbstractLayer(String name, Shape inputShape, Shape outputShape) {
        this.name = name;
        this.inputShape = inputShape;
        this.outputShape = outputShape;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Shape inputShape() {
        return inputShape;
    }

    @Override
    public final Shape outputShape() {
        return outputShape;
    }

    /** Fails with a message naming this layer unless {@code input} is a batch of {@link #inputShape()}. */
    final void checkInput(Tensor input) {
        Shape actual = input.shape();
        if (actual.rank() != inputShape.rank() + 1 || !actual.withoutBatch().equals(inputShape)) {
            throw new ShapeMismatchException(name + ": expected a batch of shape [N, "
                    + inputShape.toString().substring(1) + " but got " + actual);
        }
    }

    /** Fails unless {@code gradient} matches the output of the last forward pass. */
    final void checkGradient(Tensor gradient, int batch) {
        Shape expected = outputShape.withBatch(batch);
        if (!gradient.shape().equals(expected)) {
            throw new ShapeMismatchException(name + " (backward)", expected, gradient.shape());
        }
    }

    /** {@code buffer} if it already has the batch's shape, else a new tensor of that shape. */
    static Tensor reuse(Tensor buffer, Shape sample, int batch) {
        Shape wanted = sample.withBatch(batch);
        if (buffer != null && buffer.shape().equals(wanted)) {
            return buffer;
        }
        return Tensor.zeros(wanted);
    }

    @Override
    public String toString() {
        return name + " " + inputShape + " -> " + outputShape;
    }
}
