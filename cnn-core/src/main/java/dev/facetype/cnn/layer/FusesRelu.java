package dev.facetype.cnn.layer;

/**
 * A layer that can apply a following ReLU itself, as it writes each value, which saves the ReLU's pass over
 * memory. {@code dev.facetype.cnn.graph.InferenceGraph} fuses a ReLU into such a layer when nothing else reads
 * the layer's output.
 */
public interface FusesRelu extends WritesInto {

    /**
     * The same layer (sharing its weights) whose output is max(0, x) of this one's. For inference: its
     * backward pass is not supported.
     */
    WritesInto withRelu();
}
