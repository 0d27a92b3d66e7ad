package dev.facetype.vision;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable 8-bit image: {@code width x height} pixels of 1 (gray) or 3 (red, green, blue) channels,
 * stored row by row with the channels of a pixel next to each other ({@code index = (y * width + x) *
 * channels + c}).
 *
 * <p>This is the one internal form every decoder output is turned into; it is safe to share between
 * threads.
 */
public final class RasterImage {

    private final int width;
    private final int height;
    private final int channels;
    private final byte[] pixels;

    private RasterImage(int width, int height, int channels, byte[] pixels) {
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.pixels = pixels;
    }

    /**
     * An image holding a copy of {@code pixels}.
     *
     * @throws IllegalArgumentException if a dimension is not positive, {@code channels} is not 1 or 3, or the
     *     array length is not {@code width * height * channels}
     */
    public static RasterImage of(int width, int height, int channels, byte[] pixels) {
        Objects.requireNonNull(pixels, "pixels");
        return adopt(width, height, channels, pixels.clone());
    }

    /**
     * An image that takes ownership of {@code pixels} without copying them: the caller must not change the
     * array afterwards. Meant for code that has just filled a fresh array.
     */
    public static RasterImage adopt(int width, int height, int channels, byte[] pixels) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Image size must be positive, got " + width + "x" + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("Images have 1 (gray) or 3 (RGB) channels, got " + channels);
        }
        long expected = (long) width * height * channels;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("A " + width + "x" + height + "x" + channels + " image needs "
                    + expected + " bytes, got " + pixels.length);
        }
        return new RasterImage(width, height, channels, pixels);
    }

    /** A blank (all zero) image. */
    public static RasterImage blank(int width, int height, int channels) {
        return adopt(width, height, channels, new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels)]);
    }

    /**
     * Copies a {@link BufferedImage} of type {@code TYPE_BYTE_GRAY} (1 channel) or any other type (3 channels,
     * through {@link BufferedImage#getRGB}, alpha ignored). Use the {@code ImageLoader} to read files: it also
     * handles alpha, 16-bit samples and EXIF orientation.
     */
    public static RasterImage fromBufferedImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            // Read the samples directly: getRGB would push them through a linear-gray colour space.
            byte[] gray = new byte[w * h];
            image.getRaster().getDataElements(0, 0, w, h, gray);
            return adopt(w, h, 1, gray);
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return adopt(w, h, 3, rgb);
    }

    /** A new {@code TYPE_BYTE_GRAY} or {@code TYPE_3BYTE_BGR} image with these pixels. */
    public BufferedImage toBufferedImage() {
        if (channels == 1) {
            BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            byte[] target = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
            System.arraycopy(pixels, 0, target, 0, pixels.length);
            return out;
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = out.getRaster();
        byte[] bgr = ((DataBufferByte) raster.getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i += 3) {
            bgr[i] = pixels[i + 2];
            bgr[i + 1] = pixels[i + 1];
            bgr[i + 2] = pixels[i];
        }
        return out;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** 1 for gray, 3 for RGB. */
    public int channels() {
        return channels;
    }

    /** Number of pixels ({@code width * height}). */
    public int pixelCount() {
        return width * height;
    }

    /** The sample of channel {@code c} at ({@code x}, {@code y}), 0..255. */
    public int sample(int x, int y, int c) {
        if (x < 0 || x >= width || y < 0 || y >= height || c < 0 || c >= channels) {
            throw new IndexOutOfBoundsException("(" + x + ", " + y + ", channel " + c + ") is outside a "
                    + width + "x" + height + "x" + channels + " image");
        }
        return pixels[(y * width + x) * channels + c] & 0xFF;
    }

    /** A copy of the interleaved pixels. */
    public byte[] toByteArray() {
        return pixels.clone();
    }

    /** A read-only view of the interleaved pixels (no copy). */
    public ByteBuffer pixelBuffer() {
        return ByteBuffer.wrap(pixels).asReadOnlyBuffer();
    }

    /** This image with 1 channel: itself if already gray, else the ITU-R BT.601 luma of each pixel. */
    public RasterImage toGray() {
        if (channels == 1) {
            return this;
        }
        byte[] gray = new byte[width * height];
        for (int i = 0; i < gray.length; i++) {
            int r = pixels[3 * i] & 0xFF;
            int g = pixels[3 * i + 1] & 0xFF;
            int b = pixels[3 * i + 2] & 0xFF;
            gray[i] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
        }
        return adopt(width, height, 1, gray);
    }

    /** This image with 3 channels: itself if already RGB, else the gray value copied into each channel. */
    public RasterImage toRgb() {
        if (channels == 3) {
            return this;
        }
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0; i < pixels.length; i++) {
            rgb[3 * i] = pixels[i];
            rgb[3 * i + 1] = pixels[i];
            rgb[3 * i + 2] = pixels[i];
        }
        return adopt(width, height, 3, rgb);
    }

    /** This image with the given number of channels (1 or 3). */
    public RasterImage withChannels(int wanted) {
        if (wanted == channels) {
            return this;
        }
        if (wanted == 1) {
            return toGray();
        }
        if (wanted == 3) {
            return toRgb();
        }
        throw new IllegalArgumentException("Images have 1 (gray) or 3 (RGB) channels, got " + wanted);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RasterImage that
                && width == that.width && height == that.height && channels == that.channels
                && Arrays.equals(pixels, that.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(width, height, channels) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "RasterImage[" + width + "x" + height + "x" + channels + "]";
    }
}
