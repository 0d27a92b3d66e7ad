package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.kernel.GemmWorkspace;
import dev.facetype.cnn.kernel.MatrixRows;
import dev.facetype.cnn.kernel.Sgemm;
import dev.facetype.cnn.parallel.ComputePool;
import java.util.Arrays;

/**
 * k x k convolution with bias.
 *
 * <pre>
 *   input   (N, Cin, H, W)
 *   weights (Cout, Cin, k, k)      bias (Cout)
 *   output  (N, Cout, OH, OW)      OH, OW from {@link Padding}
 * </pre>
 *
 * Lowered per image to a matrix product, output[n] (Cout x OH*OW) = weights (Cout x Cin*k*k) times
 * im2col(input[n]) (Cin*k*k x OH*OW). Work is split over images (and over column blocks of one image when
 * the batch is smaller than the pool). The forward pass lowers the image piece by piece straight into the
 * product's cache-sized panels ({@link dev.facetype.cnn.kernel.MatrixRows}); the backward pass lowers each
 * image into per-worker scratch and recomputes it rather than keeping a whole batch of lowered matrices,
 * which would cost more memory bandwidth than rebuilding them.
 */
public final class Conv2D extends AbstractLayer {

    /** Smallest column block worth giving a worker when one image is split. */
    private static final int MIN_PIXELS_PER_BLOCK = 256;
    /**
     * Output pixels per block of the backward pass. Each block's input-gradient product packs W^T again, which
     * 128 pixels amortised poorly (conv2's 800 x 128 x 64 product ran at 32-34 GFLOP/s against 39-49 with 512);
     * with 512, conv2's lowered block and its gradient take 1.6 MB each.
     */
    private static final int BACKWARD_PIXELS = 512;
    /** Images per chunk of the backward pass (a batch of 32: 8 chunks for 2 workers). */
    private static final int IMAGES_PER_CHUNK = 4;

    private final ConvGeometry geometry;
    private final int filters;
    private final int patch;
    private final int pixels;
    private final float[] values;
    private final float[] gradients;
    private final int weightOffset;
    private final int biasOffset;
    private final ComputePool pool;
    private final WorkerScratch[] scratch;
    private float[][] chunkGradients = new float[0][];

    private Tensor input;
    private Tensor output;
    private Tensor gradInput;

    /**
     * @param values       the network's parameter array; weights at {@code weightOffset}, then the bias
     * @param gradients    the network's gradient array, same layout
     */
    public Conv2D(String name, Shape inputShape, int filters, int kernel, int stride, Padding padding,
                  float[] values, float[] gradients, int weightOffset, ComputePool pool) {
        this(name, inputShape, new ConvGeometry(inputShape, kernel, stride, padding), filters, values,
                gradients, weightOffset, pool);
    }

    private Conv2D(String name, Shape inputShape, ConvGeometry geometry, int filters, float[] values,
                   float[] gradients, int weightOffset, ComputePool pool) {
        super(name, inputShape, Shape.of(filters, geometry.outHeight(), geometry.outWidth()));
        this.geometry = geometry;
        this.filters = filters;
        this.patch = geometry.patchSize();
        this.pixels = geometry.outputPixels();
        this.values = values;
        this.gradients = gradients;
        this.weightOffset = weightOffset;
        this.biasOffset = weightOffset + filters * patch;
        this.pool = pool;
        this.scratch = new WorkerScratch[pool.threads()];
    }

    /** Number of weights (Cout * Cin * k * k). */
    public static int weightCount(Shape input, int filters, int kernel) {
        return filters * input.dim(0) * kernel * kernel;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        checkInput(x);
        int batch = x.batchSize();
        input = x;
        output = reuse(output, outputShape(), batch);
        float[] in = x.data();
        float[] out = output.data();
        int inSize = geometry.inputSize();
        int blocks = blocksPerImage(batch);
        // One image (or block) at a time to whichever worker is free: each writes only its own outputs.
        pool.parallelForChunks(batch * blocks, 1, (worker, start, end) -> {
            WorkerScratch s = scratch(worker);
            for (int item = start; item < end; item++) {
                int n = item / blocks;
                int block = item - n * blocks;
                int first = (int) ((long) pixels * block / blocks);
                int last = (int) ((long) pixels * (block + 1) / blocks);
                int span = last - first;
                s.lowered.select(in, n * inSize, first);
                int outOffset = n * filters * pixels + first;
                // Start each output row at its bias and let the product accumulate onto it: one pass less.
                for (int c = 0; c < filters; c++) {
                    int row = outOffset + c * pixels;
                    Arrays.fill(out, row, row + span, values[biasOffset + c]);
                }
                // The lowered image is packed straight into the product's panels, never stored whole.
                Sgemm.multiply(false, filters, span, patch,
                        values, weightOffset, patch,
                        s.lowered,
                        true, out, outOffset, pixels, s.gemm);
            }
        });
        return output;
    }

    private int blocksPerImage(int batch) {
        if (batch >= pool.threads()) {
            return 1;
        }
        int wanted = (pool.threads() + batch - 1) / batch;
        return Math.max(1, Math.min(wanted, pixels / MIN_PIXELS_PER_BLOCK));
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        int batch = input.batchSize();
        checkGradient(gradOutput, batch);
        float[] in = input.data();
        float[] dOut = gradOutput.data();
        float[] dx;
        if (needInputGradient) {
            gradInput = reuse(gradInput, inputShape(), batch);
            dx = gradInput.data();
        } else {
            dx = null;
        }
        int inSize = geometry.inputSize();
        int weights = filters * patch;
        float[][] partials = chunkGradients((batch + IMAGES_PER_CHUNK - 1) / IMAGES_PER_CHUNK);
        // Chunks of images go to whichever worker is free; each chunk sums its own gradients, and the chunks'
        // sums are added in chunk order, so the result depends on neither the thread count nor the schedule.
        pool.parallelForChunks(batch, IMAGES_PER_CHUNK, (worker, start, end) -> {
            WorkerScratch s = scratch(worker);
            float[] partial = partials[start / IMAGES_PER_CHUNK];
            Arrays.fill(partial, 0f);
            for (int n = start; n < end; n++) {
                int dOutOffset = n * filters * pixels;
                for (int c = 0; c < filters; c++) {
                    partial[weights + c] += sum(dOut, dOutOffset + c * pixels, pixels);
                }
                if (dx != null) {
                    Arrays.fill(dx, n * inSize, (n + 1) * inSize, 0f);
                }
                // Block by block of output pixels, so that the scratch stays bounded for large images.
                for (int first = 0; first < pixels; first += BACKWARD_PIXELS) {
                    int span = Math.min(BACKWARD_PIXELS, pixels - first);
                    geometry.im2col(in, n * inSize, first, first + span, s.col, span);
                    // dW (Cout x K) += dOut[n][:, block] (Cout x P') * col^T (P' x K)
                    Sgemm.multiply(false, true, filters, patch, span,
                            dOut, dOutOffset + first, pixels,
                            s.col, 0, span,
                            true, partial, 0, patch, s.gemm);
                    if (dx != null) {
                        // dCol (K x P') = W^T (K x Cout) * dOut[n][:, block], then scattered back onto the image
                        Sgemm.multiply(true, false, patch, span, filters,
                                values, weightOffset, patch,
                                dOut, dOutOffset + first, pixels,
                                false, s.colGradient, 0, span, s.gemm);
                        geometry.col2imColumns(s.colGradient, span, first, first + span, dx, n * inSize);
                    }
                }
            }
        });
        reduceChunkGradients((batch + IMAGES_PER_CHUNK - 1) / IMAGES_PER_CHUNK);
        return needInputGradient ? gradInput : null;
    }

    /**
     * The sum of {@code count} floats from {@code from}, in eight interleaved partial sums: one running sum is a
     * chain of dependent additions, bound by their latency (eight chains ran several times faster).
     */
    static float sum(float[] a, int from, int count) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        int i = from;
        int end = from + count;
        for (; i + 8 <= end; i += 8) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
            s4 += a[i + 4];
            s5 += a[i + 5];
            s6 += a[i + 6];
            s7 += a[i + 7];
        }
        float tail = 0f;
        for (; i < end; i++) {
            tail += a[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)) + tail;
    }

    /** The first {@code chunks} per-chunk gradient sums (weights, then biases), grown as needed. */
    private float[][] chunkGradients(int chunks) {
        if (chunkGradients.length < chunks) {
            float[][] grown = Arrays.copyOf(chunkGradients, chunks);
            for (int i = chunkGradients.length; i < chunks; i++) {
                grown[i] = new float[filters * patch + filters];
            }
            chunkGradients = grown;
        }
        return chunkGradients;
    }

    /** Adds the chunks' partial gradients to the network's, in chunk order, so sums are reproducible. */
    private void reduceChunkGradients(int chunks) {
        int size = filters * patch + filters;
        float[][] partials = chunkGradients;
        pool.parallelFor(size, 4096, (worker, start, end) -> {
            for (int c = 0; c < chunks; c++) {
                float[] partial = partials[c];
                for (int i = start; i < end; i++) {
                    gradients[weightOffset + i] += partial[i];
                }
            }
        });
    }

    private WorkerScratch scratch(int worker) {
        WorkerScratch s = scratch[worker];
        if (s == null) {
            s = new WorkerScratch(patch * Math.min(pixels, BACKWARD_PIXELS));
            scratch[worker] = s;
        }
        return s;
    }

    /** One image's lowered matrix, computed row piece by row piece while the product packs it. */
    private final class LoweredImage implements MatrixRows {
        private float[] x;
        private int xOffset;
        private int firstPixel;

        /** Columns are counted from {@code firstPixel}, the first output pixel of the worker's block. */
        void select(float[] input, int offset, int first) {
            this.x = input;
            this.xOffset = offset;
            this.firstPixel = first;
        }

        @Override
        public void row(int row, int firstColumn, int count, float[] dst, int offset) {
            geometry.lowerRow(x, xOffset, row, firstPixel + firstColumn, count, dst, offset);
        }
    }

    @Override
    public Layer inferenceCopy() {
        return new Conv2D(name(), inputShape(), geometry, filters, values, gradients, weightOffset, pool);
    }

    /** One worker's buffers, allocated on first use and reused for every batch. */
    private final class WorkerScratch {
        final float[] col;
        final GemmWorkspace gemm = new GemmWorkspace();
        final LoweredImage lowered = new LoweredImage();
        final float[] colGradient;

        WorkerScratch(int colSize) {
            col = new float[colSize];
            colGradient = new float[colSize];
        }
    }
}
