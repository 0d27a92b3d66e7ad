package dev.facetype.cnn.kernel;

/**
 * One output row of a 3x3, stride-1 filter over one plane (the inner loop of a depthwise convolution):
 *
 * <pre>
 *   out[o + x] = bias + sum_{i < 3, j < 3} w[wOffset + 3i + j] * in[row_i + x + j]     for x in [from, to)
 * </pre>
 *
 * {@code row_i} is the offset of the input row under kernel row i, already shifted by the left padding (so it
 * may be negative), or {@link #NO_ROW} when that row lies in the padding (it then adds nothing). The caller keeps {@code [from, to)} to the columns
 * whose three taps are all inside the row.
 *
 * <p>{@link #selected()} is the Vector API version when {@code jdk.incubator.vector} is present (HotSpot 17 does
 * not vectorise the plain loop), else plain loops, chosen as {@link Sgemm} chooses: 512-bit vectors when
 * {@code FloatVector.SPECIES_PREFERRED} is that wide (AVX-512), else 256-bit ones (AVX2);
 * {@code facetype.kernels=vector-512|vector-256} forces a width. Stateless and thread-safe.
 */
public interface RowFilter3x3 {

    /** The row offset that stands for a kernel row in the padding. */
    int NO_ROW = Integer.MIN_VALUE;

    void filterRow(float[] in, int row0, int row1, int row2, float[] w, int wOffset, float bias,
                   float[] out, int o, int from, int to);

    /** The row as above, then each output replaced by max(0, output) when {@code relu} (a fused ReLU). */
    void filterRow(float[] in, int row0, int row1, int row2, float[] w, int wOffset, float bias,
                   float[] out, int o, int from, int to, boolean relu);

    /** "vector-512", "vector-256" or "scalar". */
    String name();

    /** The implementation for this JVM: the property {@value Sgemm#KERNELS_PROPERTY}, else vector when available. */
    static RowFilter3x3 selected() {
        return Selected.FILTER;
    }

    /**
     * A named implementation (for tests): "vector" (the width this CPU prefers), "vector-512", "vector-256" or
     * "scalar".
     */
    static RowFilter3x3 named(String implementation) {
        switch (implementation) {
            case "scalar":
                return new ScalarRowFilter3x3();
            case "vector":
                return vector(0);
            case "vector-512":
                return vector(512);
            case "vector-256":
                return vector(256);
            default:
                throw new IllegalArgumentException(Sgemm.KERNELS_PROPERTY
                        + " must be vector, vector-512, vector-256 or scalar, not " + implementation);
        }
    }

    /**
     * The vector filter of {@code bits} (0: the preferred width); loaded by name so that, without the module,
     * nothing resolves the classes that import the Vector API.
     */
    private static RowFilter3x3 vector(int bits) {
        if (!Sgemm.vectorAvailable()) {
            throw new IllegalStateException("the vector kernels need --add-modules jdk.incubator.vector");
        }
        try {
            return (RowFilter3x3) Class.forName(RowFilter3x3.class.getPackageName() + ".VectorRowFilter3x3")
                    .getDeclaredMethod("ofWidth", int.class).invoke(null, bits);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the vector row filter", e);
        }
    }

    /** Holds the choice, made once on first use. */
    final class Selected {
        static final RowFilter3x3 FILTER = named(System.getProperty(Sgemm.KERNELS_PROPERTY,
                Sgemm.vectorAvailable() ? "vector" : "scalar"));

        private Selected() {
        }
    }
}
