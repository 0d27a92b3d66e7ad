package dev.facetype.benchmarks;

import dev.facetype.cnn.kernel.GemmKernel;
import dev.facetype.cnn.kernel.GemmWorkspace;
import java.util.SplittableRandom;

/**
 * The matrix products the study's network spends its time in (per image at batch 32, except the dense layer,
 * which multiplies the whole batch at once).
 */
public enum GemmShape {
    /** 64x64x3 input, 5x5x32 same: weights 32x75 times im2col 75x4096. */
    CONV1_FORWARD(false, false, 32, 4096, 75),
    /** 32x32x32 input, 5x5x64 same: weights 64x800 times im2col 800x1024. */
    CONV2_FORWARD(false, false, 64, 1024, 800),
    /** dW[32 x 75] += dOut[32 x 4096] times col^T. */
    CONV1_BACKWARD_WEIGHTS(false, true, 32, 75, 4096),
    /** dW[64 x 800] += dOut[64 x 1024] times col^T. */
    CONV2_BACKWARD_WEIGHTS(false, true, 64, 800, 1024),
    /** dCol[75 x 4096] = W^T times dOut[32 x 4096]. */
    CONV1_BACKWARD_DATA(true, false, 75, 4096, 32),
    /** dCol[800 x 1024] = W^T times dOut[64 x 1024]. */
    CONV2_BACKWARD_DATA(true, false, 800, 1024, 64),
    /** Batch 32 through 4096 -> 1024, weights stored out x in. */
    DENSE_FORWARD(false, true, 32, 1024, 4096),
    /** The same as the dense layer now runs it, out^T = W times input^T: B one panel wide, A read in place. */
    DENSE_FORWARD_IN_PLACE(false, true, 1024, 32, 4096),
    /** conv2's weight gradient as the layer runs it, per block of 128 output pixels. */
    CONV2_BACKWARD_WEIGHTS_BLOCK(false, true, 64, 800, 128),
    /** conv2's input gradient (lowered) per block of 128 output pixels. */
    CONV2_BACKWARD_DATA_BLOCK(true, false, 800, 128, 64),
    /** MNIST net, 28x28x1 input, 5x5x32 same. */
    MNIST_CONV1_FORWARD(false, false, 32, 784, 25),
    /** MNIST net, 14x14x32 input, 5x5x64 same. */
    MNIST_CONV2_FORWARD(false, false, 64, 196, 800);

    private final boolean transA;
    private final boolean transB;
    private final int m;
    private final int n;
    private final int k;

    GemmShape(boolean transA, boolean transB, int m, int n, int k) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
    }

    /** Floating-point operations of one product: a multiply and an add per term. */
    public double flops() {
        return 2.0 * m * n * k;
    }

    /** A short description such as "64x1024x800 NN". */
    public String dimensions() {
        return m + "x" + n + "x" + k + " " + (transA ? "T" : "N") + (transB ? "T" : "N");
    }

    /** Seeded operands for this shape, owned by one thread. */
    public Operands operands(long seed) {
        return new Operands(this, seed);
    }

    /** A, B, C and a workspace for one thread. */
    public static final class Operands {
        private final GemmShape shape;
        private final float[] a;
        private final float[] b;
        private final float[] c;
        private final GemmWorkspace workspace = new GemmWorkspace();

        private Operands(GemmShape shape, long seed) {
            this.shape = shape;
            SplittableRandom random = new SplittableRandom(seed);
            a = random(random, shape.m * shape.k);
            b = random(random, shape.k * shape.n);
            c = new float[shape.m * shape.n];
        }

        private static float[] random(SplittableRandom random, int size) {
            float[] values = new float[size];
            for (int i = 0; i < size; i++) {
                values[i] = (float) random.nextDouble(-1, 1);
            }
            return values;
        }

        /** One product with dense strides (C overwritten), the way the layers call it. */
        public void multiply(GemmKernel kernel) {
            GemmShape s = shape;
            kernel.multiply(s.transA, s.transB, s.m, s.n, s.k,
                    a, 0, s.transA ? s.m : s.k,
                    b, 0, s.transB ? s.k : s.n,
                    false, c, 0, s.n, workspace);
        }

        /** The result, so a benchmark can hand it to a black hole. */
        public float[] result() {
            return c;
        }
    }
}
