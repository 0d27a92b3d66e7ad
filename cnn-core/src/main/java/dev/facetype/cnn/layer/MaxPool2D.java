package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.parallel.ComputePool;
import java.util.Arrays;

/**
 * Max pooling over size x size windows.
 *
 * <pre>
 *   input  (N, C, H, W)  ->  output (N, C, OH, OW)
 * </pre>
 *
 * Positions outside the image (with {@code same} padding) never win. The winning position of each window
 * is remembered, so the backward pass routes each gradient to exactly one input.
 */
public final class MaxPool2D extends AbstractLayer {

    private final int size;
    private final int stride;
    private final int height;
    private final int width;
    private final int outHeight;
    private final int outWidth;
    private final int padTop;
    private final int padLeft;
    private final Padding padding;
    private final ComputePool pool;

    private int[] winners = new int[0];
    private int batch;
    private Tensor output;
    private Tensor gradInput;

    public MaxPool2D(String name, Shape inputShape, int size, int stride, Padding padding, ComputePool pool) {
        super(name, inputShape, outputShape(name, inputShape, size, stride, padding));
        this.size = size;
        this.stride = stride;
        this.height = inputShape.dim(1);
        this.width = inputShape.dim(2);
        this.outHeight = outputShape().dim(1);
        this.outWidth = outputShape().dim(2);
        this.padTop = padding.padBefore(height, size, stride);
        this.padLeft = padding.padBefore(width, size, stride);
        this.padding = padding;
        this.pool = pool;
    }

    private static Shape outputShape(String name, Shape input, int size, int stride, Padding padding) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException(name + ": max pooling needs (channels, height, width) input, got " + input);
        }
        int oh = padding.outputLength(input.dim(1), size, stride);
        int ow = padding.outputLength(input.dim(2), size, stride);
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException(name + ": a " + size + "x" + size + " window does not fit input " + input);
        }
        return Shape.of(input.dim(0), oh, ow);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        checkInput(x);
        batch = x.batchSize();
        output = reuse(output, outputShape(), batch);
        int planes = batch * inputShape().dim(0);
        int outPlane = outHeight * outWidth;
        if (winners.length != planes * outPlane) {
            winners = new int[planes * outPlane];
        }
        float[] in = x.data();
        float[] out = output.data();
        int inPlane = height * width;
        if (!training && twoByTwoInside()) {
            // Inference needs no winners (backward follows only a training pass): a branch-free max is much faster.
            pool.parallelFor(planes, Math.max(1, 16384 / inPlane), (worker, start, end) -> {
                for (int plane = start; plane < end; plane++) {
                    maxTwoByTwo(in, plane * inPlane, out, plane * outPlane);
                }
            });
            return output;
        }
        pool.parallelFor(planes, Math.max(1, 16384 / inPlane), (worker, start, end) -> {
            for (int plane = start; plane < end; plane++) {
                poolPlane(in, plane * inPlane, out, winners, plane * outPlane);
            }
        });
        return output;
    }

    private boolean twoByTwoInside() {
        return size == 2 && stride == 2 && padTop == 0 && padLeft == 0 && 2 * outHeight <= height && 2 * outWidth <= width;
    }

    private void maxTwoByTwo(float[] in, int inBase, float[] out, int outBase) {
        for (int oy = 0; oy < outHeight; oy++) {
            int top = inBase + 2 * oy * width;
            int bottom = top + width;
            int o = outBase + oy * outWidth;
            for (int ox = 0; ox < outWidth; ox++) {
                out[o + ox] = Math.max(Math.max(in[top + 2 * ox], in[top + 2 * ox + 1]),
                        Math.max(in[bottom + 2 * ox], in[bottom + 2 * ox + 1]));
            }
        }
    }

    private void poolPlane(float[] in, int inBase, float[] out, int[] winner, int outBase) {
        if (twoByTwoInside()) {
            poolPlaneTwoByTwo(in, inBase, out, winner, outBase);
            return;
        }
        for (int oy = 0; oy < outHeight; oy++) {
            int y0 = Math.max(0, oy * stride - padTop);
            int y1 = Math.min(height, oy * stride - padTop + size);
            for (int ox = 0; ox < outWidth; ox++) {
                int x0 = Math.max(0, ox * stride - padLeft);
                int x1 = Math.min(width, ox * stride - padLeft + size);
                int best = y0 * width + x0;
                float max = in[inBase + best];
                for (int y = y0; y < y1; y++) {
                    for (int xx = x0; xx < x1; xx++) {
                        float v = in[inBase + y * width + xx];
                        if (v > max) {
                            max = v;
                            best = y * width + xx;
                        }
                    }
                }
                out[outBase + oy * outWidth + ox] = max;
                winner[outBase + oy * outWidth + ox] = best;
            }
        }
    }

    /** The common 2x2, stride 2 window that never crosses the border: no bounds to work out per window. */
    private void poolPlaneTwoByTwo(float[] in, int inBase, float[] out, int[] winner, int outBase) {
        for (int oy = 0; oy < outHeight; oy++) {
            int top = 2 * oy * width;
            int bottom = top + width;
            int o = outBase + oy * outWidth;
            for (int ox = 0; ox < outWidth; ox++) {
                int left = 2 * ox;
                int best = top + left;
                float max = in[inBase + best];
                if (in[inBase + top + left + 1] > max) {
                    best = top + left + 1;
                    max = in[inBase + best];
                }
                if (in[inBase + bottom + left] > max) {
                    best = bottom + left;
                    max = in[inBase + best];
                }
                if (in[inBase + bottom + left + 1] > max) {
                    best = bottom + left + 1;
                    max = in[inBase + best];
                }
                out[o + ox] = max;
                winner[o + ox] = best;
            }
        }
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
        int outPlane = outHeight * outWidth;
        pool.parallelFor(planes, Math.max(1, 16384 / inPlane), (worker, start, end) -> {
            Arrays.fill(dx, start * inPlane, end * inPlane, 0f);
            for (int plane = start; plane < end; plane++) {
                int inBase = plane * inPlane;
                int outBase = plane * outPlane;
                for (int o = 0; o < outPlane; o++) {
                    dx[inBase + winners[outBase + o]] += dOut[outBase + o];
                }
            }
        });
        return gradInput;
    }

    @Override
    public Layer inferenceCopy() {
        return new MaxPool2D(name(), inputShape(), size, stride, padding, pool);
    }
}
