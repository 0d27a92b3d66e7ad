package dev.facetype.benchmarks;

/**
 * One engine set up with the study's network and one fixed batch, for {@link PeerComparison}. Each call runs
 * one batch of 32; the engine keeps its own copy of the batch, so feeding it is not timed.
 */
interface ComparedEngine extends AutoCloseable {

    /** Short name for tables, e.g. {@code TensorFlow Java}. */
    String name();

    /** Versions and the thread settings actually applied, for the report. */
    String details();

    /** Trainable parameters of the network as the engine built it (the same network gives 16,836,036). */
    long parameterCount();

    /** One training step (forward, softmax cross-entropy, backward, Adam update); returns the batch's loss. */
    float trainStep();

    /** One inference batch (forward pass only). */
    void infer();

    @Override
    void close();
}
