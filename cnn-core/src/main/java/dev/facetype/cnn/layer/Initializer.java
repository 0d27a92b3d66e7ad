package dev.facetype.cnn.layer;

import java.util.random.RandomGenerator;

/** Weight initialisation schemes; biases start at zero. */
public enum Initializer {
    /** He et al. (2015): normal with standard deviation sqrt(2 / fanIn); suits layers followed by ReLU. */
    HE,
    /** Glorot and Bengio (2010): uniform in +-sqrt(6 / (fanIn + fanOut)); suits the final linear layer. */
    GLOROT;

    /** Fills {@code length} weights starting at {@code offset}. */
    public void fill(float[] weights, int offset, int length, int fanIn, int fanOut, RandomGenerator random) {
        if (this == HE) {
            double std = Math.sqrt(2.0 / fanIn);
            for (int i = 0; i < length; i++) {
                weights[offset + i] = (float) (random.nextGaussian() * std);
            }
        } else {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < length; i++) {
                weights[offset + i] = (float) ((random.nextDouble() * 2 - 1) * limit);
            }
        }
    }
}
