package dev.facetype.cnn.kernel;

/**
 * A k x n matrix that is computed row piece by row piece instead of stored, such as a convolution's lowered
 * input: the product packs it straight into its cache-sized panels, so the whole matrix never goes through
 * memory.
 */
public interface MatrixRows {

    /** Writes columns {@code [firstColumn, firstColumn + count)} of row {@code row} to {@code dst[offset ..]}. */
    void row(int row, int firstColumn, int count, float[] dst, int offset);
}
