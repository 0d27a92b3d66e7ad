package dev.facetype.cnn.kernel;

/**
 * The plain definition of {@link Sgemm#multiply}: a triple loop accumulating in double. Slow, obviously right,
 * and the yardstick the fast kernels are tested against.
 *
 * <p>Shapes: op(A) is m x k, op(B) is k x n, C is m x n, all row-major with row strides lda, ldb, ldc.
 */
public final class ReferenceSgemm {

    private ReferenceSgemm() {
    }

    /** Same contract as {@link Sgemm#multiply}, without a workspace. */
    public static void multiply(boolean transA, boolean transB, int m, int n, int k,
                                float[] a, int aOffset, int lda,
                                float[] b, int bOffset, int ldb,
                                boolean accumulate, float[] c, int cOffset, int ldc) {
        GemmArguments.check(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    float bpj = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    sum += (double) aip * bpj;
                }
                int ci = cOffset + i * ldc + j;
                c[ci] = accumulate ? (float) (c[ci] + sum) : (float) sum;
            }
        }
    }
}
