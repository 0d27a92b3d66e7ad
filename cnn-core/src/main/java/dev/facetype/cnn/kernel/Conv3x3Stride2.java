package dev.facetype.cnn.kernel;

/**
 * Output rows of an ordinary (one group) 3x3, stride-2 convolution over few input channels, computed directly
 * rather than lowered to a matrix product (a network's first layer on an RGB image: 27 products per output,
 * too few to pay for im2col):
 *
 * <pre>
 *   in  (channels, height, width) at inBase      weights (filters, channels, 3, 3) at wOffset, then the bias
 *   out (filters, outHeight, outWidth) at outBase
 *   out[f][oy][ox] = bias[f] + sum_{c,i,j} w[f][c][i][j] * in[c][2oy - top + i][2ox - left + j]   (zero outside)
 * </pre>
 *
 * Each input row under the window is first split into its even and odd columns (with the padding), so every
 * tap reads consecutive values. {@link #selected()} is the Vector API version of the width
 * {@link RowFilter3x3} uses, else plain loops. Stateless and thread-safe; the caller hands each thread a
 * {@link #scratchSize} array.
 */
public interface Conv3x3Stride2 {

    /**
     * Output rows [oyFrom, oyTo) of every filter; {@code relu} applies max(0, x) to each output (a fused ReLU).
     *
     * @param scratch at least {@link #scratchSize(int, int)} floats
     */
    void forward(float[] in, int inBase, int channels, int height, int width, int top, int left,
                 float[] w, int wOffset, int filters, float[] out, int outBase, int outHeight, int outWidth,
                 int oyFrom, int oyTo, boolean relu, float[] scratch);

    /** "vector-512", "vector-256" or "scalar". */
    String name();

    /** Scratch floats one call needs. */
    static int scratchSize(int channels, int outWidth) {
        return channels * 3 * 2 * (outWidth + 1);
    }

    /**
     * Splits the input row under kernel row i of channel c into even columns (at {@code base}) and odd ones (at
     * {@code base + outWidth + 1}): even[k] = in[row][2k - left], odd[k] = in[row][2k + 1 - left], zero outside
     * the row or when {@code row} is outside the image.
     */
    static void split(float[] in, int rowStart, boolean inside, int width, int left, int outWidth,
                      float[] scratch, int base) {
        int odd = base + outWidth + 1;
        if (!inside) {
            java.util.Arrays.fill(scratch, base, base + 2 * (outWidth + 1), 0f);
            return;
        }
        // k in [first, last): both columns 2k - left and 2k + 1 - left inside the row, no test needed
        int first = Math.min(outWidth + 1, (left + 1) / 2);
        int last = Math.max(first, Math.min(outWidth + 1, (width + left - 1) / 2));
        for (int k = 0; k < first; k++) {
            splitEdge(in, rowStart, width, left, scratch, base, odd, k);
        }
        for (int k = first; k < last; k++) {
            int x = rowStart + 2 * k - left;
            scratch[base + k] = in[x];
            scratch[odd + k] = in[x + 1];
        }
        for (int k = last; k <= outWidth; k++) {
            splitEdge(in, rowStart, width, left, scratch, base, odd, k);
        }
    }

    private static void splitEdge(float[] in, int rowStart, int width, int left, float[] scratch, int base, int odd,
                                  int k) {
        int x = 2 * k - left;
        scratch[base + k] = x >= 0 && x < width ? in[rowStart + x] : 0f;
        scratch[odd + k] = x + 1 >= 0 && x + 1 < width ? in[rowStart + x + 1] : 0f;
    }

    /** Fills scratch with the split rows of output row oy: (c * 3 + i) * 2 * (outWidth + 1) per kernel row. */
    static void splitRows(float[] in, int inBase, int channels, int height, int width, int top, int left,
                          int outWidth, int oy, float[] scratch) {
        int stride = 2 * (outWidth + 1);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < 3; i++) {
                int iy = 2 * oy - top + i;
                boolean inside = iy >= 0 && iy < height;
                split(in, inBase + (c * height + (inside ? iy : 0)) * width, inside, width, left, outWidth,
                        scratch, (c * 3 + i) * stride);
            }
        }
    }

    /** The implementation for this JVM, chosen as {@link RowFilter3x3#selected()} is. */
    static Conv3x3Stride2 selected() {
        return Selected.KERNEL;
    }

    /** A named implementation (for tests): "vector", "vector-512", "vector-256" or "scalar". */
    static Conv3x3Stride2 named(String implementation) {
        switch (implementation) {
            case "scalar":
                return new ScalarConv3x3Stride2();
            case "vector":
            case "vector-512":
            case "vector-256":
                if (!Sgemm.vectorAvailable()) {
                    throw new IllegalStateException("the vector kernels need --add-modules jdk.incubator.vector");
                }
                int bits = implementation.equals("vector") ? 0 : implementation.equals("vector-512") ? 512 : 256;
                try {
                    return (Conv3x3Stride2) Class.forName(Conv3x3Stride2.class.getPackageName()
                            + ".VectorConv3x3Stride2").getDeclaredMethod("ofWidth", int.class).invoke(null, bits);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot load the vector convolution", e);
                }
            default:
                throw new IllegalArgumentException(Sgemm.KERNELS_PROPERTY
                        + " must be vector, vector-512, vector-256 or scalar, not " + implementation);
        }
    }

    /** Holds the choice, made once on first use. */
    final class Selected {
        static final Conv3x3Stride2 KERNEL = named(System.getProperty(Sgemm.KERNELS_PROPERTY,
                Sgemm.vectorAvailable() ? "vector" : "scalar"));

        private Selected() {
        }
    }
}
