package dev.facetype.classifier.fuzz;

import static dev.facetype.testing.EncodedImages.encode;
import static dev.facetype.testing.EncodedImages.jpeg;

import dev.facetype.testing.EncodedImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        seeds.put("gray-16bit.png", encode(EncodedImages.sixteenBitGray(gray), "png"));
        seeds.put("palette-alpha.png", encode(paletteWithAlpha(), "png"));
        seeds.put("argb.png", encode(picture(BufferedImage.TYPE_INT_ARGB), "png"));
        seeds.put("orientation-6.png", EncodedImages.pngWithExifOrientation(encode(rgb, "png"), 6));
        seeds.put("baseline.jpg", jpeg(rgb));
        seeds.put("progressive.jpg", jpeg(rgb, 0.75f, true));
        seeds.put("gray.jpg", jpeg(gray));
        seeds.put("orientation-8.jpg", EncodedImages.jpegWithExifOrientation(jpeg(rgb), 8));
        seeds.put("cmyk-adobe.jpg", cmykJpeg());
        seeds.put("truncated.jpg", Arrays.copyOf(jpeg(rgb), 200));
        seeds.put("one-frame.gif", encode(paletteWithAlpha(), "gif"));
        seeds.put("animated.gif", animatedGif());
        seeds.put("rgb.bmp", encode(rgb, "bmp"));
        seeds.put("rgb.tif", encode(rgb, "tiff"));
        seeds.put("gray.pgm", EncodedImages.netpbm(gray, false));
        seeds.put("rgb.ppm", EncodedImages.netpbm(rgb, true));
        seeds.put("bomb-100000x100000.png", EncodedImages.pngHeaderOnly(100_000, 100_000));
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

    /** An Adobe CMYK JPEG as Photoshop writes it: four inverted channels and an APP14 "Adobe" segment. */
    static byte[] cmykJpeg() {
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 24, 16, 4, null);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 24; x++) {
                cmyk.setPixel(x, y, new int[] {255 - x * 10, 255 - y * 15, 200, 255 - (x + y) * 5});
            }
        }
        return EncodedImages.cmykJpeg(cmyk, 0.75f);
    }

    /** Two frames, the second with one pixel changed: the loader must take the first. */
    static byte[] animatedGif() {
        BufferedImage second = paletteWithAlpha();
        second.getRaster().setSample(0, 0, 0, 1);
        return EncodedImages.animatedGif(List.of(paletteWithAlpha(), second));
    }
}
