package dev.facetype.cnn.kernel;

/**
 * One family of sgemm kernels. {@link Sgemm} holds the one chosen for this JVM; {@link Sgemm#kernel(String)}
 * hands out a named family so tests and benchmarks can compare them side by side. A kernel holds no mutable
 * state and may be shared by threads; each thread passes its own {@link GemmWorkspace}.
 */
public interface GemmKernel {

    /** "vector" or "scalar". */
    String name();

    /** The register tile, rows x columns of C per micro-kernel call, for tables and logs (e.g. "8x16"). */
    String tile();

    /** Same contract as {@link Sgemm#multiply}. */
    void multiply(boolean transA, boolean transB, int m, int n, int k,
                  float[] a, int aOffset, int lda,
                  float[] b, int bOffset, int ldb,
                  boolean accumulate, float[] c, int cOffset, int ldc,
                  GemmWorkspace workspace);

    /** Same contract as {@link Sgemm#multiply(boolean, int, int, int, float[], int, int, MatrixRows, boolean, float[], int, int, GemmWorkspace)}. */
    void multiply(boolean transA, int m, int n, int k,
                  float[] a, int aOffset, int lda,
                  MatrixRows b,
                  boolean accumulate, float[] c, int cOffset, int ldc,
                  GemmWorkspace workspace);
}
