package dev.facetype.cnn.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One seeded sgemm problem laid out in padded arrays (offsets, strides wider than a row), with a checker that
 * compares a kernel's C to {@link ReferenceSgemm} within a float-rounding bound and verifies that nothing
 * outside C's m x n window was written.
 */
final class GemmCase {

    /** Unit roundoff of float. */
    private static final double UNIT_ROUNDOFF = Math.ulp(1.0f) / 2;
    private static final float UNTOUCHED = -12345.5f;

    final boolean transA;
    final boolean transB;
    final int m;
    final int n;
    final int k;
    final boolean accumulate;
    final float[] a;
    final int aOffset;
    final int lda;
    final float[] b;
    final int bOffset;
    final int ldb;
    final float[] c;
    final int cOffset;
    final int ldc;
    private float[] expected;
    private double[] bounds;

    private GemmCase(boolean transA, boolean transB, int m, int n, int k, boolean accumulate,
                     int padding, long seed) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.accumulate = accumulate;
        SplittableRandom random = new SplittableRandom(seed);
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        aOffset = padding == 0 ? 0 : 3;
        bOffset = padding == 0 ? 0 : 5;
        cOffset = padding == 0 ? 0 : 7;
        lda = aCols + padding;
        ldb = bCols + padding;
        ldc = n + padding;
        a = randomMatrix(random, aOffset, aRows, lda, padding);
        b = randomMatrix(random, bOffset, bRows, ldb, padding);
        c = new float[cOffset + m * ldc + padding];
        Arrays.fill(c, UNTOUCHED);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOffset + i * ldc + j] = (float) random.nextDouble(-1, 1);
            }
        }
    }

    /** A dense problem: no offsets, strides equal to row lengths. */
    static GemmCase dense(boolean transA, boolean transB, int m, int n, int k, boolean accumulate, long seed) {
        return new GemmCase(transA, transB, m, n, k, accumulate, 0, seed);
    }

    /** Offsets into the arrays and {@code padding} unused floats after every row of A, B and C. */
    static GemmCase padded(boolean transA, boolean transB, int m, int n, int k, boolean accumulate,
                           int padding, long seed) {
        return new GemmCase(transA, transB, m, n, k, accumulate, padding, seed);
    }

    private static float[] randomMatrix(SplittableRandom random, int offset, int rows, int ld, int padding) {
        float[] data = new float[offset + rows * ld + padding];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextDouble(-1, 1);
        }
        return data;
    }

    /** Runs the kernel on a copy of C and checks it against the reference (computed once per case). */
    void check(GemmKernel kernel, GemmWorkspace workspace) {
        float[] actual = c.clone();
        kernel.multiply(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb,
                accumulate, actual, cOffset, ldc, workspace);
        if (expected == null) {
            expected = c.clone();
            ReferenceSgemm.multiply(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb,
                    accumulate, expected, cOffset, ldc);
            bounds = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    bounds[i * n + j] = errorBound(i, j);
                }
            }
        }
        compare(kernel.name() + " " + kernel.tile(), actual);
    }

    private void compare(String kernel, float[] actual) {
        for (int index = 0; index < c.length; index++) {
            int row = Math.floorDiv(index - cOffset, ldc);
            int col = Math.floorMod(index - cOffset, ldc);
            boolean inside = index >= cOffset && row < m && col < n;
            if (!inside) {
                if (actual[index] != c[index]) {
                    fail(describe(kernel) + ": wrote outside C at index " + index);
                }
                continue;
            }
            double bound = bounds[row * n + col];
            double error = Math.abs((double) actual[index] - expected[index]);
            if (!(error <= bound)) {
                fail(describe(kernel) + ": C[" + row + "][" + col + "] = " + actual[index] + ", reference "
                        + expected[index] + ", error " + error + " > bound " + bound);
            }
        }
    }

    /**
     * A float dot product of length k, however its sums are ordered or fused, is within k u sum|a||b| of the
     * exact value (Higham, Accuracy and Stability of Numerical Algorithms, 3.1); adding C and rounding the
     * reference each add one more u. Two extra units cover those final roundings.
     */
    private double errorBound(int row, int col) {
        double magnitude = accumulate ? Math.abs(c[cOffset + row * ldc + col]) : 0;
        for (int p = 0; p < k; p++) {
            float aip = transA ? a[aOffset + p * lda + row] : a[aOffset + row * lda + p];
            float bpj = transB ? b[bOffset + col * ldb + p] : b[bOffset + p * ldb + col];
            magnitude += Math.abs((double) aip * bpj);
        }
        double gamma = (k + 2) * UNIT_ROUNDOFF / (1 - (k + 2) * UNIT_ROUNDOFF);
        return gamma * magnitude + Float.MIN_NORMAL;
    }

    String describe(String kernel) {
        return kernel + " " + (transA ? "T" : "N") + (transB ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k
                + (accumulate ? " accumulate" : "") + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc;
    }
}
