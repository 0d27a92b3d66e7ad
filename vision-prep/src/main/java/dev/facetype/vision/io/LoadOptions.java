package dev.facetype.vision.io;

import java.util.Objects;

/**
 * Settings of an {@link ImageLoader}; immutable, change one value with the {@code with...} methods.
 *
 * @param maxPixels largest accepted {@code width * height}, read from the file header before any pixel is
 *     decoded, so a decompression bomb is refused at no cost (default 50 million)
 * @param maxFileBytes largest accepted file or stream size in bytes (default 256 MiB)
 * @param colorMode channels of the result (default {@link ColorMode#RGB})
 * @param background the RGB colour (0xRRGGBB) transparent pixels are composited onto (default white)
 */
public record LoadOptions(long maxPixels, long maxFileBytes, ColorMode colorMode, int background) {

    /** 50 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    /** 256 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 256L * 1024 * 1024;
    /** White. */
    public static final int DEFAULT_BACKGROUND = 0xFFFFFF;

    public LoadOptions {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        if (maxFileBytes <= 0 || maxFileBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxFileBytes must be in 1.." + (Integer.MAX_VALUE - 8)
                    + ", got " + maxFileBytes);
        }
        Objects.requireNonNull(colorMode, "colorMode");
        if ((background & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException("background must be an RGB value 0xRRGGBB, got 0x"
                    + Integer.toHexString(background));
        }
    }

    /** 50 MP, 256 MiB, RGB, white background. */
    public static LoadOptions defaults() {
        return new LoadOptions(DEFAULT_MAX_PIXELS, DEFAULT_MAX_FILE_BYTES, ColorMode.RGB, DEFAULT_BACKGROUND);
    }

    public LoadOptions withMaxPixels(long value) {
        return new LoadOptions(value, maxFileBytes, colorMode, background);
    }

    public LoadOptions withMaxFileBytes(long value) {
        return new LoadOptions(maxPixels, value, colorMode, background);
    }

    public LoadOptions withColorMode(ColorMode value) {
        return new LoadOptions(maxPixels, maxFileBytes, value, background);
    }

    public LoadOptions withBackground(int rgb) {
        return new LoadOptions(maxPixels, maxFileBytes, colorMode, rgb);
    }
}
