package dev.facetype.vision;

import dev.facetype.testing.EncodedImages;
import java.util.SplittableRandom;

/** Builds test images and encoded files in memory, so no binary fixture is committed. */
public final class TestImages {

    private TestImages() {
    }

    /** Uniform random samples in {@code lo..hi}. */
    public static RasterImage random(int width, int height, int channels, int lo, int hi, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[width * height * channels];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(lo, hi + 1);
        }
        return RasterImage.of(width, height, channels, pixels);
    }

    /** An image of one colour. */
    public static RasterImage solid(int width, int height, int r, int g, int b) {
        byte[] pixels = new byte[width * height * 3];
        for (int i = 0; i < pixels.length; i += 3) {
            pixels[i] = (byte) r;
            pixels[i + 1] = (byte) g;
            pixels[i + 2] = (byte) b;
        }
        return RasterImage.of(width, height, 3, pixels);
    }

    /** A JPEG of {@code stored} carrying EXIF orientation {@code orientation}. */
    public static byte[] jpegWithOrientation(RasterImage stored, int orientation) {
        return EncodedImages.jpegWithExifOrientation(EncodedImages.jpeg(stored.toBufferedImage(), 0.95f, false), orientation);
    }

    /** {@code png} with an eXIf chunk (the EXIF payload without its "Exif\0\0" prefix) inserted after IHDR. */
    public static byte[] pngWithOrientation(RasterImage stored, int orientation) {
        return EncodedImages.pngWithExifOrientation(EncodedImages.encode(stored.toBufferedImage(), "png"), orientation);
    }
}
