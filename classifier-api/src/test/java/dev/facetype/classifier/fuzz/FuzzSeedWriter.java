package dev.facetype.classifier.fuzz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * Makes the fuzz targets' seed inputs in code (no file of unknown origin): small images in every format and
 * variant the loader handles, a few damaged ones, and a tiny model. Their outputs are committed under
 * {@code src/test/resources/dev/facetype/classifier/fuzz/*Inputs/}; the normal build replays them, a fuzzing
 * run starts from them. Regenerate them from the checkout's root with
 * {@code java -cp "$(cat classifier-api/target/test-classpath.txt)" dev.facetype.classifier.fuzz.FuzzSeedWriter}
 * after {@code ./mvnw -q -o -pl classifier-api dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt}
 * and a test compile (the file lists the dependencies; add {@code :classifier-api/target/test-classes:classifier-api/target/classes}).
 */
public final class FuzzSeedWriter {

    private FuzzSeedWriter() {
    }

    /** Writes every seed below {@code args[0]} (default: this module's test resources). */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "classifier-api/src/test/resources")
                .resolve("dev/facetype/classifier/fuzz");
        write(root.resolve("PhotoDecodingFuzzTestInputs/anyBytesDecodeOrFailWithAReason"), photoSeeds());
        byte[] model = ModelBytes.tinyClassifier();
        Map<String, byte[]> raw = new LinkedHashMap<>();
        raw.put("tiny-classifier.fty", model);
        raw.put("tiny-classifier-cut-in-header.fty", Arrays.copyOf(model, 60));
        write(root.resolve("ModelFileFuzzTestInputs/anyBytesReadOrFailWithAReason"), raw);
        Map<String, byte[]> body = Map.of("tiny-classifier.body", ModelBytes.bodyOf(model));
        write(root.resolve("ModelFileFuzzTestInputs/anyBodyWithValidChecksumsReadsOrFailsWithAReason"), body);
        write(root.resolve("ModelFileFuzzTestInputs/anyBodyWithValidChecksumsLoadsAsAClassifierOrFailsWithAReason"), body);
    }

    private static void write(Path dir, Map<String, byte[]> seeds) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            Files.write(dir.resolve(seed.getKey()), seed.getValue());
        }
    }

    /** One small picture (a light disc on a dark ground) in every format and variant. */
    static Map<String, byte[]> photoSeeds() {
        BufferedImage rgb = picture(BufferedImage.TYPE_INT_RGB);
        BufferedImage gray = picture(BufferedImage.TYPE_BYTE_GRAY);
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("rgb.png", encode(rgb, "png"));
        seeds.put("gray.png", encode(gray, "png"));
        seeds.put("gray-16bit.png", encode(sixteenBitGray(gray), "png"));
        seeds.put("palette-alpha.png", encode(paletteWithAlpha(), "png"));
        seeds.put("argb.png", encode(picture(BufferedImage.TYPE_INT_ARGB), "png"));
        seeds.put("orientation-6.png", pngWithExifOrientation(encode(rgb, "png"), 6));
        seeds.put("baseline.jpg", jpeg(rgb, false));
        seeds.put("progressive.jpg", jpeg(rgb, true));
        seeds.put("gray.jpg", jpeg(gray, false));
        seeds.put("orientation-8.jpg", insertSegment(jpeg(rgb, false), 0xE1, exifOrientation(8)));
        seeds.put("cmyk-adobe.jpg", cmykJpeg());
        seeds.put("truncated.jpg", Arrays.copyOf(jpeg(rgb, false), 200));
        seeds.put("one-frame.gif", encode(paletteWithAlpha(), "gif"));
        seeds.put("animated.gif", animatedGif());
        seeds.put("rgb.bmp", encode(rgb, "bmp"));
        seeds.put("rgb.tif", encode(rgb, "tiff"));
        seeds.put("gray.pgm", netpbm(gray, false));
        seeds.put("rgb.ppm", netpbm(rgb, true));
        seeds.put("bomb-100000x100000.png", pngHeaderOnly(100_000, 100_000));
        seeds.put("webp-header.webp", "RIFF\u0024\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1));
        seeds.put("text.txt", "not a photo\n".getBytes(StandardCharsets.UTF_8));
        return seeds;
    }

    private static BufferedImage picture(int type) {
        BufferedImage image = new BufferedImage(24, 16, type);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(40, 60, 90, 255));
        g.fillRect(0, 0, 24, 16);
        g.setColor(new Color(230, 190, 160, 200));
        g.fillOval(6, 2, 12, 12);
        g.dispose();
        return image;
    }

    private static BufferedImage sixteenBitGray(BufferedImage gray) {
        BufferedImage out = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster raster = out.getRaster();
        for (int y = 0; y < gray.getHeight(); y++) {
            for (int x = 0; x < gray.getWidth(); x++) {
                raster.setSample(x, y, 0, gray.getRaster().getSample(x, y, 0) * 257);
            }
        }
        return out;
    }

    private static BufferedImage paletteWithAlpha() {
        byte[] r = {0, (byte) 230, 40};
        byte[] g = {0, (byte) 190, 60};
        byte[] b = {0, (byte) 160, 90};
        byte[] a = {0, (byte) 255, (byte) 255};
        BufferedImage image = new BufferedImage(24, 16, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(2, 3, r, g, b, a));
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 24; x++) {
                image.getRaster().setSample(x, y, 0, x < 3 ? 0 : (x - 12) * (x - 12) + (y - 8) * (y - 8) < 36 ? 1 : 2);
            }
        }
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] jpeg(Object imageOrRaster, boolean progressive) {
        ImageWriter writer = jdkWriter("jpeg");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
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

    private static ImageWriter jdkWriter(String format) {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format); it.hasNext(); ) {
            ImageWriter writer = it.next();
            if (writer.getClass().getName().startsWith("com.sun.")) {
                return writer;
            }
        }
        throw new IllegalStateException("the JDK's " + format + " writer is missing");
    }

    /** An Adobe CMYK JPEG as Photoshop writes it: four inverted channels and an APP14 "Adobe" segment. */
    static byte[] cmykJpeg() {
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 24, 16, 4, null);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 24; x++) {
                cmyk.setPixel(x, y, new int[] {255 - x * 10, 255 - y * 15, 200, 255 - (x + y) * 5});
            }
        }
        byte[] adobe = {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        return insertSegment(jpeg(cmyk, false), 0xEE, adobe);
    }

    /** {@code jpeg} with an APP{@code n} segment holding {@code payload} right after the start marker. */
    static byte[] insertSegment(byte[] jpeg, int marker, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + payload.length);
        out.put(jpeg, 0, 2);
        out.put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2)).put(payload);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** An EXIF APP1 payload whose IFD0 holds only the Orientation tag (1..8). */
    static byte[] exifOrientation(int orientation) {
        ByteBuffer b = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) 1);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0);
        return b.array();
    }

    /** {@code png} with an eXIf chunk after IHDR. */
    static byte[] pngWithExifOrientation(byte[] png, int orientation) {
        byte[] exif = exifOrientation(orientation);
        return insertPngChunk(png, "eXIf", Arrays.copyOfRange(exif, 6, exif.length));
    }

    private static byte[] insertPngChunk(byte[] png, String type, byte[] data) {
        int afterIhdr = 8 + 4 + 4 + 13 + 4;
        ByteBuffer out = ByteBuffer.allocate(png.length + 12 + data.length);
        out.put(png, 0, afterIhdr);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.putInt(data.length).put(name).put(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.putInt((int) crc.getValue());
        out.put(png, afterIhdr, png.length - afterIhdr);
        return out.array();
    }

    /** The signature and IHDR chunk of a PNG declaring {@code width x height} 8-bit RGB pixels, and nothing else. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update("IHDR".getBytes(StandardCharsets.US_ASCII));
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 25).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})
                .putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).put(ihdr.array()).putInt((int) crc.getValue())
                .array();
    }

    /** Binary PGM (P5) or PPM (P6). */
    static byte[] netpbm(BufferedImage image, boolean colour) {
        int w = image.getWidth();
        int h = image.getHeight();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(((colour ? "P6" : "P5") + "\n# facetype seed\n" + w + " " + h + "\n255\n").getBytes(StandardCharsets.US_ASCII));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                if (colour) {
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

    /** Two frames with a delay: the loader must take the first. */
    static byte[] animatedGif() {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            for (int frame = 0; frame < 2; frame++) {
                BufferedImage image = paletteWithAlpha();
                if (frame == 1) {
                    image.getRaster().setSample(0, 0, 0, 1);
                }
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
                String format = metadata.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
                IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
                control.setAttribute("disposalMethod", "none");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("delayTime", "50");
                control.setAttribute("transparentColorIndex", "0");
                root.appendChild(control);
                metadata.setFromTree(format, root);
                writer.writeToSequence(new IIOImage(image, null, metadata), param);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
