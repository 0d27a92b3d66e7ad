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
     * facetype's stronger network: three VGG-style blocks of two 3x3 convolutions (32, 64, 128 filters)
     * each followed by max-pool 2, then dense 256, dropout 0.5, dense. Stacked small kernels see as far as
     * one 5x5 with fewer weights and an extra non-linearity; the narrower dense layer overfits less on the
     * few hundred photos users typically have.
     */
    DEEP {
        @Override
        public NetworkSpec network(int channels, int size, int classes) {
            return NetworkSpec.builder(channels, size, size)
                    .conv(32, 3).relu().conv(32, 3).relu().maxPool(2)
                    .conv(64, 3).relu().conv(64, 3).relu().maxPool(2)
                    .conv(128, 3).relu().conv(128, 3).relu().maxPool(2)
                    .flatten().dense(256).relu().dropout(0.5)
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
