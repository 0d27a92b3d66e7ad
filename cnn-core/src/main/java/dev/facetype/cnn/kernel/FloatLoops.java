package dev.facetype.cnn.kernel;

/**
 * Element-wise loops over float arrays that HotSpot's superword pass leaves scalar, such as adding one run of an
 * array onto another at a different offset (JDK 17 vectorizes a loop only when its array indices share one
 * loop-invariant offset). With the {@code jdk.incubator.vector} module they run on Vector API vectors, otherwise
 * as plain loops; both give the same results, each element being one addition.
 */
public final class FloatLoops {

    /** The loops in use, chosen with the same rule as {@link Sgemm}'s kernels. */
    private static final Loops SELECTED = select();

    private FloatLoops() {
    }

    /** {@code dst[dstOffset + i] += src[srcOffset + i]} for i in [0, count). */
    public static void addInto(float[] dst, int dstOffset, float[] src, int srcOffset, int count) {
        SELECTED.addInto(dst, dstOffset, src, srcOffset, count);
    }

    /** The loops, scalar or vector. */
    interface Loops {
        void addInto(float[] dst, int dstOffset, float[] src, int srcOffset, int count);
    }

    /** The plain loops (the reference for the vector ones). */
    static final class ScalarLoops implements Loops {
        @Override
        public void addInto(float[] dst, int dstOffset, float[] src, int srcOffset, int count) {
            for (int i = 0; i < count; i++) {
                dst[dstOffset + i] += src[srcOffset + i];
            }
        }
    }

    /** "scalar" or "vector": the loops {@link Sgemm#implementation()} names. */
    static Loops named(String implementation) {
        if (implementation.startsWith("vector")) {
            try {
                return (Loops) Class.forName(FloatLoops.class.getPackageName() + ".VectorFloatLoops")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot load the vector loops", e);
            }
        }
        return new ScalarLoops();
    }

    private static Loops select() {
        return named(Sgemm.implementation());
    }
}
