package dev.facetype.cnn;

import java.util.Arrays;

/**
 * The dimensions of a tensor, outermost first. Image batches are NCHW: (batch, channels, height, width);
 * the shape of one sample leaves the batch out: (channels, height, width) or (features).
 */
public final class Shape {

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        long total = 1;
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("Shape dimensions must be positive: " + Arrays.toString(dims));
            }
            total *= d;
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Shape too large for one array: " + Arrays.toString(dims));
            }
        }
        this.dims = dims;
        this.size = (int) total;
    }

    /** A shape with the given dimensions (all positive). */
    public static Shape of(int... dims) {
        if (dims.length == 0) {
            throw new IllegalArgumentException("A shape needs at least one dimension");
        }
        return new Shape(dims.clone());
    }

    /** This shape with a batch dimension in front: (batch, this...). */
    public Shape withBatch(int batch) {
        int[] batched = new int[dims.length + 1];
        batched[0] = batch;
        System.arraycopy(dims, 0, batched, 1, dims.length);
        return new Shape(batched);
    }

    /** This shape without its first (batch) dimension. */
    public Shape withoutBatch() {
        if (dims.length < 2) {
            throw new IllegalStateException("Shape " + this + " has no batch dimension to drop");
        }
        return new Shape(Arrays.copyOfRange(dims, 1, dims.length));
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int index) {
        return dims[index];
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** A copy of the dimensions. */
    public int[] toArray() {
        return dims.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape && Arrays.equals(dims, ((Shape) other).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** For example {@code [32, 3, 64, 64]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
