package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;

/**
 * One step of a sequential network. A layer keeps what its backward pass needs from the last forward
 * pass, and owns the tensors it returns (they are overwritten by the next call), so one layer object
 * serves one thread at a time. {@link #inferenceCopy()} gives another thread its own buffers over the
 * same weights.
 */
public interface Layer {

    /** Unique name within its network, e.g. {@code conv2d_1}; error messages use it. */
    String name();

    /** Shape of one input sample. */
    Shape inputShape();

    /** Shape of one output sample. */
    Shape outputShape();

    /**
     * Computes the output for a batch. {@code training} turns on dropout and keeps what backward needs.
     */
    Tensor forward(Tensor input, boolean training);

    /**
     * Given dLoss/dOutput for the last training forward pass, adds dLoss/dParameters to the network's
     * gradient buffer and returns dLoss/dInput, or {@code null} when {@code needInputGradient} is false
     * (the first layer saves that work).
     */
    Tensor backward(Tensor gradOutput, boolean needInputGradient);

    /** A layer with its own buffers reading the same parameter values, for another thread's inference. */
    Layer inferenceCopy();
}
