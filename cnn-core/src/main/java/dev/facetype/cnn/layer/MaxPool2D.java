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
 * Positions outside the image (with {@code same} padding) never win. The backward pass routes each gradient to
 * exactly one input, the first position of its window holding the largest value.
 *
 * <p>The common 2 x 2, stride 2 window inside the image takes the branch-free maximum of its four inputs (the
 * data-dependent branches of a running comparison mispredicted half the time: 2 to 3 times slower); its backward
 * pass finds the winner again by comparing the four inputs with the pooled value, with integer masks instead of
 * branches, so nothing is stored per window. Other windows remember the winning position of each.
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
    private Tensor input;
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
        float[] in = x.data();
        float[] out = output.data();
        int inPlane = height * width;
        // The backward pass reads the input again; the layer before keeps it unchanged until then.
        input = x;
        if (twoByTwoInside()) {
            pool.parallelFor(planes, Math.max(1, 16384 / inPlane), (worker, start, end) -> {
                for (int plane = start; plane < end; plane++) {
                    maxTwoByTwo(in, plane * inPlane, out, plane * outPlane);
                }
            });
            return output;
        }
        if (winners.length != planes * outPlane) {
            winners = new int[planes * outPlane];
        }
        pool.parallelFor(planes, Math.max(1, 16384 / inPlane), (worker, start, end) -> {
            for (int plane = start; plane < end; plane++) {
                poolPlane(in, plane * inPlane, out, winners, plane * outPlane);
            }
        });
        return output;
    }

    /** Whether this is a 2 x 2, stride-2 pooling whose windows tile the input exactly (what a fused layer takes). */
    boolean twoByTwoTiled() {
        return twoByTwoInside() && 2 * outHeight == height && 2 * outWidth == width;
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
        if (twoByTwoInside()) {
            float[] in = input.data();
            float[] out = output.data();
            boolean tiled = 2 * outHeight == height && 2 * outWidth == width;
            pool.parallelFor(planes, Math.max(1, 16384 / inPlane), (worker, start, end) -> {
                if (!tiled) {
                    Arrays.fill(dx, start * inPlane, end * inPlane, 0f);
                }
                for (int plane = start; plane < end; plane++) {
                    routeTwoByTwo(in, out, dOut, dx, plane * inPlane, plane * outPlane);
                }
            });
            return gradInput;
        }
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

    /**
     * Writes all four gradients of every 2 x 2 window of one plane: dOut to the first input equal to the pooled
     * value, 0 to the others (as bit masks, since which one wins is data-dependent and unpredictable).
     */
    private void routeTwoByTwo(float[] in, float[] out, float[] dOut, float[] dx, int inBase, int outBase) {
        boolean nan = false;
        for (int oy = 0; oy < outHeight; oy++) {
            int top = inBase + 2 * oy * width;
            int bottom = top + width;
            int o = outBase + oy * outWidth;
            for (int ox = 0; ox < outWidth; ox++) {
                float max = out[o + ox];
                int g = Float.floatToRawIntBits(dOut[o + ox]);
                int tl = top + 2 * ox;
                int bl = bottom + 2 * ox;
                int a = in[tl] == max ? -1 : 0;
                int b = in[tl + 1] == max ? ~a : 0;
                int rest = ~(a | b);
                int c = in[bl] == max ? rest : 0;
                int d = rest & ~c;
                dx[tl] = Float.intBitsToFloat(g & a);
                dx[tl + 1] = Float.intBitsToFloat(g & b);
                dx[bl] = Float.intBitsToFloat(g & c);
                dx[bl + 1] = Float.intBitsToFloat(g & d);
            }
        }
        // A NaN in a window makes the pooled value NaN, equal to nothing; such windows are routed again below,
        // outside the loop above (a branch in it made it twice as slow).
        for (int o = outBase; o < outBase + outHeight * outWidth; o++) {
            nan |= out[o] != out[o];
        }
        if (nan) {
            routeNaNWindows(in, out, dOut, dx, inBase, outBase);
        }
    }

    /** Windows whose pooled value is NaN: the first input wins unless a later one is larger (a running max). */
    private void routeNaNWindows(float[] in, float[] out, float[] dOut, float[] dx, int inBase, int outBase) {
        for (int oy = 0; oy < outHeight; oy++) {
            for (int ox = 0; ox < outWidth; ox++) {
                int o = outBase + oy * outWidth + ox;
                if (out[o] == out[o]) {
                    continue;
                }
                int tl = inBase + 2 * oy * width + 2 * ox;
                int bl = tl + width;
                int winner = nanWinner(in[tl], in[tl + 1], in[bl], in[bl + 1]);
                dx[tl] = winner == 0 ? dOut[o] : 0f;
                dx[tl + 1] = winner == 1 ? dOut[o] : 0f;
                dx[bl] = winner == 2 ? dOut[o] : 0f;
                dx[bl + 1] = winner == 3 ? dOut[o] : 0f;
            }
        }
    }

    private static int nanWinner(float v0, float v1, float v2, float v3) {
        int best = 0;
        float max = v0;
        if (v1 > max) {
            best = 1;
            max = v1;
        }
        if (v2 > max) {
            best = 2;
            max = v2;
        }
        if (v3 > max) {
            best = 3;
        }
        return best;
    }

    @Override
    public Layer inferenceCopy() {
        return new MaxPool2D(name(), inputShape(), size, stride, padding, pool);
    }
}
