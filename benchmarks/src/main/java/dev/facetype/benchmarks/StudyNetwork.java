package dev.facetype.benchmarks;

import dev.facetype.cnn.NetworkSpec;
import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.layer.Initializer;
import java.util.SplittableRandom;

/**
 * The study's network as benchmarked everywhere in facetype (and by the TensorFlow comparison): input
 * 64x64x3, conv 5x5x32 same + ReLU, max-pool 2, conv 5x5x64 same + ReLU, max-pool 2, dense 1024 + ReLU,
 * dense 4; batch 32.
 */
final class StudyNetwork {

    static final int BATCH = 32;
    static final int CLASSES = 4;

    /** Multiply-adds x 2 of one image's forward pass: conv1 19.7 M, conv2 104.9 M, dense 33.6 M, dense 8 K. */
    static final double FORWARD_FLOPS = 2.0 * (64 * 64 * 32 * 75 + 32 * 32 * 64 * 800 + 16384.0 * 1024 + 1024 * 4);

    /** Forward plus backward: the first layer needs no input gradient, every other layer both gradients. */
    static final double TRAINING_FLOPS = FORWARD_FLOPS + 2.0 * (64 * 64 * 32 * 75)
            + 2 * 2.0 * (32 * 32 * 64 * 800 + 16384.0 * 1024 + 1024 * 4);

    private StudyNetwork() {
    }

    static NetworkSpec spec() {
        return NetworkSpec.builder(3, 64, 64)
                .conv(32, 5).relu().maxPool(2)
                .conv(64, 5).relu().maxPool(2)
                .flatten().dense(1024).relu()
                .dense(CLASSES, Initializer.GLOROT)
                .build();
    }

    /** A seeded random batch of inputs in [0, 1). */
    static Tensor batch(Shape sample, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[size * sample.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        return new Tensor(sample.withBatch(size), data);
    }

    static int[] labels(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(CLASSES);
        }
        return labels;
    }
}
