package dev.facetype.cnn.kernel;

/**
 * Row-major single-precision matrix multiply: C = op(A) * op(B) + (accumulate ? C : 0). Single-threaded; callers
 * parallelise.
 *
 * <p>The kernel family is chosen once per JVM: the Vector API kernel when the {@code jdk.incubator.vector} module
 * is in the boot layer (run with {@code --add-modules jdk.incubator.vector}), otherwise plain loops that HotSpot
 * auto-vectorizes. The system property {@code facetype.kernels=vector|scalar} forces one.
 *
 * <p>The vector family comes in two widths: 512-bit vectors (an 8 x 32 register tile) when
 * {@code FloatVector.SPECIES_PREFERRED} is at least 512 bits wide (AVX-512), 256-bit vectors otherwise (AVX2).
 * {@code facetype.kernels=vector-512|vector-256} forces a width.
 */
public final class Sgemm {

    /** System property that forces a kernel family. */
    public static final String KERNELS_PROPERTY = "facetype.kernels";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final GemmKernel SELECTED = kernel(System.getProperty(KERNELS_PROPERTY, defaultName()));

    private Sgemm() {
    }

    /** The kernel family in use: "vector" (jdk.incubator.vector present) or "scalar". */
    public static String implementation() {
        return SELECTED.name();
    }

    /** The register tile of the kernel in use, rows x columns (e.g. "8x32"), for logs and tables. */
    public static String tile() {
        return SELECTED.tile();
    }

    /**
     * m x n result; op(A) is m x k, op(B) is k x n. transA: A is stored k x m (row-major) and read transposed;
     * transB: B is stored n x k. lda/ldb/ldc are row strides (elements). workspace: per-thread packing buffers.
     *
     * @throws IllegalArgumentException for a negative dimension or a stride shorter than a row
     * @throws IndexOutOfBoundsException when a matrix does not fit in its array
     */
    public static void multiply(boolean transA, boolean transB, int m, int n, int k,
                                float[] a, int aOffset, int lda,
                                float[] b, int bOffset, int ldb,
                                boolean accumulate, float[] c, int cOffset, int ldc,
                                GemmWorkspace workspace) {
        SELECTED.multiply(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb,
                accumulate, c, cOffset, ldc, workspace);
    }

    /**
     * Like {@link #multiply(boolean, boolean, int, int, int, float[], int, int, float[], int, int, boolean,
     * float[], int, int, GemmWorkspace)} with B (k x n) produced row piece by row piece by {@code b} while it
     * is packed, e.g. a convolution's lowered input, which then never exists as a whole.
     */
    public static void multiply(boolean transA, int m, int n, int k,
                                float[] a, int aOffset, int lda,
                                MatrixRows b,
                                boolean accumulate, float[] c, int cOffset, int ldc,
                                GemmWorkspace workspace) {
        SELECTED.multiply(transA, m, n, k, a, aOffset, lda, b, accumulate, c, cOffset, ldc, workspace);
    }

    /** Whether the Vector API kernels can run in this JVM. */
    public static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * A named kernel family, independent of the one selected for this JVM (for tests and benchmarks).
     *
     * @param implementation "vector" (the vector width this CPU prefers), "vector-512", "vector-256" or
     *                       "scalar"
     * @throws IllegalStateException for the vector kernels when the Vector API module is absent
     */
    public static GemmKernel kernel(String implementation) {
        switch (implementation) {
            case "scalar":
                return new ScalarGemm();
            case "vector":
                return newVectorKernel(0);
            case "vector-512":
                return newVectorKernel(512);
            case "vector-256":
                return newVectorKernel(256);
            default:
                throw new IllegalArgumentException(KERNELS_PROPERTY
                        + " must be vector, vector-512, vector-256 or scalar, not " + implementation);
        }
    }

    private static String defaultName() {
        return vectorAvailable() ? "vector" : "scalar";
    }

    // Loaded by name so that, without the module, nothing ever resolves the class that imports the Vector API.
    private static GemmKernel newVectorKernel(int bits) {
        if (!vectorAvailable()) {
            throw new IllegalStateException("the vector kernels need --add-modules " + VECTOR_MODULE);
        }
        try {
            return (GemmKernel) Class.forName(Sgemm.class.getPackageName() + ".VectorGemm")
                    .getDeclaredMethod("family", int.class).invoke(null, bits);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the vector kernels", e);
        }
    }
}
