package dev.facetype.cnn.layer;

/**
 * How a convolution or pooling window treats the border, with TensorFlow's conventions.
 * {@code SAME}: output size {@code ceil(in / stride)}, zero padding split evenly with any odd pixel on the
 * bottom/right. {@code VALID}: no padding, output size {@code floor((in - kernel) / stride) + 1}.
 */
public enum Padding {
    SAME,
    VALID;

    /** Output length along one axis. */
    public int outputLength(int input, int kernel, int stride) {
        if (this == SAME) {
            return (input + stride - 1) / stride;
        }
        if (input < kernel) {
            return 0;
        }
        return (input - kernel) / stride + 1;
    }

    /** Padding before the first input element (top or left). */
    public int padBefore(int input, int kernel, int stride) {
        if (this == VALID) {
            return 0;
        }
        int output = outputLength(input, kernel, stride);
        int total = Math.max((output - 1) * stride + kernel - input, 0);
        return total / 2;
    }
}
