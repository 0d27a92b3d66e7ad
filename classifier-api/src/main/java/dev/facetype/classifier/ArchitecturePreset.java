package dev.facetype.classifier;

import dev.facetype.cnn.NetworkSpec;
import dev.facetype.cnn.layer.Initializer;
import java.util.Locale;

/** Ready-made network architectures for face crops of a given size. */
public enum ArchitecturePreset {

    /**
     * The study's network, modelled on TensorFlow's "Deep MNIST for Experts": conv 5x5x32, max-pool 2,
     * conv 5x5x64, max-pool 2, dense 1024, dropout 0.5, dense (one unit per type), softmax.
     */
    STUDY {
        @Override
        public NetworkSpec network(int channels, int size, int classes) {
            return NetworkSpec.builder(channels, size, size)
                    .conv(32, 5).relu().maxPool(2)
                    .conv(64, 5).relu().maxPool(2)
                    .flatten().dense(1024).relu().dropout(0.5)
                    .dense(classes, Initializer.GLOROT)
                    .build();
        }
    },

    /**
     * facetype's stronger network: three VGG-style blocks of two 3x3 convolutions (32, 64, 128 filters),
     * each convolution batch-normalised before its ReLU, each block ending in max-pool 2; then dense 256
     * (normalised), dropout 0.5, dense. Stacked small kernels see as far as one 5x5 with fewer weights and
     * an extra non-linearity; batch normalisation lets it train fast at a high learning rate; the narrow
     * dense layer overfits less than the study's 1024 units.
     */
    DEEP {
        @Override
        public NetworkSpec network(int channels, int size, int classes) {
            NetworkSpec.Builder net = NetworkSpec.builder(channels, size, size);
            for (int filters : new int[] {32, 64, 128}) {
                net.conv(filters, 3).batchNorm().relu().conv(filters, 3).batchNorm().relu().maxPool(2);
            }
            return net.flatten().dense(256).batchNorm().relu().dropout(0.5)
                    .dense(classes, Initializer.GLOROT)
                    .build();
        }
    };

    /** The architecture for square {@code size} x {@code size} crops with {@code channels} channels. */
    public abstract NetworkSpec network(int channels, int size, int classes);

    /** The command-line name: {@code study} or {@code deep}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a command-line name; the error lists the valid ones. */
    public static ArchitecturePreset fromCliName(String name) {
        for (ArchitecturePreset preset : values()) {
            if (preset.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return preset;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + name + "'; use study or deep");
    }
}
