package dev.facetype.vision.io;

import dev.facetype.vision.RasterImage;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns whatever a decoder returned (8 or 16 bit, gray or colour, palette, with or without alpha) into a
 * {@link RasterImage} of the wanted channels, with transparent pixels composited onto a background.
 */
final class DecodedImageConverter {

    private DecodedImageConverter() {
    }

    static RasterImage convert(BufferedImage image, ColorMode mode, int background) {
        ColorModel model = image.getColorModel();
        boolean graySamples = !(model instanceof IndexColorModel) && model.getNumColorComponents() == 1;
        RasterImage rgbOrGray = graySamples ? fromGraySamples(image, background) : fromArgb(image, background);
        return rgbOrGray.withChannels(mode.channels());
    }

    /**
     * Gray images are read from their samples: {@code getRGB} would push them through Java's linear gray
     * colour space and brighten mid-tones (128 comes out as 188).
     */
    private static RasterImage fromGraySamples(BufferedImage image, int background) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        ColorModel model = image.getColorModel();
        double grayMax = (1L << model.getComponentSize(0)) - 1;
        boolean alpha = model.hasAlpha() && raster.getNumBands() > 1;
        double alphaMax = alpha ? (1L << model.getComponentSize(1)) - 1 : 1;
        int backgroundGray = luma(background >> 16 & 0xFF, background >> 8 & 0xFF, background & 0xFF);
        int[] gray = raster.getSamples(0, 0, w, h, 0, (int[]) null);
        int[] alphas = alpha ? raster.getSamples(0, 0, w, h, 1, (int[]) null) : null;
        byte[] out = new byte[w * h];
        for (int i = 0; i < out.length; i++) {
            double value = gray[i] * 255.0 / grayMax;
            if (alphas != null) {
                double a = alphas[i] / alphaMax;
                value = a * value + (1 - a) * backgroundGray;
            }
            out[i] = (byte) Math.round(value);
        }
        return RasterImage.adopt(w, h, 1, out);
    }

    /**
     * Everything else goes through sRGB ARGB: palettes, 16-bit RGB, CMYK already converted by the plugin. An
     * 8-bit sRGB picture without alpha (what the JPEG and PNG readers return for colour photos) is copied from
     * its raster a row at a time instead, which gives the same bytes as {@code getRGB} without converting every
     * pixel through the colour model.
     */
    private static RasterImage fromArgb(BufferedImage image, int background) {
        if (isPlainSrgbBytes(image)) {
            return fromSrgbBytes(image);
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean alpha = image.getColorModel().hasAlpha();
        int bgR = background >> 16 & 0xFF;
        int bgG = background >> 8 & 0xFF;
        int bgB = background & 0xFF;
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int r = argb >> 16 & 0xFF;
                int g = argb >> 8 & 0xFF;
                int b = argb & 0xFF;
                if (alpha) {
                    int a = argb >>> 24;
                    r = (r * a + bgR * (255 - a) + 127) / 255;
                    g = (g * a + bgG * (255 - a) + 127) / 255;
                    b = (b * a + bgB * (255 - a) + 127) / 255;
                }
                int o = (y * w + x) * 3;
                out[o] = (byte) r;
                out[o + 1] = (byte) g;
                out[o + 2] = (byte) b;
            }
        }
        return RasterImage.adopt(w, h, 3, out);
    }

    /** Three 8-bit bands of sRGB, no alpha, in a byte raster: the samples are the colours as they are. */
    static boolean isPlainSrgbBytes(BufferedImage image) {
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (!(model instanceof ComponentColorModel) || model.hasAlpha() || !model.getColorSpace().isCS_sRGB()
                || model.getNumComponents() != 3 || raster.getNumBands() != 3
                || raster.getTransferType() != DataBuffer.TYPE_BYTE) {
            return false;
        }
        for (int band = 0; band < 3; band++) {
            if (model.getComponentSize(band) != 8) {
                return false;
            }
        }
        return true;
    }

    private static RasterImage fromSrgbBytes(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        // Each pixel's samples in band order (red, green, blue), whatever order the raster stores them in.
        byte[] out = (byte[]) image.getRaster().getDataElements(0, 0, w, h, new byte[w * h * 3]);
        return RasterImage.adopt(w, h, 3, out);
    }

    private static int luma(int r, int g, int b) {
        return (299 * r + 587 * g + 114 * b + 500) / 1000;
    }
}
