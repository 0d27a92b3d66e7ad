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
    /** Per block: {@link #zeroGradients} leaves clearing it to the layer that writes it ({@link #deferZeroing}). */
    private final boolean[] deferred;
    /** Per deferred block: its gradients count as zero although the array still holds the previous ones. */
    private final boolean[] stale;

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
        this.deferred = new boolean[this.blocks.size()];
        this.stale = new boolean[this.blocks.size()];
    }

    /** The parameter values (not a copy). */
    public float[] values() {
        return values;
    }

    /** The gradients from the last backward pass (not a copy). */
    public float[] gradients() {
        clearStale();
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

    /**
     * Sets every gradient to zero. Blocks handed to {@link #deferZeroing} are not written now: their layer
     * overwrites them in its next backward pass, or {@link #gradients()} clears them if it is read first.
     */
    public void zeroGradients() {
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (deferred[i]) {
                stale[i] = true;
            } else {
                java.util.Arrays.fill(gradients, block.offset(), block.offset() + block.length(), 0f);
            }
        }
    }

    /**
     * Lets the layer that writes the block starting at {@code offset} clear it by overwriting it: from now on
     * {@link #zeroGradients} only marks the block, and the layer asks {@link #takeZeroed} at the start of its
     * backward pass whether to overwrite its gradients rather than add to them. Saves a pass over large blocks
     * (a dense layer's weights: 67 MB in the study network). Only that layer may write the block.
     *
     * @throws IllegalArgumentException when no block starts at {@code offset}
     */
    public void deferZeroing(int offset) {
        deferred[blockAt(offset)] = true;
    }

    /**
     * For the layer that owns a deferred block: true once after {@link #zeroGradients}, meaning the block's
     * gradients count as zero and the layer must overwrite them (false: add to them as usual).
     */
    public boolean takeZeroed(int offset) {
        int i = blockAt(offset);
        boolean zeroed = stale[i];
        stale[i] = false;
        return zeroed;
    }

    private void clearStale() {
        for (int i = 0; i < stale.length; i++) {
            if (stale[i]) {
                Block block = blocks.get(i);
                java.util.Arrays.fill(gradients, block.offset(), block.offset() + block.length(), 0f);
                stale[i] = false;
            }
        }
    }

    private int blockAt(int offset) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).offset() == offset) {
                return i;
            }
        }
        throw new IllegalArgumentException("no parameter block starts at " + offset);
    }
}
