package dev.facetype.cnn.kernel;

/**
 * Argument checks shared by every sgemm implementation, so a bad stride or offset fails with a message instead of
 * writing into a neighbour's part of a shared array.
 */
final class GemmArguments {

    private GemmArguments() {
    }

    static void check(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOffset, int lda,
                      float[] b, int bOffset, int ldb,
                      float[] c, int cOffset, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative dimension: m=" + m + ", n=" + n + ", k=" + k);
        }
        // A is stored m x k, or k x m when transposed; likewise B is k x n, or n x k.
        checkMatrix("A", a, aOffset, lda, transA ? k : m, transA ? m : k);
        checkMatrix("B", b, bOffset, ldb, transB ? n : k, transB ? k : n);
        checkMatrix("C", c, cOffset, ldc, m, n);
    }

    /** The checks for a product whose B is computed ({@link MatrixRows}) rather than stored. */
    static void checkComputedB(boolean transA, int m, int n, int k, float[] a, int aOffset, int lda,
                               float[] c, int cOffset, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative dimension: m=" + m + ", n=" + n + ", k=" + k);
        }
        checkMatrix("A", a, aOffset, lda, transA ? k : m, transA ? m : k);
        checkMatrix("C", c, cOffset, ldc, m, n);
    }

    private static void checkMatrix(String name, float[] data, int offset, int ld, int rows, int cols) {
        if (data == null) {
            throw new NullPointerException(name + " is null");
        }
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("ld" + name.toLowerCase() + "=" + ld + " is less than the "
                    + cols + " columns of " + name);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = (long) offset + (long) (rows - 1) * ld + cols - 1;
        if (offset < 0 || last >= data.length) {
            throw new IndexOutOfBoundsException(name + " (" + rows + " x " + cols + ", offset " + offset
                    + ", ld " + ld + ") does not fit in an array of " + data.length);
        }
    }
}
