package dev.facetype.vision.detect;

/** A point in the pixel coordinates of an image. */
public record ImagePoint(double x, double y) {

    /** This point with both coordinates multiplied by {@code factor}. */
    public ImagePoint scaled(double factor) {
        return new ImagePoint(x * factor, y * factor);
    }
}
