package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.kernel.Conv3x3Stride2;
import dev.facetype.cnn.kernel.GemmWorkspace;
import dev.facetype.cnn.kernel.Pointwise1x1;
import dev.facetype.cnn.kernel.Sgemm;
import dev.facetype.cnn.parallel.ComputePool;
import java.util.Arrays;

/**
 * k x k convolution with bias, explicit {@link Pads} and {@code groups} independent channel groups (groups = 1
 * is an ordinary convolution, as ONNX's {@code Conv} with explicit pads).
 *
 * <pre>
 *   input   (N, Cin, H, W)                        G groups, Cin and Cout both divisible by G
 *   weights (Cout, Cin/G, k, k)   bias (Cout)
 *   output  (N, Cout, OH, OW)     OH = (H + top + bottom - k) / s + 1, OW likewise
 *   output[n][f] = bias[f] + sum over the Cin/G channels of f's group (f / (Cout/G)) of the window products
 * </pre>
 *
 * Each (image, group) is lowered with {@link PaddedConvGeometry} and multiplied with {@link Sgemm}: output rows
 * of group g (Cout/G x OH*OW) = weights of g (Cout/G x Cin/G*k*k) times the lowered slice. When there are fewer
 * (image, group) items than workers, each is cut into column blocks. For depthwise 3x3 filters
 * ({@code groups == Cin == Cout}) {@link DepthwiseConv2D} is much faster. An ordinary 3x3, stride-2
 * convolution over at most {@value #DIRECT_MAX_CHANNELS} channels (a network's first layer on an RGB image) is
 * computed directly by {@link Conv3x3Stride2}, in parallel over output rows, and an ordinary 1x1 convolution
 * (stride 1, no padding) by {@link Pointwise1x1}, in parallel over runs of pixels.
 *
 * <p>{@link #withRelu()} gives the same convolution with a ReLU applied to its output (for inference graphs).
 */
public final class GroupedConv2D extends AbstractLayer implements WritesInto, FusesRelu {

    private static final int MIN_PIXELS_PER_BLOCK = 256;
    private static final int MAX_COLUMNS_PER_BLOCK = 16384;
    /** Most input channels for the direct 3x3, stride-2 kernel. */
    static final int DIRECT_MAX_CHANNELS = 4;
    private static final Conv3x3Stride2 DIRECT = Conv3x3Stride2.selected();
    private static final Pointwise1x1 POINTWISE = Pointwise1x1.selected();
    /** Pixels a task of the direct 1x1 convolution gets at least (a multiple of its vector blocks). */
    private static final int POINTWISE_MIN_PIXELS = 1536;

    private final int filters;
    private final int kernel;
    private final int stride;
    private final Pads pads;
    private final int groups;
    private final PaddedConvGeometry geometry;
    private final int groupFilters;
    private final int patch;
    private final int pixels;
    private final boolean pointwise;
    private final float[] values;
    private final float[] gradients;
    private final int weightOffset;
    private final int biasOffset;
    private final ComputePool pool;
    private final WorkerScratch[] scratch;
    /** Whether max(0, x) is applied to every output (a fused ReLU; inference only). */
    private final boolean relu;
    /** The direct kernel, or null for the lowering and matrix product. */
    private final Conv3x3Stride2 direct;

    private Tensor input;
    private Tensor output;
    private Tensor gradInput;

    /**
     * @param values    the parameter array; weights (Cout, Cin/G, k, k) at {@code weightOffset}, then the bias
     * @param gradients the gradient array, same layout
     */
    public GroupedConv2D(String name, Shape inputShape, int filters, int kernel, int stride, Pads pads, int groups,
                         float[] values, float[] gradients, int weightOffset, ComputePool pool) {
        this(name, inputShape, filters, kernel, stride, pads, groups, values, gradients, weightOffset, pool, false,
                DIRECT);
    }

    /** With {@code direct} the kernel for a convolution it suits (null: always the matrix product), for tests. */
    GroupedConv2D(String name, Shape inputShape, int filters, int kernel, int stride, Pads pads, int groups,
                  float[] values, float[] gradients, int weightOffset, ComputePool pool, boolean relu,
                  Conv3x3Stride2 direct) {
        super(name, inputShape, outputShape(name, inputShape, filters, kernel, stride, pads, groups));
        this.relu = relu;
        this.direct = direct != null && groups == 1 && kernel == 3 && stride == 2
                && inputShape.dim(0) <= DIRECT_MAX_CHANNELS ? direct : null;
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.pads = pads;
        this.groups = groups;
        this.geometry = new PaddedConvGeometry(inputShape, inputShape.dim(0) / groups, kernel, stride, pads);
        this.groupFilters = filters / groups;
        this.patch = geometry.patchSize();
        this.pixels = geometry.outputPixels();
        this.pointwise = kernel == 1 && stride == 1 && pads.equals(Pads.none());
        this.values = values;
        this.gradients = gradients;
        this.weightOffset = weightOffset;
        this.biasOffset = weightOffset + filters * patch;
        this.pool = pool;
        this.scratch = new WorkerScratch[pool.threads()];
    }

    private static Shape outputShape(String name, Shape input, int filters, int kernel, int stride, Pads pads,
                                     int groups) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException(name + ": a convolution needs (channels, height, width) input, got " + input);
        }
        if (groups < 1 || input.dim(0) % groups != 0 || filters % groups != 0) {
            throw new IllegalArgumentException(name + ": " + groups + " groups must divide both the " + input.dim(0)
                    + " input channels and the " + filters + " filters");
        }
        int oh = pads.outHeight(input.dim(1), kernel, stride);
        int ow = pads.outWidth(input.dim(2), kernel, stride);
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException(name + ": a " + kernel + "x" + kernel + " window with " + pads
                    + " does not fit input " + input);
        }
        return Shape.of(filters, oh, ow);
    }

    /** Number of weights: Cout * Cin/G * k * k. */
    public static int weightCount(Shape input, int filters, int kernel, int groups) {
        return filters * (input.dim(0) / groups) * kernel * kernel;
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
        if (direct != null) {
            computeDirect(x, result);
            return;
        }
        if (pointwise && groups == 1) {
            computePointwise(x, result);
            return;
        }
        int batch = x.batchSize();
        float[] in = x.data();
        float[] out = result.data();
        int inSize = inputShape().size();
        int groupInput = inSize / groups;
        int items = batch * groups;
        int blocks = blocksPerItem(items);
        pool.parallelFor(items * blocks, 1, (worker, start, end) -> {
            WorkerScratch s = scratch(worker);
            for (int task = start; task < end; task++) {
                int item = task / blocks;
                int block = task - item * blocks;
                int n = item / groups;
                int g = item - n * groups;
                int first = ComputePool.blockStart(pixels, blocks, block);
                int span = ComputePool.blockStart(pixels, blocks, block + 1) - first;
                float[] col;
                int colOffset;
                int ldCol;
                if (pointwise) {
                    // A 1x1, stride-1 window without padding: the input slice already is the lowered matrix.
                    col = in;
                    colOffset = n * inSize + g * groupInput + first;
                    ldCol = pixels;
                } else {
                    col = s.fullCol(patch * span);
                    geometry.im2col(in, n * inSize + g * groupInput, first, first + span, col, span);
                    colOffset = 0;
                    ldCol = span;
                }
                int firstFilter = g * groupFilters;
                int outOffset = (n * filters + firstFilter) * pixels + first;
                for (int f = 0; f < groupFilters; f++) {
                    int row = outOffset + f * pixels;
                    Arrays.fill(out, row, row + span, values[biasOffset + firstFilter + f]);
                }
                Sgemm.multiply(false, false, groupFilters, span, patch,
                        values, weightOffset + firstFilter * patch, patch,
                        col, colOffset, ldCol,
                        true, out, outOffset, pixels, s.gemm);
                if (relu) {
                    for (int f = 0; f < groupFilters; f++) {
                        int row = outOffset + f * pixels;
                        for (int p = row; p < row + span; p++) {
                            out[p] = Math.max(0f, out[p]);
                        }
                    }
                }
            }
        });
    }

    /** A 1x1 convolution computed directly ({@link Pointwise1x1}), each worker a run of pixels of every image. */
    private void computePointwise(Tensor x, Tensor result) {
        int batch = x.batchSize();
        float[] in = x.data();
        float[] out = result.data();
        int channels = inputShape().dim(0);
        int inSize = inputShape().size();
        int outSize = outputShape().size();
        int chunks = (pixels + POINTWISE_MIN_PIXELS - 1) / POINTWISE_MIN_PIXELS;
        pool.parallelFor(batch * chunks, 1, (worker, start, end) -> {
            float[] split = scratch(worker).fullCol(Pointwise1x1.scratchSize(channels));
            for (int task = start; task < end; task++) {
                int n = task / chunks;
                int chunk = task - n * chunks;
                int from = chunk * POINTWISE_MIN_PIXELS;
                int to = Math.min(pixels, from + POINTWISE_MIN_PIXELS);
                POINTWISE.forward(in, n * inSize, channels, pixels, values, weightOffset, filters,
                        out, n * outSize, pixels, from, to, relu, split);
            }
        });
    }

    /** The direct kernel, each worker a block of output rows of every image. */
    private void computeDirect(Tensor x, Tensor result) {
        int batch = x.batchSize();
        float[] in = x.data();
        float[] out = result.data();
        int channels = inputShape().dim(0);
        int height = inputShape().dim(1);
        int width = inputShape().dim(2);
        int outHeight = outputShape().dim(1);
        int outWidth = outputShape().dim(2);
        int inSize = inputShape().size();
        int outSize = outputShape().size();
        int minRows = Math.max(1, MIN_PIXELS_PER_BLOCK * 16 / outWidth);
        pool.parallelFor(batch * outHeight, minRows, (worker, start, end) -> {
            float[] split = scratch(worker).fullCol(Conv3x3Stride2.scratchSize(channels, outWidth));
            int row = start;
            while (row < end) {
                int n = row / outHeight;
                int last = Math.min(end, (n + 1) * outHeight);
                direct.forward(in, n * inSize, channels, height, width, pads.top(), pads.left(),
                        values, weightOffset, filters, out, n * outSize, outHeight, outWidth,
                        row - n * outHeight, last - n * outHeight, relu, split);
                row = last;
            }
        });
    }

    /**
     * Column blocks per (image, group): enough to give every worker work, and enough that no block's lowering
     * exceeds {@link #MAX_COLUMNS_PER_BLOCK} columns (the scratch of a large image would otherwise be tens of MB).
     */
    private int blocksPerItem(int items) {
        int bySize = pointwise ? 1 : (pixels + MAX_COLUMNS_PER_BLOCK - 1) / MAX_COLUMNS_PER_BLOCK;
        if (items >= pool.threads()) {
            return bySize;
        }
        int wanted = (pool.threads() + items - 1) / items;
        return Math.max(bySize, Math.min(wanted, pixels / MIN_PIXELS_PER_BLOCK));
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
        int inSize = inputShape().size();
        int groupInput = inSize / groups;
        // Each worker owns whole groups, so weight gradients need no reduction across workers and the order of
        // the sums over images is fixed: reproducible for any thread count.
        pool.parallelFor(groups, 1, (worker, start, end) -> {
            WorkerScratch s = scratch(worker);
            float[] col = s.fullCol(patch * pixels);
            float[] dCol = s.colGradient(patch * pixels);
            for (int g = start; g < end; g++) {
                int firstFilter = g * groupFilters;
                for (int n = 0; n < batch; n++) {
                    int xOffset = n * inSize + g * groupInput;
                    geometry.im2col(in, xOffset, 0, pixels, col, pixels);
                    int dOutOffset = (n * filters + firstFilter) * pixels;
                    // dW[g] (Cout/G x K) += dOut[n][g] (Cout/G x P) * col^T (P x K)
                    Sgemm.multiply(false, true, groupFilters, patch, pixels,
                            dOut, dOutOffset, pixels,
                            col, 0, pixels,
                            true, gradients, weightOffset + firstFilter * patch, patch, s.gemm);
                    for (int f = 0; f < groupFilters; f++) {
                        float sum = 0f;
                        int row = dOutOffset + f * pixels;
                        for (int p = 0; p < pixels; p++) {
                            sum += dOut[row + p];
                        }
                        gradients[biasOffset + firstFilter + f] += sum;
                    }
                    if (dxData != null) {
                        // dCol (K x P) = W[g]^T (K x Cout/G) * dOut[n][g] (Cout/G x P), scattered back onto the slice
                        Sgemm.multiply(true, false, patch, pixels, groupFilters,
                                values, weightOffset + firstFilter * patch, patch,
                                dOut, dOutOffset, pixels,
                                false, dCol, 0, pixels, s.gemm);
                        Arrays.fill(dxData, xOffset, xOffset + groupInput, 0f);
                        geometry.col2im(dCol, pixels, dxData, xOffset);
                    }
                }
            }
        });
        return needInputGradient ? gradInput : null;
    }

    private WorkerScratch scratch(int worker) {
        WorkerScratch s = scratch[worker];
        if (s == null) {
            s = new WorkerScratch();
            scratch[worker] = s;
        }
        return s;
    }

    /** Whether this is an ordinary 1x1 convolution (stride 1, no padding, one group) without a fused ReLU. */
    boolean plainPointwise() {
        return pointwise && groups == 1 && !relu;
    }

    float[] parameterValues() {
        return values;
    }

    int weightOffset() {
        return weightOffset;
    }

    @Override
    public Layer inferenceCopy() {
        return new GroupedConv2D(name(), inputShape(), filters, kernel, stride, pads, groups, values, gradients,
                weightOffset, pool, relu, direct);
    }

    @Override
    public GroupedConv2D withRelu() {
        return new GroupedConv2D(name(), inputShape(), filters, kernel, stride, pads, groups, values, gradients,
                weightOffset, pool, true, direct);
    }

    /** One worker's buffers, allocated on first use and reused. */
    private static final class WorkerScratch {
        final GemmWorkspace gemm = new GemmWorkspace();
        float[] col = new float[0];
        float[] colGradient;

        float[] fullCol(int size) {
            if (col.length < size) {
                col = new float[size];
            }
            return col;
        }

        float[] colGradient(int size) {
            if (colGradient == null || colGradient.length < size) {
                colGradient = new float[size];
            }
            return colGradient;
        }
    }
}
