package dev.facetype.cnn;

import java.util.List;

/**
 * Every trainable value of a network in one flat array, with a gradient array of the same length. One
 * buffer makes the optimiser, gradient zeroing, saving and checksumming single loops.
 */
public final class Parameters {

    /** What a block holds, which decides how it starts and whether the optimiser touches it. */
    public enum Kind {
        /** Random initial values; trained; takes weight decay. */
        WEIGHT,
        /** Starts at zero; trained; no decay. */
        BIAS,
        /** Starts at one (a normalisation's gain); trained; no decay. */
        SCALE,
        /** Running mean of a normalisation: starts at zero, updated by the layer, never by the optimiser. */
        RUNNING_MEAN,
        /** Running variance of a normalisation: starts at one, updated by the layer, never by the optimiser. */
        RUNNING_VARIANCE;

        /** True for blocks the optimiser updates. */
        public boolean trainable() {
            return this != RUNNING_MEAN && this != RUNNING_VARIANCE;
        }

        /** True for blocks that take weight decay. */
        public boolean decayed() {
            return this == WEIGHT;
        }
    }

    /** A named slice of the flat buffer, e.g. one layer's weights. */
    public record Block(String name, int offset, int length, Shape shape, Kind kind) {

        /** True for blocks that take weight decay (weights, not biases or normalisation parameters). */
        public boolean weightDecay() {
            return kind.decayed();
        }
    }

    private final float[] values;
    private final float[] gradients;
    private final List<Block> blocks;

    Parameters(List<Block> blocks, float[] values) {
        int total = 0;
        for (Block block : blocks) {
            if (block.offset() != total) {
                throw new IllegalArgumentException("Parameter blocks must be contiguous; " + block.name()
                        + " starts at " + block.offset() + ", expected " + total);
            }
            total += block.length();
        }
        if (values.length != total) {
            throw new IllegalArgumentException("The network has " + total + " parameters but "
                    + values.length + " values were given");
        }
        this.blocks = List.copyOf(blocks);
        this.values = values;
        this.gradients = new float[total];
    }

    /** The parameter values (not a copy). */
    public float[] values() {
        return values;
    }

    /** The gradients from the last backward pass (not a copy). */
    public float[] gradients() {
        return gradients;
    }

    /** The blocks in order. */
    public List<Block> blocks() {
        return blocks;
    }

    /** Total number of trainable values. */
    public int count() {
        return values.length;
    }

    /** Sets every gradient to zero. */
    public void zeroGradients() {
        java.util.Arrays.fill(gradients, 0f);
    }
}
