package dev.facetype.cnn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.facetype.cnn.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The lowering and its adjoint against their definitions: any block of columns, odd sizes, kernels larger than
 * the image, both paddings, strides 1 to 3 (stride 1 with {@code same} padding takes the shifted-plane paths).
 */
class ConvGeometryTest {

    // channels, height, width, kernel, stride, padding (0 same, 1 valid)
    private static final int[][] CASES = {
        {3, 9, 7, 5, 1, 0}, {2, 8, 8, 3, 2, 0}, {1, 11, 5, 3, 1, 1}, {4, 7, 9, 5, 2, 1}, {2, 32, 32, 5, 1, 0},
        {1, 5, 13, 1, 1, 1}, {2, 6, 6, 4, 3, 0}, {2, 6, 7, 4, 1, 0}, {1, 3, 3, 5, 1, 0}, {1, 1, 1, 3, 1, 0},
        {2, 2, 9, 5, 1, 0}, {3, 64, 64, 5, 1, 0},
    };
    private static final int[] BLOCKS = {1, 3, 7, 32, 100, 128, 5000};

    @Test
    void im2colOfAnyColumnBlockFollowsTheDefinition() {
        SplittableRandom random = new SplittableRandom(4);
        for (int[] t : CASES) {
            ConvGeometry g = geometry(t);
            float[] x = new float[2 + g.inputSize()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            int rows = g.patchSize();
            int pixels = g.outputPixels();
            float[] expected = new float[rows * pixels];
            for (int row = 0; row < rows; row++) {
                int j = row % g.kernel;
                int i = (row / g.kernel) % g.kernel;
                int c = row / (g.kernel * g.kernel);
                for (int p = 0; p < pixels; p++) {
                    int iy = p / g.outWidth * g.stride - g.padTop + i;
                    int ix = p % g.outWidth * g.stride - g.padLeft + j;
                    boolean inside = iy >= 0 && iy < g.height && ix >= 0 && ix < g.width;
                    expected[row * pixels + p] = inside ? x[1 + (c * g.height + iy) * g.width + ix] : 0f;
                }
            }
            for (int block : BLOCKS) {
                for (int first = 0; first < pixels; first += block) {
                    int span = Math.min(block, pixels - first);
                    float[] col = new float[rows * (span + 2)];
                    java.util.Arrays.fill(col, Float.NaN);
                    g.im2col(x, 1, first, first + span, col, span + 2);
                    for (int row = 0; row < rows; row++) {
                        for (int q = 0; q < span; q++) {
                            if (Float.compare(expected[row * pixels + first + q], col[row * (span + 2) + q]) != 0) {
                                throw new AssertionError(java.util.Arrays.toString(t) + " block " + block
                                        + " row " + row + " pixel " + (first + q));
                            }
                        }
                    }
                }
            }
        }
    }

    private static ConvGeometry geometry(int[] t) {
        Padding padding = t[5] == 0 ? Padding.SAME : Padding.VALID;
        return new ConvGeometry(Shape.of(t[0], t[1], t[2]), t[3], t[4], padding);
    }

    @Test
    void col2imOverColumnBlocksAddsWhatTheWholeImageAdds() {
        SplittableRandom random = new SplittableRandom(5);
        for (int[] t : CASES) {
            ConvGeometry geometry = geometry(t);
            int rows = geometry.patchSize();
            int pixels = geometry.outputPixels();
            float[] col = new float[rows * pixels];
            for (int i = 0; i < col.length; i++) {
                col[i] = (float) random.nextGaussian();
            }
            int offset = 3;
            float[] whole = new float[offset + geometry.inputSize() + 2];
            geometry.col2im(col, pixels, whole, offset);
            for (int block : BLOCKS) {
                float[] blocked = new float[whole.length];
                for (int first = 0; first < pixels; first += block) {
                    int span = Math.min(block, pixels - first);
                    float[] piece = new float[rows * span];
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(col, r * pixels + first, piece, r * span, span);
                    }
                    geometry.col2imColumns(piece, span, first, first + span, blocked, offset);
                }
                // Each input pixel receives the same values in the same order of taps, block by block.
                assertArrayEquals(whole, blocked, 1e-5f, java.util.Arrays.toString(t) + " block " + block);
            }
        }
    }
}
