package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.ShapeMismatchException;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.parallel.ComputePool;

/**
 * The element-wise sum of two tensors of one shape (ONNX's {@code Add} without broadcasting), the join of a
 * feature pyramid's lateral and top-down paths. It has two inputs, so it is not a {@link Layer}; a graph
 * ({@code dev.facetype.cnn.graph.InferenceGraph}) runs it.
 *
 * <pre>
 *   a (N, ...), b (N, ...)  ->  output (N, ...) = a + b;   dLoss/da = dLoss/db = dLoss/doutput
 * </pre>
 */
public final class ElementwiseAdd {

    private static final int MIN_ELEMENTS_PER_WORKER = 1 << 15;

    private final String name;
    private final Shape shape;
    private final ComputePool pool;
    private Tensor output;

    /** @param shape the shape of one sample of each input (and of the output) */
    public ElementwiseAdd(String name, Shape shape, ComputePool pool) {
        this.name = name;
        this.shape = shape;
        this.pool = pool;
    }

    public String name() {
        return name;
    }

    /** Shape of one sample. */
    public Shape shape() {
        return shape;
    }

    /** a + b into this operation's own output tensor, reused by the next call. */
    public Tensor forward(Tensor a, Tensor b) {
        output = AbstractLayer.reuse(output, shape, check(a, b));
        return addInto(a, b, output);
    }

    /** a + b written into {@code a} itself (when nothing else still needs a's values); returns a. */
    public Tensor forwardInPlace(Tensor a, Tensor b) {
        check(a, b);
        return addInto(a, b, a);
    }

    /** a + b written into {@code sum}, a tensor of the same shape handed in by the caller; returns sum. */
    public Tensor forwardInto(Tensor a, Tensor b, Tensor sum) {
        int batch = check(a, b);
        if (!sum.shape().equals(shape.withBatch(batch))) {
            throw new ShapeMismatchException(name + " (output buffer)", shape.withBatch(batch), sum.shape());
        }
        return addInto(a, b, sum);
    }

    private Tensor addInto(Tensor a, Tensor b, Tensor sum) {
        float[] x = a.data();
        float[] y = b.data();
        float[] out = sum.data();
        pool.parallelFor(out.length, MIN_ELEMENTS_PER_WORKER, (worker, start, end) -> {
            for (int i = start; i < end; i++) {
                out[i] = x[i] + y[i];
            }
        });
        return sum;
    }

    /** dLoss/da and dLoss/db, both equal to {@code gradOutput} (returned as is). */
    public Tensor backward(Tensor gradOutput) {
        if (output != null && !gradOutput.shape().equals(output.shape())) {
            throw new ShapeMismatchException(name + " (backward)", output.shape(), gradOutput.shape());
        }
        return gradOutput;
    }

    private int check(Tensor a, Tensor b) {
        Shape expected = shape.withBatch(a.batchSize());
        if (!a.shape().equals(expected)) {
            throw new ShapeMismatchException(name + " (first input)", expected, a.shape());
        }
        if (!b.shape().equals(expected)) {
            throw new ShapeMismatchException(name + " (second input)", expected, b.shape());
        }
        return a.batchSize();
    }

    /** The same operation with its own output buffer, for another thread. */
    public ElementwiseAdd inferenceCopy() {
        return new ElementwiseAdd(name, shape, pool);
    }
}
