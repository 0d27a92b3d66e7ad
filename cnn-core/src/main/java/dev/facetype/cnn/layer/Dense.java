package dev.facetype.cnn.layer;

import dev.facetype.cnn.Parameters;
import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.kernel.GemmWorkspace;
import dev.facetype.cnn.kernel.Sgemm;
import dev.facetype.cnn.parallel.ComputePool;

/**
 * Fully connected layer with bias.
 *
 * <pre>
 *   input  (N, F)    weights (O, F)    bias (O)    output (N, O) = input * weights^T + bias
 * </pre>
 *
 * Batches are small (tens of samples) while O and F are large, so the work is split over output units
 * (forward, weight gradient) and input features (input gradient), in chunks taken by whichever worker is free:
 * every value is computed by exactly one chunk, with no reduction, so results do not depend on the thread count
 * or the schedule.
 */
public final class Dense extends AbstractLayer {

    private static final int MIN_UNITS_PER_WORKER = 64;
    /**
     * Largest chunks of units (forward, weight gradient) and of features (input gradient) handed to whichever
     * worker is free. Each chunk of the forward pass packs the batch again (2 MB for the study's dense_1), each
     * chunk of the weight gradient the input: so those chunks stay large, the input gradient's (which packs
     * only the output gradient) smaller.
     */
    private static final int FORWARD_CHUNK = 256;
    private static final int WEIGHT_GRADIENT_CHUNK = 128;
    private static final int INPUT_GRADIENT_CHUNK = 1024;

    private final int features;
    private final int units;
    private final float[] values;
    private final float[] gradients;
    private final int weightOffset;
    private final int biasOffset;
    private final ComputePool pool;
    private final GemmWorkspace[] workspaces;
    private final float[][] transposedOutputs;
    /** The parameters whose weight-gradient block this layer clears itself, or null. */
    private Parameters owner;

    private Tensor input;
    private Tensor output;
    private Tensor gradInput;

    public Dense(String name, Shape inputShape, int units, float[] values, float[] gradients, int weightOffset,
                 ComputePool pool) {
        super(name, checkedInput(name, inputShape), Shape.of(units));
        this.features = inputShape.dim(0);
        this.units = units;
        this.values = values;
        this.gradients = gradients;
        this.weightOffset = weightOffset;
        this.biasOffset = weightOffset + units * features;
        this.pool = pool;
        this.workspaces = new GemmWorkspace[pool.threads()];
        this.transposedOutputs = new float[pool.threads()][];
    }

    /**
     * Makes {@code parameters} (whose gradient array this layer writes) leave clearing this layer's weight
     * gradients to it: after {@link Parameters#zeroGradients} the next backward pass overwrites them instead of
     * adding to them, which saves a pass over the largest block of a network like the study's.
     *
     * @throws IllegalArgumentException when {@code parameters} does not hold this layer's gradients
     */
    public void clearOwnWeightGradients(Parameters parameters) {
        if (parameters.gradients() != gradients) {
            throw new IllegalArgumentException(name() + ": not the gradient array of this layer");
        }
        parameters.deferZeroing(weightOffset);
        owner = parameters;
    }

    private static Shape checkedInput(String name, Shape input) {
        if (input.rank() != 1) {
            throw new IllegalArgumentException(name + ": a dense layer needs flat (features) input, got " + input
                    + "; put a flatten layer before it");
        }
        return input;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        checkInput(x);
        int batch = x.batchSize();
        input = x;
        output = reuse(output, outputShape(), batch);
        float[] in = x.data();
        float[] out = output.data();
        pool.parallelForChunks(units, chunk(units, FORWARD_CHUNK), (worker, start, end) -> {
            // out^T[start:end] (O' x N) = W[start:end] (O' x F) * input^T (F x N): with the weights as the
            // plain A operand the product reads them in place (B, the batch, is one panel), instead of packing
            // all of them transposed every batch as out = input * W^T would.
            int count = end - start;
            float[] transposed = transposedOutput(worker, count * batch);
            Sgemm.multiply(false, true, count, batch, features,
                    values, weightOffset + start * features, features,
                    in, 0, features,
                    false, transposed, 0, batch, workspace(worker));
            for (int o = start; o < end; o++) {
                float bias = values[biasOffset + o];
                int from = (o - start) * batch;
                for (int n = 0; n < batch; n++) {
                    out[n * units + o] = transposed[from + n] + bias;
                }
            }
        });
        return output;
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        int batch = input.batchSize();
        checkGradient(gradOutput, batch);
        float[] in = input.data();
        float[] dOut = gradOutput.data();
        // Overwrite when the weight gradients count as zero: saves clearing them first and reading them here.
        boolean accumulate = owner == null || !owner.takeZeroed(weightOffset);
        pool.parallelForChunks(units, chunk(units, WEIGHT_GRADIENT_CHUNK), (worker, start, end) -> {
            // dW[start:end] (O' x F) (+)= dOut[:, start:end]^T (O' x N) * input (N x F)
            Sgemm.multiply(true, false, end - start, features, batch,
                    dOut, start, units,
                    in, 0, features,
                    accumulate, gradients, weightOffset + start * features, features, workspace(worker));
            for (int o = start; o < end; o++) {
                float sum = 0f;
                for (int n = 0; n < batch; n++) {
                    sum += dOut[n * units + o];
                }
                gradients[biasOffset + o] += sum;
            }
        });
        if (!needInputGradient) {
            return null;
        }
        gradInput = reuse(gradInput, inputShape(), batch);
        float[] dx = gradInput.data();
        pool.parallelForChunks(features, chunk(features, INPUT_GRADIENT_CHUNK), (worker, start, end) -> {
            // dX[:, start:end] (N x F') = dOut (N x O) * W[:, start:end] (O x F')
            Sgemm.multiply(false, false, batch, end - start, units,
                    dOut, 0, units,
                    values, weightOffset + start, features,
                    false, dx, start, features, workspace(worker));
        });
        return gradInput;
    }

    /**
     * Chunk size for {@code count} items: at most {@code largest}, at least {@link #MIN_UNITS_PER_WORKER}, and
     * the whole range when it is too small to split.
     */
    private int chunk(int count, int largest) {
        int parts = pool.workersFor(count, MIN_UNITS_PER_WORKER);
        if (parts == 1) {
            return count;
        }
        return Math.max(MIN_UNITS_PER_WORKER, Math.min(largest, (count + parts - 1) / parts));
    }

    /** A worker's buffer for its block of the transposed output, at least {@code size} floats. */
    private float[] transposedOutput(int worker, int size) {
        float[] buffer = transposedOutputs[worker];
        if (buffer == null || buffer.length < size) {
            buffer = new float[size];
            transposedOutputs[worker] = buffer;
        }
        return buffer;
    }

    private GemmWorkspace workspace(int worker) {
        GemmWorkspace workspace = workspaces[worker];
        if (workspace == null) {
            workspace = new GemmWorkspace();
            workspaces[worker] = workspace;
        }
        return workspace;
    }

    @Override
    public Layer inferenceCopy() {
        return new Dense(name(), inputShape(), units, values, gradients, weightOffset, pool);
    }
}
