package dev.facetype.vision;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

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

    /** Encodes with the JDK's writer for {@code format} ("png", "bmp", "gif"). */
    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format + " and " + image);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG (the JDK's writer) of an image or a raw raster, at the given quality. */
    public static byte[] jpeg(Object imageOrRaster, float quality, boolean progressive) {
        ImageWriter writer = jdkJpegWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            IIOImage image = imageOrRaster instanceof Raster raster ? new IIOImage(raster, null, null)
                    : new IIOImage((BufferedImage) imageOrRaster, null, null);
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static ImageWriter jdkJpegWriter() {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
            ImageWriter writer = it.next();
            if (writer.getClass().getName().startsWith("com.sun.")) {
                return writer;
            }
        }
        throw new IllegalStateException("The JDK's JPEG writer is missing");
    }

    /** {@code jpeg} with an APP{@code n} segment holding {@code payload} inserted right after SOI. */
    public static byte[] insertSegment(byte[] jpeg, int marker, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + payload.length);
        out.put(jpeg, 0, 2);
        out.put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2)).put(payload);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** An EXIF APP1 payload (little-endian TIFF) whose IFD0 holds only the Orientation tag. */
    public static byte[] exifOrientationPayload(int orientation) {
        ByteBuffer b = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8); // TIFF header, IFD0 at offset 8
        b.putShort((short) 1); // one entry
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0); // no next IFD
        return b.array();
    }

    /** A JPEG of {@code stored} carrying EXIF orientation {@code orientation}. */
    public static byte[] jpegWithOrientation(RasterImage stored, int orientation) {
        return insertSegment(jpeg(stored.toBufferedImage(), 0.95f, false), 0xE1, exifOrientationPayload(orientation));
    }

    /** {@code png} with an eXIf chunk (the EXIF payload without its "Exif\0\0" prefix) inserted after IHDR. */
    public static byte[] pngWithOrientation(RasterImage stored, int orientation) {
        byte[] png = encode(stored.toBufferedImage(), "png");
        byte[] exif = exifOrientationPayload(orientation);
        byte[] tiff = java.util.Arrays.copyOfRange(exif, 6, exif.length);
        int afterIhdr = 8 + 4 + 4 + 13 + 4; // signature, IHDR length, type, data, CRC
        ByteBuffer out = ByteBuffer.allocate(png.length + 12 + tiff.length);
        out.put(png, 0, afterIhdr);
        out.putInt(tiff.length).put(new byte[] {'e', 'X', 'I', 'f'}).put(tiff);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(new byte[] {'e', 'X', 'I', 'f'});
        crc.update(tiff);
        out.putInt((int) crc.getValue());
        out.put(png, afterIhdr, png.length - afterIhdr);
        return out.array();
    }

    /** The Adobe APP14 payload: version 100, no flags, the given colour transform (0 CMYK, 2 YCCK). */
    public static byte[] adobePayload(int transform) {
        return new byte[] {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
    }
}
