package dev.facetype.cli.reliability;

import dev.facetype.cnn.NetworkSpec;
import dev.facetype.cnn.io.ModelFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A program that saves a big model (65 MB) to one path over and over, each time with every weight set to the
 * round's number, and prints {@code saved N} after each save. {@link AtomicSaveTest} kills it mid-save.
 */
public final class ModelSavingLoop {

    /** 64 x 64 inputs, 4000 outputs: 16.4 million weights. */
    static final NetworkSpec SPEC = NetworkSpec.builder(1, 64, 64).flatten().dense(4000).build();

    private ModelSavingLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        float[] weights = new float[4096 * 4000 + 4000];
        for (int round = 0; ; round++) {
            Arrays.fill(weights, round);
            ModelFile.write(target, new ModelFile.Contents(SPEC, round, Map.of("round", round),
                    Map.of(ModelFile.PARAMETERS, weights)));
            System.out.println("saved " + round);
            System.out.flush();
        }
    }
}
