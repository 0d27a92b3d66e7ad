package dev.facetype.cnn.layer;

/**
 * Explicit zero padding around a (height, width) plane, as ONNX and PyTorch state it, for the layers that do
 * not follow {@link Padding}'s TensorFlow convention. A 3x3, stride-2 window with one pixel on every side over
 * an even-sized input starts one row and column earlier than {@link Padding#SAME} would.
 *
 * @param top rows of zeros above the input
 * @param left columns of zeros on its left
 * @param bottom rows below
 * @param right columns on its right
 */
public record Pads(int top, int left, int bottom, int right) {

    public Pads {
        if (top < 0 || left < 0 || bottom < 0 || right < 0) {
            throw new IllegalArgumentException("Padding must not be negative: " + top + ", " + left + ", "
                    + bottom + ", " + right);
        }
    }

    /** The same amount on all four sides. */
    public static Pads uniform(int amount) {
        return new Pads(amount, amount, amount, amount);
    }

    /** No padding. */
    public static Pads none() {
        return uniform(0);
    }

    /** Output rows of a {@code kernel}-high window moving by {@code stride} over {@code height} rows (0 if it does not fit). */
    public int outHeight(int height, int kernel, int stride) {
        return outputLength(height + top + bottom, kernel, stride);
    }

    /** Output columns, as {@link #outHeight} across. */
    public int outWidth(int width, int kernel, int stride) {
        return outputLength(width + left + right, kernel, stride);
    }

    private static int outputLength(int padded, int kernel, int stride) {
        return padded < kernel ? 0 : (padded - kernel) / stride + 1;
    }
}
