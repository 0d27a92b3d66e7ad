package dev.facetype.cnn;

/** A tensor reached a layer with a shape it cannot take; the message names the layer and both shapes. */
public final class ShapeMismatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ShapeMismatchException(String where, Shape expected, Shape actual) {
        super(where + ": expected shape " + expected + " but got " + actual);
    }

    public ShapeMismatchException(String message) {
        super(message);
    }
}
