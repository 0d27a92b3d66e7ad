package dev.facetype.vision.ops;

import dev.facetype.vision.RasterImage;

/** Separable Gaussian blur (kernel radius 3 sigma, borders repeated), used to test and calibrate sharpness. */
public final class GaussianBlur {

    private GaussianBlur() {
    }

    /** {@code image} blurred with standard deviation {@code sigma} pixels; the image itself when sigma is 0. */
    public static RasterImage apply(RasterImage image, double sigma) {
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("sigma must not be negative, got " + sigma);
        }
        if (sigma == 0) {
            return image;
        }
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        int w = image.width();
        int h = image.height();
        int ch = image.channels();
        byte[] src = image.toByteArray();
        double[] horizontal = new double[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < ch; c++) {
                    double acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int sx = Math.max(0, Math.min(w - 1, x + k));
                        acc += kernel[k + radius] * (src[(y * w + sx) * ch + c] & 0xFF);
                    }
                    horizontal[(y * w + x) * ch + c] = acc;
                }
            }
        }
        byte[] out = new byte[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < ch; c++) {
                    double acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int sy = Math.max(0, Math.min(h - 1, y + k));
                        acc += kernel[k + radius] * horizontal[(sy * w + x) * ch + c];
                    }
                    out[(y * w + x) * ch + c] = (byte) Math.max(0, Math.min(255, Math.round(acc)));
                }
            }
        }
        return RasterImage.adopt(w, h, ch, out);
    }
}
