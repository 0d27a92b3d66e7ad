package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.parallel.ComputePool;

/** 1 / (1 + e^-x), element-wise; any shape. The gradient is y (1 - y) times the output gradient. */
public final class Sigmoid extends AbstractLayer implements WritesInto {

    private static final int MIN_ELEMENTS_PER_WORKER = 1 << 14;

    private final ComputePool pool;
    private Tensor output;
    private Tensor gradInput;

    public Sigmoid(String name, Shape inputShape, ComputePool pool) {
        super(name, inputShape, inputShape);
        this.pool = pool;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        checkInput(x);
        output = reuse(output, outputShape(), x.batchSize());
        compute(x, output);
        return output;
    }

    @Override
    public void forwardInto(Tensor x, Tensor out) {
        checkInput(x);
        WritesInto.checkOutput(this, out, x.batchSize());
        compute(x, out);
    }

    private void compute(Tensor x, Tensor result) {
        float[] in = x.data();
        float[] out = result.data();
        pool.parallelFor(in.length, MIN_ELEMENTS_PER_WORKER, (worker, start, end) -> {
            for (int i = start; i < end; i++) {
                out[i] = (float) (1.0 / (1.0 + Math.exp(-in[i])));
            }
        });
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        checkGradient(gradOutput, output.batchSize());
        if (!needInputGradient) {
            return null;
        }
        gradInput = reuse(gradInput, inputShape(), output.batchSize());
        float[] y = output.data();
        float[] dOut = gradOutput.data();
        float[] dx = gradInput.data();
        pool.parallelFor(y.length, MIN_ELEMENTS_PER_WORKER, (worker, start, end) -> {
            for (int i = start; i < end; i++) {
                dx[i] = dOut[i] * y[i] * (1f - y[i]);
            }
        });
        return gradInput;
    }

    @Override
    public Layer inferenceCopy() {
        return new Sigmoid(name(), inputShape(), pool);
    }
}
