package dev.facetype.testing;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes, in memory, the image files users really have, including the odd ones a decoder must cope with
 * (CMYK JPEGs, EXIF orientation in JPEG and PNG, 16-bit PNGs, animated GIFs, netpbm, a PNG that only declares
 * its size), so that tests build their inputs in code and no binary fixture of unknown origin is committed.
 * Every encoder is the JDK's own; the rest is a few bytes placed by hand after the formats' specifications.
 */
public final class EncodedImages {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** Signature, IHDR's length and type, its 13 data bytes and its CRC. */
    private static final int PNG_AFTER_IHDR = 8 + 4 + 4 + 13 + 4;

    private EncodedImages() {
    }

    /** Encodes with the JDK's writer for {@code format} ("png", "bmp", "gif", "tiff"). */
    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format + " and " + image);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG of {@code image} with the JDK writer's default settings (quality 0.75, baseline). */
    public static byte[] jpeg(BufferedImage image) {
        return write(new IIOImage(image, null, null), null, false);
    }

    /** A JPEG of an image at the given quality, baseline or progressive. */
    public static byte[] jpeg(BufferedImage image, float quality, boolean progressive) {
        return write(new IIOImage(image, null, null), quality, progressive);
    }

    /**
     * A JPEG of a raw raster, its channels stored as they are (no colour conversion): how four-channel CMYK
     * files are made.
     */
    public static byte[] jpeg(Raster raster, float quality, boolean progressive) {
        return write(new IIOImage(raster, null, null), quality, progressive);
    }

    private static byte[] write(IIOImage image, Float quality, boolean progressive) {
        ImageWriter writer = jdkWriter("jpeg");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (quality != null) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The JDK's own writer, not one a library on the class path may have registered before it. */
    private static ImageWriter jdkWriter(String format) {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format); it.hasNext(); ) {
            ImageWriter writer = it.next();
            if (writer.getClass().getName().startsWith("com.sun.")) {
                return writer;
            }
        }
        throw new IllegalStateException("the JDK's " + format + " writer is missing");
    }

    /**
     * An Adobe CMYK JPEG as Photoshop writes it: the four channels of {@code invertedCmyk} (255 means no ink)
     * stored unconverted, and an APP14 "Adobe" segment with colour transform 0.
     */
    public static byte[] cmykJpeg(Raster invertedCmyk, float quality) {
        if (invertedCmyk.getNumBands() != 4) {
            throw new IllegalArgumentException("a CMYK raster has 4 bands, not " + invertedCmyk.getNumBands());
        }
        return insertJpegSegment(jpeg(invertedCmyk, quality, false), 0xEE, adobePayload(0));
    }

    /** The Adobe APP14 payload: version 100, no flags, the given colour transform (0 CMYK, 2 YCCK). */
    public static byte[] adobePayload(int transform) {
        return new byte[] {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
    }

    /** {@code jpeg} with an APP{@code n} segment holding {@code payload} inserted right after the start marker. */
    public static byte[] insertJpegSegment(byte[] jpeg, int marker, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + payload.length);
        out.put(jpeg, 0, 2);
        out.put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2)).put(payload);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** An EXIF APP1 payload ("Exif\0\0", then a little-endian TIFF) whose IFD0 holds only the Orientation tag. */
    public static byte[] exifOrientationPayload(int orientation) {
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientations are 1 to 8, not " + orientation);
        }
        ByteBuffer b = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8); // TIFF header, IFD0 at offset 8
        b.putShort((short) 1); // one entry
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0); // no next IFD
        return b.array();
    }

    /** {@code jpeg} carrying EXIF orientation {@code orientation} in an APP1 segment. */
    public static byte[] jpegWithExifOrientation(byte[] jpeg, int orientation) {
        return insertJpegSegment(jpeg, 0xE1, exifOrientationPayload(orientation));
    }

    /** {@code png} with an eXIf chunk (the EXIF payload without its "Exif\0\0" prefix) right after IHDR. */
    public static byte[] pngWithExifOrientation(byte[] png, int orientation) {
        byte[] exif = exifOrientationPayload(orientation);
        return insertPngChunk(png, "eXIf", Arrays.copyOfRange(exif, 6, exif.length));
    }

    private static byte[] insertPngChunk(byte[] png, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        return ByteBuffer.allocate(png.length + 12 + data.length)
                .put(png, 0, PNG_AFTER_IHDR)
                .putInt(data.length).put(name).put(data).putInt((int) crc.getValue())
                .put(png, PNG_AFTER_IHDR, png.length - PNG_AFTER_IHDR)
                .array();
    }

    /**
     * The signature and IHDR chunk of a PNG declaring {@code width x height} 8-bit RGB pixels, and nothing
     * else: a decompression bomb's header, which a loader must refuse before allocating anything.
     */
    public static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        byte[] type = "IHDR".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(ihdr.array());
        return ByteBuffer.allocate(PNG_AFTER_IHDR).put(PNG_SIGNATURE)
                .putInt(13).put(type).put(ihdr.array()).putInt((int) crc.getValue())
                .array();
    }

    /** Binary PGM (P5, the image's first band) or PPM (P6, its RGB colours). */
    public static byte[] netpbm(BufferedImage image, boolean colour) {
        int w = image.getWidth();
        int h = image.getHeight();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(((colour ? "P6" : "P5") + "\n# facetype seed\n" + w + " " + h + "\n255\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (colour) {
                    int rgb = image.getRGB(x, y);
                    out.write(rgb >> 16 & 0xFF);
                    out.write(rgb >> 8 & 0xFF);
                    out.write(rgb & 0xFF);
                } else {
                    out.write(image.getRaster().getSample(x, y, 0));
                }
            }
        }
        return out.toByteArray();
    }

    /** A GIF showing {@code frames} in turn, half a second each; loaders must take the first. */
    public static byte[] animatedGif(List<BufferedImage> frames) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
                String format = metadata.getNativeMetadataFormatName();
                IIOMetadataNode tree = (IIOMetadataNode) metadata.getAsTree(format);
                IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
                control.setAttribute("disposalMethod", "none");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("delayTime", "50");
                control.setAttribute("transparentColorIndex", "0");
                tree.appendChild(control);
                metadata.setFromTree(format, tree);
                writer.writeToSequence(new IIOImage(frame, null, metadata), param);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** {@code image}'s first band widened to 16 bits (v * 257, so 255 becomes 65535). */
    public static BufferedImage sixteenBitGray(BufferedImage eightBitGray) {
        BufferedImage out = new BufferedImage(eightBitGray.getWidth(), eightBitGray.getHeight(), BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster raster = out.getRaster();
        Raster source = eightBitGray.getRaster();
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                raster.setSample(x, y, 0, source.getSample(x, y, 0) * 257);
            }
        }
        return out;
    }

    /** A copy of {@code image} as plain 8-bit RGB (what the JPEG and BMP writers take without surprises). */
    public static BufferedImage rgbCopy(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }
}
