package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.kernel.RowFilter3x3;
import dev.facetype.cnn.parallel.ComputePool;
import java.util.Arrays;

/**
 * Depthwise k x k convolution with bias and explicit {@link Pads}: every channel is filtered by its own kernel
 * (a grouped convolution with one channel per group, ONNX's {@code Conv} with {@code group == channels}).
 *
 * <pre>
 *   input   (N, C, H, W)
 *   weights (C, 1, k, k)   bias (C)
 *   output  (N, C, OH, OW)   OH = (H + top + bottom - k) / s + 1, OW likewise
 *   output[n][c][oy][ox] = bias[c] + sum_{i,j} weights[c][0][i][j] * input[n][c][oy*s - top + i][ox*s - left + j]
 * </pre>
 *
 * Computed directly rather than lowered: a depthwise filter has only k*k multiply-adds per output value, so
 * im2col would copy k*k values to save nothing. A 3x3, stride-1 filter (the common case) runs each output row
 * through {@link RowFilter3x3}; other sizes take one pass per kernel row with its k taps inside the loop. The
 * columns whose window crosses the border are done apart.
 *
 * <p>{@link #withRelu()} gives the same convolution with a ReLU applied as each value is written (for
 * inference graphs, which fuse a following ReLU that way and save a pass over memory).
 */
public final class DepthwiseConv2D extends AbstractLayer implements WritesInto, FusesRelu {

    private static final int MIN_VALUES_PER_WORKER = 1 << 14;
    private static final RowFilter3x3 ROW_FILTER = RowFilter3x3.selected();

    private final int channels;
    private final int height;
    private final int width;
    private final int kernel;
    private final int stride;
    private final Pads pads;
    private final int outHeight;
    private final int outWidth;
    /** Output columns whose whole window lies inside the input: [insideFirst, insideLast). */
    private final int insideFirst;
    private final int insideLast;
    private final float[] values;
    private final float[] gradients;
    private final int weightOffset;
    private final int biasOffset;
    private final ComputePool pool;
    /** Whether max(0, x) is applied to every output (a fused ReLU; inference only). */
    private final boolean relu;

    private Tensor input;
    private Tensor output;
    private Tensor gradInput;

    /**
     * @param values    the parameter array; weights (C, 1, k, k) at {@code weightOffset}, then the bias (C)
     * @param gradients the gradient array, same layout
     */
    public DepthwiseConv2D(String name, Shape inputShape, int kernel, int stride, Pads pads, float[] values,
                           float[] gradients, int weightOffset, ComputePool pool) {
        this(name, inputShape, kernel, stride, pads, values, gradients, weightOffset, pool, false);
    }

    private DepthwiseConv2D(String name, Shape inputShape, int kernel, int stride, Pads pads, float[] values,
                            float[] gradients, int weightOffset, ComputePool pool, boolean relu) {
        super(name, inputShape, outputShape(name, inputShape, kernel, stride, pads));
        this.relu = relu;
        this.channels = inputShape.dim(0);
        this.height = inputShape.dim(1);
        this.width = inputShape.dim(2);
        this.kernel = kernel;
        this.stride = stride;
        this.pads = pads;
        this.outHeight = outputShape().dim(1);
        this.outWidth = outputShape().dim(2);
        this.insideFirst = Math.min(outWidth, firstInside(0));
        this.insideLast = Math.max(insideFirst, lastInside(kernel - 1));
        this.values = values;
        this.gradients = gradients;
        this.weightOffset = weightOffset;
        this.biasOffset = weightOffset + channels * kernel * kernel;
        this.pool = pool;
    }

    private static Shape outputShape(String name, Shape input, int kernel, int stride, Pads pads) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException(name + ": a convolution needs (channels, height, width) input, got " + input);
        }
        if (kernel < 1 || stride < 1) {
            throw new IllegalArgumentException(name + ": kernel and stride must be positive");
        }
        int oh = pads.outHeight(input.dim(1), kernel, stride);
        int ow = pads.outWidth(input.dim(2), kernel, stride);
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException(name + ": a " + kernel + "x" + kernel + " window with " + pads
                    + " does not fit input " + input);
        }
        return Shape.of(input.dim(0), oh, ow);
    }

    /** Number of weights: C * k * k. */
    public static int weightCount(Shape input, int kernel) {
        return input.dim(0) * kernel * kernel;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        checkInput(x);
        input = x;
        output = reuse(output, outputShape(), x.batchSize());
        compute(x, output);
        return output;
    }

    @Override
    public void forwardInto(Tensor x, Tensor out) {
        checkInput(x);
        WritesInto.checkOutput(this, out, x.batchSize());
        input = null;
        compute(x, out);
    }

    private void compute(Tensor x, Tensor result) {
        int batch = x.batchSize();
        float[] in = x.data();
        float[] out = result.data();
        int inPlane = height * width;
        int outPlane = outHeight * outWidth;
        pool.parallelFor(batch * channels, Math.max(1, MIN_VALUES_PER_WORKER / outPlane), (worker, start, end) -> {
            for (int plane = start; plane < end; plane++) {
                int c = plane % channels;
                forwardPlane(in, plane * inPlane, weightOffset + c * kernel * kernel, values[biasOffset + c],
                        out, plane * outPlane);
                if (relu && !(kernel == 3 && stride == 1)) {
                    for (int i = plane * outPlane; i < (plane + 1) * outPlane; i++) {
                        out[i] = Math.max(0f, out[i]);
                    }
                }
            }
        });
    }

    private void forwardPlane(float[] in, int inBase, int w, float bias, float[] out, int outBase) {
        if (kernel == 3 && stride == 1) {
            forwardPlaneThreeByThree(in, inBase, w, bias, out, outBase);
            return;
        }
        for (int oy = 0; oy < outHeight; oy++) {
            int o = outBase + oy * outWidth;
            Arrays.fill(out, o, o + outWidth, bias);
            for (int i = 0; i < kernel; i++) {
                int iy = oy * stride - pads.top() + i;
                if (iy >= 0 && iy < height) {
                    addKernelRow(in, inBase + iy * width - pads.left(), w + i * kernel, out, o);
                }
            }
        }
    }

    /**
     * The common 3x3, stride-1 filter: the columns whose window lies inside go to {@link RowFilter3x3} (all nine
     * taps in one pass, vectorised), the border columns are summed here.
     */
    private void forwardPlaneThreeByThree(float[] in, int inBase, int w, float bias, float[] out, int outBase) {
        int[] rows = new int[3];
        for (int oy = 0; oy < outHeight; oy++) {
            for (int i = 0; i < 3; i++) {
                int iy = oy - pads.top() + i;
                rows[i] = iy >= 0 && iy < height ? inBase + iy * width - pads.left() : RowFilter3x3.NO_ROW;
            }
            rowThreeByThree(in, rows[0], rows[1], rows[2], w, bias, out, outBase + oy * outWidth);
        }
    }

    /**
     * One output row of the 3x3, stride-1 filter of channel {@code c} (for {@link PointwiseDepthwise}, whose
     * input rows lie in a buffer of its own): {@code row0..row2} are the offsets of the input rows under the
     * kernel's rows, shifted by the left padding, or {@link RowFilter3x3#NO_ROW} for rows in the padding; the
     * ReLU applied when this layer has one.
     */
    void threeByThreeRow(float[] in, int row0, int row1, int row2, int c, float[] out, int o) {
        rowThreeByThree(in, row0, row1, row2, weightOffset + 9 * c, values[biasOffset + c], out, o);
    }

    private void rowThreeByThree(float[] in, int row0, int row1, int row2, int w, float bias, float[] out, int o) {
        ROW_FILTER.filterRow(in, row0, row1, row2, values, w, bias, out, o, insideFirst, insideLast, relu);
        for (int ox = 0; ox < insideFirst; ox++) {
            out[o + ox] = activate(bias + borderColumn(in, row0, row1, row2, w, ox));
        }
        for (int ox = insideLast; ox < outWidth; ox++) {
            out[o + ox] = activate(bias + borderColumn(in, row0, row1, row2, w, ox));
        }
    }

    /** Whether this is a 3x3, stride-1 filter (what {@link PointwiseDepthwise} fuses). */
    boolean threeByThreeStrideOne() {
        return kernel == 3 && stride == 1;
    }

    Pads pads() {
        return pads;
    }

    boolean hasRelu() {
        return relu;
    }

    private float activate(float value) {
        return relu ? Math.max(0f, value) : value;
    }

    /**
     * The 3x3 window's sum at a border column, rows in the padding left out: row by row, each row's taps from
     * the left, as {@link #borderSum} adds them, with the rows passed one by one and the column's taps inside
     * the image found once for all three rows. With an array of rows and a test per tap, the two border
     * columns of each row held a tenth of the samples in a profile of the web page under load; this way YuNet
     * took 3 % less time.
     */
    private float borderColumn(float[] in, int row0, int row1, int row2, int w, int ox) {
        int from = firstTapInside(ox);
        int to = endOfTapsInside(ox);
        float sum = 0f;
        if (row0 != RowFilter3x3.NO_ROW) {
            sum += tapsOfRow(in, row0 + ox, w, from, to);
        }
        if (row1 != RowFilter3x3.NO_ROW) {
            sum += tapsOfRow(in, row1 + ox, w + 3, from, to);
        }
        if (row2 != RowFilter3x3.NO_ROW) {
            sum += tapsOfRow(in, row2 + ox, w + 6, from, to);
        }
        return sum;
    }

    /** The sum over j in [from, to) of weights[w + j] * in[start + j], from 0 and in order of j. */
    private float tapsOfRow(float[] in, int start, int w, int from, int to) {
        float sum = 0f;
        for (int j = from; j < to; j++) {
            sum += values[w + j] * in[start + j];
        }
        return sum;
    }

    /** out[o + ox] += sum_j weights[w + j] * in[row + ox*s + j] for every output column; row is shifted by -left. */
    private void addKernelRow(float[] in, int row, int w, float[] out, int o) {
        for (int ox = insideFirst; ox < insideLast; ox++) {
            out[o + ox] += tapsOfRow(in, row + ox * stride, w, 0, kernel);
        }
        for (int ox = 0; ox < insideFirst; ox++) {
            out[o + ox] += borderSum(in, row, w, ox);
        }
        for (int ox = insideLast; ox < outWidth; ox++) {
            out[o + ox] += borderSum(in, row, w, ox);
        }
    }

    private float borderSum(float[] in, int row, int w, int ox) {
        int start = ox * stride;
        return tapsOfRow(in, row + start, w, firstTapInside(start), endOfTapsInside(start));
    }

    /** The first tap whose column lies inside the image, for a window starting at {@code start - left}. */
    private int firstTapInside(int start) {
        return Math.max(0, pads.left() - start);
    }

    /** One past the last tap whose column lies inside the image, for a window starting at {@code start - left}. */
    private int endOfTapsInside(int start) {
        return Math.min(kernel, width + pads.left() - start);
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        if (relu) {
            throw new UnsupportedOperationException(name() + ": a convolution with a fused ReLU is for inference only");
        }
        int batch = input.batchSize();
        checkGradient(gradOutput, batch);
        float[] in = input.data();
        float[] dOut = gradOutput.data();
        float[] dx = null;
        if (needInputGradient) {
            gradInput = reuse(gradInput, inputShape(), batch);
            dx = gradInput.data();
        }
        float[] dxData = dx;
        int inPlane = height * width;
        int outPlane = outHeight * outWidth;
        // One worker per channel block: each channel's weight gradient is summed over the batch by one worker,
        // in image order, so the result does not depend on the thread count.
        pool.parallelFor(channels, 1, (worker, start, end) -> {
            for (int c = start; c < end; c++) {
                int w = weightOffset + c * kernel * kernel;
                for (int n = 0; n < batch; n++) {
                    int plane = n * channels + c;
                    if (dxData != null) {
                        Arrays.fill(dxData, plane * inPlane, (plane + 1) * inPlane, 0f);
                    }
                    backwardPlane(in, plane * inPlane, w, dOut, plane * outPlane, biasOffset + c, dxData);
                }
            }
        });
        return needInputGradient ? gradInput : null;
    }

    private void backwardPlane(float[] in, int inBase, int w, float[] dOut, int outBase, int bias, float[] dx) {
        float biasSum = 0f;
        for (int p = 0; p < outHeight * outWidth; p++) {
            biasSum += dOut[outBase + p];
        }
        gradients[bias] += biasSum;
        for (int i = 0; i < kernel; i++) {
            for (int j = 0; j < kernel; j++) {
                int first = firstInside(j);
                int last = lastInside(j);
                float weight = values[w + i * kernel + j];
                float weightSum = 0f;
                for (int oy = 0; oy < outHeight; oy++) {
                    int iy = oy * stride - pads.top() + i;
                    if (iy < 0 || iy >= height) {
                        continue;
                    }
                    int row = inBase + iy * width - pads.left() + j;
                    int o = outBase + oy * outWidth;
                    for (int ox = first; ox < last; ox++) {
                        float g = dOut[o + ox];
                        weightSum += g * in[row + ox * stride];
                        if (dx != null) {
                            dx[row + ox * stride] += weight * g;
                        }
                    }
                }
                gradients[w + i * kernel + j] += weightSum;
            }
        }
    }

    /** First ox whose input column ox*s - left + j is inside the image. */
    private int firstInside(int j) {
        int need = pads.left() - j;
        return need <= 0 ? 0 : Math.min(outWidth, (need + stride - 1) / stride);
    }

    /** One past the last ox whose input column is inside the image. */
    private int lastInside(int j) {
        int limit = width - 1 + pads.left() - j;
        return limit < 0 ? 0 : Math.min(outWidth, limit / stride + 1);
    }

    @Override
    public Layer inferenceCopy() {
        return new DepthwiseConv2D(name(), inputShape(), kernel, stride, pads, values, gradients, weightOffset, pool,
                relu);
    }

    @Override
    public DepthwiseConv2D withRelu() {
        return new DepthwiseConv2D(name(), inputShape(), kernel, stride, pads, values, gradients, weightOffset, pool,
                true);
    }
}
