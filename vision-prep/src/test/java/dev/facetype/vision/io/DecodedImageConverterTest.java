package dev.facetype.vision.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.vision.RasterImage;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The row copy for 8-bit sRGB pictures gives exactly the bytes of the per-pixel {@code getRGB} conversion, for
 * every sample order a decoder may return; other pictures still go through the colour model.
 */
class DecodedImageConverterTest {

    @Test
    void bgrPicturesAsJpegReadersReturnThemGiveTheirColoursUnchanged() {
        BufferedImage image = randomPixels(new BufferedImage(37, 23, BufferedImage.TYPE_3BYTE_BGR));
        assertTrue(DecodedImageConverter.isPlainSrgbBytes(image));
        assertArrayEquals(throughGetRgb(image), converted(image));
    }

    @Test
    void rgbOrderedBytesAsPngReadersReturnThemGiveTheirColoursUnchanged() {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {8, 8, 8}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        // Samples stored R, G, B with 2 bytes of padding after each row.
        WritableRaster raster = Raster.createWritableRaster(new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE,
                19, 11, 3, 19 * 3 + 2, new int[] {0, 1, 2}), null);
        BufferedImage image = randomPixels(new BufferedImage(model, raster, false, null));
        assertTrue(DecodedImageConverter.isPlainSrgbBytes(image));
        assertArrayEquals(throughGetRgb(image), converted(image));
    }

    @Test
    void aPartOfALargerPictureGivesItsOwnPixels() {
        BufferedImage whole = randomPixels(new BufferedImage(40, 30, BufferedImage.TYPE_3BYTE_BGR));
        BufferedImage part = whole.getSubimage(7, 5, 20, 16);
        assertArrayEquals(throughGetRgb(part), converted(part));
    }

    @Test
    void otherLayoutsStillGoThroughTheColourModel() {
        ComponentColorModel linearModel = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB),
                new int[] {8, 8, 8}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        BufferedImage linear = randomPixels(new BufferedImage(linearModel,
                linearModel.createCompatibleWritableRaster(9, 7), false, null));
        assertFalse(DecodedImageConverter.isPlainSrgbBytes(linear));
        assertArrayEquals(throughGetRgb(linear), converted(linear), "linear RGB is converted to sRGB as before");
        BufferedImage withAlpha = randomPixels(new BufferedImage(9, 7, BufferedImage.TYPE_4BYTE_ABGR));
        assertFalse(DecodedImageConverter.isPlainSrgbBytes(withAlpha));
        BufferedImage ints = randomPixels(new BufferedImage(9, 7, BufferedImage.TYPE_INT_RGB));
        assertFalse(DecodedImageConverter.isPlainSrgbBytes(ints));
        assertArrayEquals(throughGetRgb(ints), converted(ints));
    }

    private static byte[] converted(BufferedImage image) {
        RasterImage converted = DecodedImageConverter.convert(image, ColorMode.RGB, 0xFFFFFF);
        assertEquals(image.getWidth(), converted.width());
        assertEquals(image.getHeight(), converted.height());
        assertEquals(3, converted.channels());
        return converted.toByteArray();
    }

    /** The reference: every pixel through {@code getRGB}, as the converter does for any other picture. */
    private static byte[] throughGetRgb(BufferedImage image) {
        int w = image.getWidth();
        byte[] out = new byte[w * image.getHeight() * 3];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                out[(y * w + x) * 3] = (byte) (argb >> 16);
                out[(y * w + x) * 3 + 1] = (byte) (argb >> 8);
                out[(y * w + x) * 3 + 2] = (byte) argb;
            }
        }
        return out;
    }

    private static BufferedImage randomPixels(BufferedImage image) {
        Random random = new Random(7);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                for (int band = 0; band < raster.getNumBands(); band++) {
                    raster.setSample(x, y, band, random.nextInt(256));
                }
            }
        }
        return image;
    }
}
