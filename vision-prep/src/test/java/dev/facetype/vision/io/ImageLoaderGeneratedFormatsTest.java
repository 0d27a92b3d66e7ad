package dev.facetype.vision.io;

import dev.facetype.testing.EncodedImages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.TestImages;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

/** Formats and pixel layouts built in the test: each must come out as 8-bit RGB or gray with the right values. */
class ImageLoaderGeneratedFormatsTest {

    private final ImageLoader rgb = new ImageLoader();
    private final ImageLoader gray = new ImageLoader(LoadOptions.defaults().withColorMode(ColorMode.GRAY));

    /** Java's gray colour space is linear; a naive conversion turns 128 into 188. */
    @Test
    void grayPngKeepsItsSampleValues() throws Exception {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 128, 255});
        RasterImage loaded = gray.load(EncodedImages.encode(image, "png"), "gray.png");
        assertEquals(1, loaded.channels());
        assertEquals(0, loaded.sample(0, 0, 0));
        assertEquals(128, loaded.sample(1, 0, 0));
        assertEquals(255, loaded.sample(2, 0, 0));
        RasterImage asRgb = rgb.load(EncodedImages.encode(image, "png"), "gray.png");
        assertEquals(128, asRgb.sample(1, 0, 0));
        assertEquals(128, asRgb.sample(1, 0, 2));
    }

    @Test
    void sixteenBitGrayPngIsScaledToEightBits() throws Exception {
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        int[] values = {0, 257 * 100, 32896, 65535};
        image.getRaster().setSamples(0, 0, 4, 1, 0, values);
        RasterImage loaded = gray.load(EncodedImages.encode(image, "png"), "gray16.png");
        assertEquals(0, loaded.sample(0, 0, 0));
        assertEquals(100, loaded.sample(1, 0, 0));
        assertEquals(128, loaded.sample(2, 0, 0));
        assertEquals(255, loaded.sample(3, 0, 0));
    }

    @Test
    void sixteenBitRgbPngIsScaledToEightBits() throws Exception {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {16, 16, 16}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {65535, 0, 257 * 50});
        raster.setPixel(1, 0, new int[] {257 * 200, 257 * 10, 65535});
        BufferedImage image = new BufferedImage(model, raster, false, null);
        RasterImage loaded = rgb.load(EncodedImages.encode(image, "png"), "rgb16.png");
        assertPixel(loaded, 0, 0, 255, 0, 50, 0);
        assertPixel(loaded, 1, 0, 200, 10, 255, 0);
    }

    /** Palette with a fully transparent and a half transparent entry, composited onto white. */
    @Test
    void palettePngWithAlphaIsCompositedOntoTheBackground() throws Exception {
        byte[] r = {(byte) 255, 0, 0};
        byte[] g = {0, 0, 0};
        byte[] b = {0, 0, (byte) 255};
        byte[] a = {(byte) 255, 0, (byte) 128};
        IndexColorModel palette = new IndexColorModel(8, 3, r, g, b, a);
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        image.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 1, 2});
        byte[] png = EncodedImages.encode(image, "png");
        RasterImage onWhite = rgb.load(png, "palette.png");
        assertPixel(onWhite, 0, 0, 255, 0, 0, 0);
        assertPixel(onWhite, 1, 0, 255, 255, 255, 0);
        assertPixel(onWhite, 2, 0, 127, 127, 255, 1);
        RasterImage onBlack = new ImageLoader(LoadOptions.defaults().withBackground(0x000000)).load(png, "palette.png");
        assertPixel(onBlack, 1, 0, 0, 0, 0, 0);
        assertPixel(onBlack, 2, 0, 0, 0, 128, 1);
    }

    @Test
    void rgbaPngIsCompositedOntoTheBackground() throws Exception {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x00FF0000); // transparent red
        image.setRGB(1, 0, 0x8000FF00); // half green
        RasterImage loaded = rgb.load(EncodedImages.encode(image, "png"), "rgba.png");
        assertPixel(loaded, 0, 0, 255, 255, 255, 0);
        assertPixel(loaded, 1, 0, 127, 255, 127, 1);
    }

    @Test
    void grayWithAlphaPngIsCompositedOntoTheBackground() throws Exception {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
                new int[] {8, 8}, true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {0, 255});
        raster.setPixel(1, 0, new int[] {0, 0});
        RasterImage loaded = gray.load(EncodedImages.encode(new BufferedImage(model, raster, false, null), "png"), "ga.png");
        assertEquals(0, loaded.sample(0, 0, 0));
        assertEquals(255, loaded.sample(1, 0, 0), "fully transparent black shows the white background");
    }

    @Test
    void bmpAndGifAndProgressiveJpegAreRead() throws Exception {
        RasterImage patches = patches();
        RasterImage bmp = rgb.load(EncodedImages.encode(patches.toBufferedImage(), "bmp"), "patches.bmp");
        assertEquals(patches, bmp, "BMP is lossless");
        RasterImage gif = rgb.load(EncodedImages.encode(patches.toBufferedImage(), "gif"), "patches.gif");
        assertPatches(gif, 2);
        RasterImage progressive = rgb.load(EncodedImages.jpeg(patches.toBufferedImage(), 0.95f, true), "progressive.jpg");
        assertPatches(progressive, 8);
        RasterImage grayJpeg = gray.load(EncodedImages.jpeg(patches.toGray().toBufferedImage(), 0.95f, false), "gray.jpg");
        assertEquals(1, grayJpeg.channels());
        assertEquals(patches.toGray().sample(8, 8, 0), grayJpeg.sample(8, 8, 0), 4);
    }

    /**
     * An Adobe CMYK JPEG (inverted samples, transform 0) and a YCCK one (transform 2), as Photoshop writes
     * them. (The JDK's own reader was measured 40-60 levels off on the YCCK gray and mixed patches.)
     */
    @Test
    void cmykAndYcckJpegsComeOutInTheRightColours() throws Exception {
        int[][] cmyk = {{0, 255, 255, 0}, {255, 255, 0, 0}, {0, 0, 0, 128}, {0, 100, 200, 30}};
        int[][] expectedRgb = new int[cmyk.length][];
        for (int i = 0; i < cmyk.length; i++) {
            double k = 1 - cmyk[i][3] / 255.0;
            expectedRgb[i] = new int[] {(int) Math.round((255 - cmyk[i][0]) * k),
                    (int) Math.round((255 - cmyk[i][1]) * k), (int) Math.round((255 - cmyk[i][2]) * k)};
        }
        WritableRaster adobeCmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 64, 16, 4, null);
        WritableRaster ycck = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 64, 16, 4, null);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 64; x++) {
                int[] c = cmyk[x / 16];
                adobeCmyk.setPixel(x, y, new int[] {255 - c[0], 255 - c[1], 255 - c[2], 255 - c[3]});
                // YCCK: the C, M, Y samples go through the JPEG RGB->YCbCr transform; K is stored inverted.
                double luma = 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
                double cb = 128 - 0.168736 * c[0] - 0.331264 * c[1] + 0.5 * c[2];
                double cr = 128 + 0.5 * c[0] - 0.418688 * c[1] - 0.081312 * c[2];
                ycck.setPixel(x, y, new int[] {clip(luma), clip(cb), clip(cr), 255 - c[3]});
            }
        }
        byte[] cmykJpeg = EncodedImages.insertJpegSegment(EncodedImages.jpeg(adobeCmyk, 0.95f, false), 0xEE, EncodedImages.adobePayload(0));
        byte[] ycckJpeg = EncodedImages.insertJpegSegment(EncodedImages.jpeg(ycck, 0.95f, false), 0xEE, EncodedImages.adobePayload(2));
        for (byte[] file : new byte[][] {cmykJpeg, ycckJpeg}) {
            RasterImage loaded = rgb.load(file, "cmyk.jpg");
            assertEquals(3, loaded.channels());
            for (int i = 0; i < cmyk.length; i++) {
                int x = i * 16 + 8;
                assertPixel(loaded, x, 8, expectedRgb[i][0], expectedRgb[i][1], expectedRgb[i][2], 6);
            }
        }
    }

    /** Four 16x16 patches: red, green, blue, gray. */
    private static RasterImage patches() {
        int[][] colours = {{220, 30, 30}, {30, 200, 40}, {20, 40, 210}, {128, 128, 128}};
        byte[] pixels = new byte[64 * 16 * 3];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 64; x++) {
                int[] c = colours[x / 16];
                for (int ch = 0; ch < 3; ch++) {
                    pixels[(y * 64 + x) * 3 + ch] = (byte) c[ch];
                }
            }
        }
        return RasterImage.of(64, 16, 3, pixels);
    }

    private static void assertPatches(RasterImage image, int tolerance) {
        RasterImage expected = patches();
        for (int i = 0; i < 4; i++) {
            int x = i * 16 + 8;
            assertPixel(image, x, 8, expected.sample(x, 8, 0), expected.sample(x, 8, 1), expected.sample(x, 8, 2),
                    tolerance);
        }
    }

    private static void assertPixel(RasterImage image, int x, int y, int r, int g, int b, int tolerance) {
        String where = "pixel (" + x + ", " + y + ") = (" + image.sample(x, y, 0) + ", " + image.sample(x, y, 1) + ", "
                + image.sample(x, y, 2) + "), expected (" + r + ", " + g + ", " + b + ")";
        assertTrue(Math.abs(image.sample(x, y, 0) - r) <= tolerance, where);
        assertTrue(Math.abs(image.sample(x, y, 1) - g) <= tolerance, where);
        assertTrue(Math.abs(image.sample(x, y, 2) - b) <= tolerance, where);
    }

    private static int clip(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
