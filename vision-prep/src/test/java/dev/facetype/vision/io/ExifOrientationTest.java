package dev.facetype.vision.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.TestImages;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For each EXIF orientation, a JPEG is written whose stored pixels are what a camera held that way would
 * store, following the specification's wording ("row 0 at the right, column 0 at the top"...). Loading it
 * must give back the upright picture.
 */
class ExifOrientationTest {

    /** Upright picture: 96 wide, 64 high, quadrants red (top-left), green (top-right), blue, white. */
    private static final int WIDTH = 96;
    private static final int HEIGHT = 64;
    private static final int[][] QUADRANT_COLOURS = {{230, 20, 20}, {20, 200, 20}, {20, 20, 230}, {240, 240, 240}};

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void loadedPhotoIsUpright(int orientation) throws Exception {
        RasterImage stored = storedAsCameraWould(upright(), orientation);
        RasterImage loaded = new ImageLoader().load(TestImages.jpegWithOrientation(stored, orientation),
                "orientation-" + orientation + ".jpg");
        assertEquals(WIDTH, loaded.width(), "width after orientation " + orientation);
        assertEquals(HEIGHT, loaded.height(), "height after orientation " + orientation);
        assertQuadrant(loaded, 0, 0, QUADRANT_COLOURS[0], orientation);
        assertQuadrant(loaded, 1, 0, QUADRANT_COLOURS[1], orientation);
        assertQuadrant(loaded, 0, 1, QUADRANT_COLOURS[2], orientation);
        assertQuadrant(loaded, 1, 1, QUADRANT_COLOURS[3], orientation);
    }

    /** PNG keeps EXIF in an eXIf chunk; screenshots and converted phone photos carry it there. */
    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {3, 6, 8})
    void pngWithExifChunkIsUprightToo(int orientation) throws Exception {
        RasterImage upright = upright();
        RasterImage stored = storedAsCameraWould(upright, orientation);
        RasterImage loaded = new ImageLoader().load(TestImages.pngWithOrientation(stored, orientation), "exif.png");
        assertEquals(upright, loaded, "PNG is lossless: the upright picture exactly");
    }

    /** Exact pixel check without JPEG loss: a 3x2 image with a distinct value in every pixel. */
    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void applyMovesEveryPixelWhereTheSpecificationSays(int orientation) {
        RasterImage upright = RasterImage.of(3, 2, 1, new byte[] {1, 2, 3, 4, 5, 6});
        RasterImage stored = storedAsCameraWould(upright, orientation);
        assertEquals(upright, ExifOrientation.fromTagValue(orientation).apply(stored));
    }

    /** An independent check of the table: orientation 6 is what Java2D draws as a clockwise quarter turn. */
    @org.junit.jupiter.api.Test
    void orientationSixIsTheClockwiseQuarterTurnJava2dDraws() {
        RasterImage stored = TestImages.random(5, 3, 3, 0, 255, 6);
        BufferedImage turned = new BufferedImage(stored.height(), stored.width(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = turned.createGraphics();
        g.translate(stored.height(), 0);
        g.rotate(Math.PI / 2);
        g.drawImage(stored.toBufferedImage(), 0, 0, null);
        g.dispose();
        assertEquals(RasterImage.fromBufferedImage(turned), ExifOrientation.ROTATE_90_CLOCKWISE.apply(stored));
    }

    private static RasterImage upright() {
        byte[] pixels = new byte[WIDTH * HEIGHT * 3];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int[] c = QUADRANT_COLOURS[(y < HEIGHT / 2 ? 0 : 2) + (x < WIDTH / 2 ? 0 : 1)];
                for (int ch = 0; ch < 3; ch++) {
                    pixels[(y * WIDTH + x) * 3 + ch] = (byte) c[ch];
                }
            }
        }
        return RasterImage.of(WIDTH, HEIGHT, 3, pixels);
    }

    /**
     * The stored image for an upright picture, written from the EXIF table: for each orientation, where the
     * stored row 0 and column 0 lie in the upright picture.
     */
    static RasterImage storedAsCameraWould(RasterImage upright, int orientation) {
        int uw = upright.width();
        int uh = upright.height();
        boolean swapped = orientation >= 5;
        int sw = swapped ? uh : uw;
        int sh = swapped ? uw : uh;
        int c = upright.channels();
        byte[] out = new byte[sw * sh * c];
        for (int sy = 0; sy < sh; sy++) {
            for (int sx = 0; sx < sw; sx++) {
                int ux;
                int uy;
                switch (orientation) {
                    case 1 -> { ux = sx; uy = sy; }                   // row 0 top, column 0 left
                    case 2 -> { ux = uw - 1 - sx; uy = sy; }          // row 0 top, column 0 right
                    case 3 -> { ux = uw - 1 - sx; uy = uh - 1 - sy; } // row 0 bottom, column 0 right
                    case 4 -> { ux = sx; uy = uh - 1 - sy; }          // row 0 bottom, column 0 left
                    case 5 -> { ux = sy; uy = sx; }                   // row 0 left, column 0 top
                    case 6 -> { ux = uw - 1 - sy; uy = sx; }          // row 0 right, column 0 top
                    case 7 -> { ux = uw - 1 - sy; uy = uh - 1 - sx; } // row 0 right, column 0 bottom
                    case 8 -> { ux = sy; uy = uh - 1 - sx; }          // row 0 left, column 0 bottom
                    default -> throw new IllegalArgumentException("orientation " + orientation);
                }
                for (int ch = 0; ch < c; ch++) {
                    out[(sy * sw + sx) * c + ch] = (byte) upright.sample(ux, uy, ch);
                }
            }
        }
        return RasterImage.of(sw, sh, c, out);
    }

    private static void assertQuadrant(RasterImage image, int qx, int qy, int[] colour, int orientation) {
        int x = qx * WIDTH / 2 + WIDTH / 4;
        int y = qy * HEIGHT / 2 + HEIGHT / 4;
        for (int ch = 0; ch < 3; ch++) {
            int actual = image.sample(x, y, ch);
            assertTrue(Math.abs(actual - colour[ch]) <= 8, "orientation " + orientation + ": quadrant (" + qx + ", "
                    + qy + ") channel " + ch + " is " + actual + ", expected " + colour[ch]);
        }
    }
}
