package dev.facetype.vision.detect;

/**
 * An axis-aligned rectangle in the pixel coordinates of an image: top-left corner ({@code x}, {@code y}),
 * {@code width} and {@code height}. A detector's box may reach past the image border.
 */
public record FaceBox(double x, double y, double width, double height) {

    public FaceBox {
        if (!(width >= 0) || !(height >= 0) || !Double.isFinite(x) || !Double.isFinite(y)
                || !Double.isFinite(width) || !Double.isFinite(height)) {
            throw new IllegalArgumentException("Not a box: x=" + x + " y=" + y + " width=" + width
                    + " height=" + height);
        }
    }

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    public double area() {
        return width * height;
    }

    /** The shorter side: what a minimum face size is compared with. */
    public double shortSide() {
        return Math.min(width, height);
    }

    /** The area this box shares with {@code other}. */
    public double intersectionArea(FaceBox other) {
        double w = Math.min(right(), other.right()) - Math.max(x, other.x);
        double h = Math.min(bottom(), other.bottom()) - Math.max(y, other.y);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /** Intersection over union, 0 (disjoint) to 1 (identical). */
    public double iou(FaceBox other) {
        double intersection = intersectionArea(other);
        double union = area() + other.area() - intersection;
        return union <= 0 ? 0 : intersection / union;
    }

    /** This box with every coordinate multiplied by {@code factor} (to map between image sizes). */
    public FaceBox scaled(double factor) {
        return new FaceBox(x * factor, y * factor, width * factor, height * factor);
    }
}
