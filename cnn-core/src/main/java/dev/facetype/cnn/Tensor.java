package dev.facetype.cnn;

import java.util.Arrays;

/**
 * A dense float32 tensor: one contiguous array in row-major order (NCHW for image batches).
 *
 * <p>Tensors returned by layers and networks are owned by them and reused on the next call, so a
 * training step allocates nothing; copy what must outlive the next call ({@link #copy()}).
 */
public final class Tensor {

    private final Shape shape;
    private final float[] data;

    /** Wraps {@code data} (not copied); its length must equal the shape's size. */
    public Tensor(Shape shape, float[] data) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("Tensor data has " + data.length + " values but shape "
                    + shape + " needs " + shape.size());
        }
        this.shape = shape;
        this.data = data;
    }

    /** A tensor of zeros. */
    public static Tensor zeros(Shape shape) {
        return new Tensor(shape, new float[shape.size()]);
    }

    /** A tensor of zeros with the given dimensions. */
    public static Tensor zeros(int... dims) {
        return zeros(Shape.of(dims));
    }

    public Shape shape() {
        return shape;
    }

    /** The backing array (not a copy). */
    public float[] data() {
        return data;
    }

    public int size() {
        return data.length;
    }

    /** The first dimension: the number of samples in a batch. */
    public int batchSize() {
        return shape.dim(0);
    }

    /** The same data seen with another shape of the same size (no copy). */
    public Tensor reshape(Shape newShape) {
        if (newShape.size() != shape.size()) {
            throw new ShapeMismatchException("reshape", shape, newShape);
        }
        return new Tensor(newShape, data);
    }

    /** A deep copy. */
    public Tensor copy() {
        return new Tensor(shape, data.clone());
    }

    /** Value at a flat index. */
    public float get(int index) {
        return data[index];
    }

    /** Value at (n, c, h, w) of a rank-4 tensor. */
    public float get(int n, int c, int h, int w) {
        return data(((n * shape.dim(1) + c) * shape.dim(2) + h) * shape.dim(3) + w);
    }

    private float data(int index) {
        return data[index];
    }

    @Override
    public String toString() {
        int shown = Math.min(8, data.length);
        String head = Arrays.toString(Arrays.copyOf(data, shown));
        return "Tensor" + shape + (shown < data.length ? " " + head.substring(0, head.length() - 1) + ", ...]" : " " + head);
    }
}
