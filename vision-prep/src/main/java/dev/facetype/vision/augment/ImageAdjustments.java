package dev.facetype.vision.augment;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.ops.AffineWarp;
import java.util.random.RandomGenerator;

/** The pixel operations behind the augmentations, each usable (and tested) on its own. */
public final class ImageAdjustments {

    private ImageAdjustments() {
    }

    /** The mirror image (left and right swapped). */
    public static RasterImage flipHorizontal(RasterImage image) {
        int w = image.width();
        int c = image.channels();
        byte[] in = image.toByteArray();
        byte[] out = new byte[in.length];
        for (int y = 0; y < image.height(); y++) {
            int row = y * w * c;
            for (int x = 0; x < w; x++) {
                System.arraycopy(in, row + x * c, out, row + (w - 1 - x) * c, c);
            }
        }
        return RasterImage.adopt(w, image.height(), c, out);
    }

    /**
     * Every sample moved {@code factor} times as far from the mean of all samples (all channels together, so
     * colours keep their balance), rounded and clipped to 0..255. Without clipping the standard deviation is
     * multiplied by {@code factor} and the mean is kept.
     */
    public static RasterImage scaleContrast(RasterImage image, double factor) {
        if (factor == 1.0) {
            return image;
        }
        byte[] pixels = image.toByteArray();
        double mean = mean(pixels);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = clip(mean + factor * ((pixels[i] & 0xFF) - mean));
        }
        return RasterImage.adopt(image.width(), image.height(), image.channels(), pixels);
    }

    /**
     * Independent zero-mean Gaussian noise of standard deviation {@code sigma} added to every sample, rounded
     * and clipped. Normal values come from the Box-Muller transform of {@code random.nextDouble()}, so the
     * result depends only on the generator's sequence.
     */
    public static RasterImage addGaussianNoise(RasterImage image, double sigma, RandomGenerator random) {
        byte[] pixels = image.toByteArray();
        for (int i = 0; i < pixels.length; i += 2) {
            double u1 = 1.0 - random.nextDouble(); // (0, 1]: log is finite
            double u2 = random.nextDouble();
            double radius = sigma * Math.sqrt(-2 * Math.log(u1));
            pixels[i] = clip((pixels[i] & 0xFF) + radius * Math.cos(2 * Math.PI * u2));
            if (i + 1 < pixels.length) {
                pixels[i + 1] = clip((pixels[i + 1] & 0xFF) + radius * Math.sin(2 * Math.PI * u2));
            }
        }
        return RasterImage.adopt(image.width(), image.height(), image.channels(), pixels);
    }

    /** {@code delta} levels added to every sample, clipped. */
    public static RasterImage shiftBrightness(RasterImage image, double delta) {
        if (delta == 0) {
            return image;
        }
        byte[] pixels = image.toByteArray();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = clip((pixels[i] & 0xFF) + delta);
        }
        return RasterImage.adopt(image.width(), image.height(), image.channels(), pixels);
    }

    /**
     * The image turned by {@code degrees} (clockwise on screen), zoomed by {@code scale} and shifted by
     * ({@code shiftX}, {@code shiftY}) pixels about its centre, same size, borders repeated.
     */
    public static RasterImage rotateScaleShift(RasterImage image, double degrees, double scale, double shiftX,
                                               double shiftY) {
        if (degrees == 0 && scale == 1 && shiftX == 0 && shiftY == 0) {
            return image;
        }
        double angle = Math.toRadians(degrees);
        double cos = Math.cos(angle) / scale;
        double sin = Math.sin(angle) / scale;
        double cx = image.width() / 2.0;
        double cy = image.height() / 2.0;
        // Inverse map: source = centre + R(-angle)/scale * (output - centre - shift).
        double a = cos;
        double b = sin;
        double d = -sin;
        double e = cos;
        double c = cx - a * (cx + shiftX) - b * (cy + shiftY);
        double f = cy - d * (cx + shiftX) - e * (cy + shiftY);
        return AffineWarp.warp(image, image.width(), image.height(), a, b, c, d, e, f);
    }

    /** Mean of all samples. */
    static double mean(byte[] pixels) {
        long sum = 0;
        for (byte p : pixels) {
            sum += p & 0xFF;
        }
        return (double) sum / pixels.length;
    }

    private static byte clip(double value) {
        return (byte) Math.max(0, Math.min(255, Math.round(value)));
    }
}
