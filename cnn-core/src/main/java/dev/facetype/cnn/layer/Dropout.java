package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import java.util.SplittableRandom;

/**
 * Inverted dropout: in training each value is zeroed with probability {@code rate} and the survivors are
 * scaled by 1 / (1 - rate), so inference is the identity. The mask of the n-th training batch comes from a
 * generator seeded by (seed, n), so runs are reproducible whatever the thread count.
 */
public final class Dropout extends AbstractLayer {

    private final double rate;
    private final long seed;
    private long batches;
    private float[] mask = new float[0];
    private Tensor output;
    private Tensor gradInput;
    private int batch;
    private boolean lastWasTraining;

    public Dropout(String name, Shape inputShape, double rate, long seed) {
        super(name, inputShape, inputShape);
        this.rate = rate;
        this.seed = seed;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        checkInput(x);
        lastWasTraining = training;
        batch = x.batchSize();
        if (!training || rate == 0) {
            return x;
        }
        float[] in = x.data();
        if (mask.length != in.length) {
            mask = new float[in.length];
        }
        SplittableRandom random = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * ++batches);
        float keep = (float) (1.0 / (1.0 - rate));
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextDouble() < rate ? 0f : keep;
        }
        output = reuse(output, outputShape(), batch);
        float[] out = output.data();
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] * mask[i];
        }
        return output;
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        checkGradient(gradOutput, batch);
        if (!needInputGradient) {
            return null;
        }
        if (!lastWasTraining || rate == 0) {
            return gradOutput;
        }
        gradInput = reuse(gradInput, inputShape(), gradOutput.batchSize());
        float[] dOut = gradOutput.data();
        float[] dx = gradInput.data();
        for (int i = 0; i < dx.length; i++) {
            dx[i] = dOut[i] * mask[i];
        }
        return gradInput;
    }

    /** The number of training batches seen; part of the state a checkpoint must restore. */
    public long batchesSeen() {
        return batches;
    }

    /** Restores the batch counter from a checkpoint so masks continue where they left off. */
    public void setBatchesSeen(long count) {
        this.batches = count;
    }

    @Override
    public Layer inferenceCopy() {
        return new Dropout(name(), inputShape(), rate, seed);
    }
}
