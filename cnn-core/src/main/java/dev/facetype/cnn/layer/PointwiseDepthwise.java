package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.kernel.Pointwise1x1;
import dev.facetype.cnn.kernel.RowFilter3x3;
import dev.facetype.cnn.parallel.ComputePool;

/**
 * A 1x1 convolution followed by a depthwise 3x3, stride-1 convolution (and its ReLU, if fused), computed
 * together a few rows at a time, for inference: the 1x1 convolution's output never exists as a whole. Its rows
 * go into a small ring of {@code 2K} rows per channel (K rows computed per call, 4 to 16), from which the
 * depthwise filter makes each output row as soon as the three rows under it exist. The ring stays in the L2
 * cache, so the intermediate tensor's write and read back from memory are saved; the arithmetic, and so every
 * output value, is exactly that of the two layers run one after the other.
 *
 * <p>{@code dev.facetype.cnn.graph.InferenceGraph} fuses such a pair when nothing else reads the 1x1
 * convolution's output ({@link #fuse}). Workers take runs of output rows, each with its own ring (a run
 * recomputes the few 1x1 rows it shares with the run before). A 2 x 2 max pooling that alone reads the
 * output can be fused as well ({@link #withPool}).
 */
public final class PointwiseDepthwise extends AbstractLayer implements WritesInto, FusesRelu {

    private static final Pointwise1x1 POINTWISE = Pointwise1x1.selected();
    /** Values of one chunk of 1x1 output (K rows of every channel) aimed at. */
    private static final int CHUNK_VALUES = 32768;

    private final GroupedConv2D pointwise;
    private final DepthwiseConv2D depthwise;
    private final ComputePool pool;
    private final int inChannels;
    private final int channels;
    private final int height;
    private final int width;
    private final int outHeight;
    private final int outWidth;
    private final int top;
    private final int left;
    /** Rows of 1x1 output computed per call (K) and rows the ring holds (2K). */
    private final int chunkRows;
    private final int ringRows;
    private final WorkerScratch[] scratch;

    /** Whether a 2 x 2, stride-2 max pooling follows (its windows tiling the depthwise output). */
    private final boolean pooled;
    private final String poolName;

    private Tensor output;

    private PointwiseDepthwise(GroupedConv2D pointwise, DepthwiseConv2D depthwise, ComputePool pool, String pool2x2) {
        super(pointwise.name() + "+" + depthwise.name() + (pool2x2 == null ? "" : "+" + pool2x2),
                pointwise.inputShape(), pool2x2 == null ? depthwise.outputShape() : Shape.of(
                        depthwise.outputShape().dim(0), depthwise.outputShape().dim(1) / 2,
                        depthwise.outputShape().dim(2) / 2));
        this.pooled = pool2x2 != null;
        this.poolName = pool2x2;
        this.pointwise = pointwise;
        this.depthwise = depthwise;
        this.pool = pool;
        this.inChannels = pointwise.inputShape().dim(0);
        this.channels = pointwise.outputShape().dim(0);
        this.height = pointwise.outputShape().dim(1);
        this.width = pointwise.outputShape().dim(2);
        this.outHeight = depthwise.outputShape().dim(1);
        this.outWidth = depthwise.outputShape().dim(2);
        this.top = depthwise.pads().top();
        this.left = depthwise.pads().left();
        this.chunkRows = Math.max(4, Math.min(16, CHUNK_VALUES / (channels * width)));
        this.ringRows = 2 * chunkRows;
        this.scratch = new WorkerScratch[pool.threads()];
    }

    /**
     * The fused pair, or null when {@code first} is not an ordinary 1x1 convolution without a ReLU or
     * {@code second} not a depthwise 3x3, stride-1 convolution of its output.
     */
    public static PointwiseDepthwise fuse(Layer first, Layer second, ComputePool pool) {
        if (first instanceof GroupedConv2D conv && second instanceof DepthwiseConv2D filter && conv.plainPointwise()
                && filter.threeByThreeStrideOne() && conv.outputShape().equals(filter.inputShape())) {
            return new PointwiseDepthwise(conv, filter, pool, null);
        }
        return null;
    }

    /**
     * This layer followed by {@code maxPool}, or null unless that is a 2 x 2, stride-2 pooling whose windows
     * tile this layer's output: each pair of depthwise rows is then pooled as it is made, and only the pooled
     * rows are written.
     */
    public PointwiseDepthwise withPool(Layer maxPool) {
        if (!pooled && maxPool instanceof MaxPool2D pooling && pooling.twoByTwoTiled()
                && pooling.inputShape().equals(outputShape())) {
            return new PointwiseDepthwise(pointwise, depthwise, pool, maxPool.name());
        }
        return null;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (training) {
            throw new UnsupportedOperationException(name() + ": a fused 1x1 and depthwise convolution is for inference only");
        }
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
        int batch = x.batchSize();
        float[] in = x.data();
        float[] out = result.data();
        int inSize = inputShape().size();
        int outSize = outputShape().size();
        int rowsOut = outputShape().dim(1);
        int minRows = Math.max(4 * chunkRows, 1) / (pooled ? 2 : 1);
        pool.parallelFor(batch * rowsOut, minRows, (worker, start, end) -> {
            WorkerScratch s = scratch(worker);
            int row = start;
            while (row < end) {
                int n = row / rowsOut;
                int last = Math.min(end, (n + 1) * rowsOut);
                if (pooled) {
                    pooledRows(in, n * inSize, out, n * outSize, row - n * rowsOut, last - n * rowsOut, s);
                } else {
                    rows(in, n * inSize, out, n * outSize, row - n * rowsOut, last - n * rowsOut, s);
                }
                row = last;
            }
        });
    }

    /**
     * Pooled output rows [first, last) of one image: depthwise rows 2y and 2y + 1 of each channel into the
     * scratch, then the maximum of each 2 x 2 window, in {@link MaxPool2D}'s order.
     */
    private void pooledRows(float[] in, int inBase, float[] out, int outBase, int first, int last, WorkerScratch s) {
        float[] ring = s.ring;
        float[] pair = s.pair;
        int ringPlane = ringRows * width;
        int pooledWidth = outWidth / 2;
        int pooledPlane = (outHeight / 2) * pooledWidth;
        int computed = -1;
        for (int py = first; py < last; py++) {
            int oy = 2 * py;
            computed = ensureRows(in, inBase, oy, oy + 1, computed, s);
            int a0 = ringRow(oy - top, ringPlane);
            int a1 = ringRow(oy - top + 1, ringPlane);
            int a2 = ringRow(oy - top + 2, ringPlane);
            int a3 = ringRow(oy - top + 3, ringPlane);
            for (int c = 0; c < channels; c++) {
                int shift = c * ringPlane;
                depthwise.threeByThreeRow(ring, shifted(a0, shift), shifted(a1, shift), shifted(a2, shift), c, pair, 0);
                depthwise.threeByThreeRow(ring, shifted(a1, shift), shifted(a2, shift), shifted(a3, shift), c, pair,
                        outWidth);
                int o = outBase + c * pooledPlane + py * pooledWidth;
                for (int x = 0; x < pooledWidth; x++) {
                    out[o + x] = Math.max(Math.max(pair[2 * x], pair[2 * x + 1]),
                            Math.max(pair[outWidth + 2 * x], pair[outWidth + 2 * x + 1]));
                }
            }
        }
    }

    private static int shifted(int row, int shift) {
        return row == RowFilter3x3.NO_ROW ? row : row + shift;
    }

    /**
     * Makes sure the ring holds the 1x1 rows under depthwise rows [firstRow, lastRow], computing chunks from
     * {@code computed} (-1 at the start of a run); returns the new end of the computed rows.
     */
    private int ensureRows(float[] in, int inBase, int firstRow, int lastRow, int computed, WorkerScratch s) {
        int need = Math.min(height, lastRow - top + 3); // one past the lowest input row the windows read
        int plane = height * width;
        int ringPlane = ringRows * width;
        while (computed < need) {
            int from = computed < 0 ? Math.max(0, firstRow - top) / chunkRows * chunkRows : computed;
            int to = Math.min(height, from + chunkRows);
            // Rows [from, to) of every channel into ring slots (from mod 2K) onwards: from is a multiple of K,
            // so the slots do not wrap.
            int slot = from % ringRows;
            POINTWISE.forward(in, inBase, inChannels, plane, pointwise.parameterValues(), pointwise.weightOffset(),
                    channels, s.ring, (slot - from) * width, ringPlane, from * width, to * width, false, s.packed);
            computed = to;
        }
        return computed;
    }

    /** Output rows [first, last) of one image. */
    private void rows(float[] in, int inBase, float[] out, int outBase, int first, int last, WorkerScratch s) {
        float[] ring = s.ring;
        int ringPlane = ringRows * width;
        int outPlane = outHeight * outWidth;
        int computed = -1; // 1x1 rows [chunk start, computed) of this run are in the ring
        for (int oy = first; oy < last; oy++) {
            computed = ensureRows(in, inBase, oy, oy, computed, s);
            int r0 = ringRow(oy - top, ringPlane);
            int r1 = ringRow(oy - top + 1, ringPlane);
            int r2 = ringRow(oy - top + 2, ringPlane);
            int o = outBase + oy * outWidth;
            for (int c = 0; c < channels; c++) {
                int shift = c * ringPlane;
                depthwise.threeByThreeRow(ring, r0 == RowFilter3x3.NO_ROW ? r0 : r0 + shift,
                        r1 == RowFilter3x3.NO_ROW ? r1 : r1 + shift, r2 == RowFilter3x3.NO_ROW ? r2 : r2 + shift, c,
                        out, o + c * outPlane);
            }
        }
    }

    /** The ring offset of 1x1 output row {@code y} of channel 0, shifted by the left padding, or NO_ROW. */
    private int ringRow(int y, int ringPlane) {
        return y >= 0 && y < height ? (y % ringRows) * width - left : RowFilter3x3.NO_ROW;
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        throw new UnsupportedOperationException(name() + ": a fused 1x1 and depthwise convolution is for inference only");
    }

    private WorkerScratch scratch(int worker) {
        WorkerScratch s = scratch[worker];
        if (s == null) {
            s = new WorkerScratch(channels * ringRows * width, Pointwise1x1.scratchSize(inChannels), 2 * outWidth);
            scratch[worker] = s;
        }
        return s;
    }

    @Override
    public Layer inferenceCopy() {
        return new PointwiseDepthwise(pointwise, depthwise, pool, poolName);
    }

    @Override
    public PointwiseDepthwise withRelu() {
        if (pooled) {
            throw new IllegalStateException(name() + ": the ReLU comes before the pooling; fuse it first");
        }
        return new PointwiseDepthwise(pointwise, depthwise.withRelu(), pool, null);
    }

    /** One worker's ring and packing scratch. */
    private static final class WorkerScratch {
        final float[] ring;
        final float[] packed;
        /** Two depthwise rows, for the pooling. */
        final float[] pair;

        WorkerScratch(int ring, int packed, int pair) {
            this.ring = new float[ring];
            this.packed = new float[packed];
            this.pair = new float[pair];
        }
    }
}
