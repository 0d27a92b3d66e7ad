package dev.facetype.cnn.kernel;

/**
 * A 1x1, stride-1 convolution without padding (a pointwise convolution) over a range of pixels, computed
 * directly rather than as a general matrix product:
 *
 * <pre>
 *   out[outOffset + f * outStride + p] = bias[f] + sum_{c < channels} w[wOffset + f * channels + c] * in[inOffset + c * pixels + p]
 *       for f in [0, filters), p in [from, to);  bias[f] = w[wOffset + filters * channels + f]
 * </pre>
 *
 * then max(0, value) when {@code relu}; every implementation sums in that order with fused multiply-adds, so
 * they agree to the bit whatever range of pixels a call covers. Each output value is written once (no packing, no bias pass, no second
 * pass for the ReLU); the input's few channels over a short run of pixels stay in the L1 cache while every
 * filter reads them.
 *
 * <p>{@link #selected()} is the Vector API version (the CPU's preferred width: 512 bits with AVX-512, else 256)
 * when {@code jdk.incubator.vector} is present, else plain loops; {@value Sgemm#KERNELS_PROPERTY} {@code =
 * scalar} forces the plain ones. Stateless and thread-safe.
 */
public interface Pointwise1x1 {

    /**
     * Computes the outputs of pixels [from, to); {@code scratch} is the caller's, at least
     * {@link #scratchSize(int)} values, its contents ignored and overwritten.
     */
    void forward(float[] in, int inOffset, int channels, int pixels, float[] w, int wOffset, int filters,
                 float[] out, int outOffset, int outStride, int from, int to, boolean relu, float[] scratch);

    /** The scratch {@link #forward} needs for this many input channels (any implementation). */
    static int scratchSize(int channels) {
        return Math.max(16384, channels * 48);
    }

    /** "vector" or "scalar". */
    String name();

    /** The implementation for this JVM. */
    static Pointwise1x1 selected() {
        return Selected.KERNEL;
    }

    /**
     * A named implementation (for tests): "scalar", or "vector" (also for "vector-512" and "vector-256": the
     * width this CPU prefers).
     */
    static Pointwise1x1 named(String implementation) {
        switch (implementation) {
            case "scalar":
                return new ScalarPointwise1x1();
            case "vector":
            case "vector-512":
            case "vector-256":
                if (!Sgemm.vectorAvailable()) {
                    throw new IllegalStateException("the vector kernels need --add-modules jdk.incubator.vector");
                }
                try {
                    return (Pointwise1x1) Class.forName(Pointwise1x1.class.getPackageName() + ".VectorPointwise1x1")
                            .getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot load the vector pointwise convolution", e);
                }
            default:
                throw new IllegalArgumentException(Sgemm.KERNELS_PROPERTY
                        + " must be vector, vector-512, vector-256 or scalar, not " + implementation);
        }
    }

    /** Holds the choice, made once on first use. */
    final class Selected {
        static final Pointwise1x1 KERNEL = named(System.getProperty(Sgemm.KERNELS_PROPERTY,
                Sgemm.vectorAvailable() ? "vector" : "scalar"));

        private Selected() {
        }
    }
}
