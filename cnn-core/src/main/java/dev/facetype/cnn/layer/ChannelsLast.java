package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;

/**
 * Moves the channel axis last (ONNX's {@code Transpose} with perm 0, 2, 3, 1), so that each pixel's channel
 * values lie together, as a detector's per-position outputs are read.
 *
 * <pre>
 *   input (N, C, H, W)  ->  output (N, H, W, C)
 *   output[n][y][x][c] = input[n][c][y][x]
 * </pre>
 */
public final class ChannelsLast extends AbstractLayer implements WritesInto {

    private final int channels;
    private final int pixels;
    private Tensor output;
    private Tensor gradInput;
    private int batch;

    public ChannelsLast(String name, Shape inputShape) {
        super(name, inputShape, outputShape(name, inputShape));
        this.channels = inputShape.dim(0);
        this.pixels = inputShape.dim(1) * inputShape.dim(2);
    }

    private static Shape outputShape(String name, Shape input) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException(name + ": needs (channels, height, width) input, got " + input);
        }
        return Shape.of(input.dim(1), input.dim(2), input.dim(0));
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        checkInput(x);
        batch = x.batchSize();
        output = reuse(output, outputShape(), batch);
        transpose(x.data(), output.data(), channels, pixels, batch);
        return output;
    }

    @Override
    public void forwardInto(Tensor x, Tensor out) {
        checkInput(x);
        WritesInto.checkOutput(this, out, x.batchSize());
        transpose(x.data(), out.data(), channels, pixels, x.batchSize());
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        checkGradient(gradOutput, batch);
        if (!needInputGradient) {
            return null;
        }
        gradInput = reuse(gradInput, inputShape(), batch);
        transpose(gradOutput.data(), gradInput.data(), pixels, channels, batch);
        return gradInput;
    }

    /** Per sample, a (rows x cols) matrix to its (cols x rows) transpose. */
    private static void transpose(float[] from, float[] to, int rows, int cols, int batch) {
        int size = rows * cols;
        for (int n = 0; n < batch; n++) {
            int base = n * size;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    to[base + c * rows + r] = from[base + r * cols + c];
                }
            }
        }
    }

    @Override
    public Layer inferenceCopy() {
        return new ChannelsLast(name(), inputShape());
    }
}
