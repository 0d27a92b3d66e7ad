package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.parallel.ComputePool;

/**
 * Nearest-neighbour upsampling by a whole factor (ONNX's {@code Resize} in mode nearest with integer scales,
 * asymmetric coordinates and floor rounding): each input value fills a factor x factor block.
 *
 * <pre>
 *   input  (N, C, H, W)  ->  output (N, C, H*f, W*f)
 *   output[n][c][y][x] = input[n][c][y / f][x / f]
 * </pre>
 *
 * The gradient of an input value is the sum over its block.
 */
public final class Upsample2D extends AbstractLayer implements WritesInto {

    private static final int MIN_VALUES_PER_WORKER = 1 << 15;

    private final int factor;
    private final int height;
    private final int width;
    private final ComputePool pool;

    private Tensor output;
    private Tensor gradInput;
    private int batch;

    public Upsample2D(String name, Shape inputShape, int factor, ComputePool pool) {
        super(name, inputShape, outputShape(name, inputShape, factor));
        this.factor = factor;
        this.height = inputShape.dim(1);
        this.width = inputShape.dim(2);
        this.pool = pool;
    }

    private static Shape outputShape(String name, Shape input, int factor) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException(name + ": upsampling needs (channels, height, width) input, got " + input);
        }
        if (factor < 1) {
            throw new IllegalArgumentException(name + ": the factor must be at least 1, got " + factor);
        }
        return Shape.of(input.dim(0), input.dim(1) * factor, input.dim(2) * factor);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        checkInput(x);
        batch = x.batchSize();
        output = reuse(output, outputShape(), batch);
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
        int planes = x.batchSize() * inputShape().dim(0);
        int inPlane = height * width;
        int outWidth = width * factor;
        int outPlane = inPlane * factor * factor;
        pool.parallelFor(planes, Math.max(1, MIN_VALUES_PER_WORKER / outPlane), (worker, start, end) -> {
            for (int plane = start; plane < end; plane++) {
                for (int y = 0; y < height; y++) {
                    int src = plane * inPlane + y * width;
                    int firstRow = plane * outPlane + y * factor * outWidth;
                    for (int x2 = 0; x2 < outWidth; x2++) {
                        out[firstRow + x2] = in[src + x2 / factor];
                    }
                    for (int r = 1; r < factor; r++) {
                        System.arraycopy(out, firstRow, out, firstRow + r * outWidth, outWidth);
                    }
                }
            }
        });
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        checkGradient(gradOutput, batch);
        if (!needInputGradient) {
            return null;
        }
        gradInput = reuse(gradInput, inputShape(), batch);
        float[] dOut = gradOutput.data();
        float[] dx = gradInput.data();
        int planes = batch * inputShape().dim(0);
        int inPlane = height * width;
        int outWidth = width * factor;
        int outPlane = inPlane * factor * factor;
        pool.parallelFor(planes, Math.max(1, MIN_VALUES_PER_WORKER / outPlane), (worker, start, end) -> {
            for (int plane = start; plane < end; plane++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        float sum = 0f;
                        for (int r = 0; r < factor; r++) {
                            int row = plane * outPlane + (y * factor + r) * outWidth + x * factor;
                            for (int s = 0; s < factor; s++) {
                                sum += dOut[row + s];
                            }
                        }
                        dx[plane * inPlane + y * width + x] = sum;
                    }
                }
            }
        });
        return gradInput;
    }

    @Override
    public Layer inferenceCopy() {
        return new Upsample2D(name(), inputShape(), factor, pool);
    }
}
