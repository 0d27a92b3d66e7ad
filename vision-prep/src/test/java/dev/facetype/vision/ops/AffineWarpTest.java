package dev.facetype.vision.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.TestImages;
import org.junit.jupiter.api.Test;

class AffineWarpTest {

    @Test
    void identityMapCopiesThePixels() {
        RasterImage image = TestImages.random(17, 11, 3, 0, 255, 3);
        assertEquals(image, AffineWarp.warp(image, 17, 11, 1, 0, 0, 0, 1, 0));
    }

    /**
     * At a quarter turn the output's x axis runs down the source and its y axis from right to left: the
     * source's right column becomes the output's first row.
     */
    @Test
    void quarterTurnOfASquare() {
        RasterImage image = RasterImage.of(2, 2, 1, new byte[] {10, 20, 30, 40});
        RasterImage turned = AffineWarp.rotatedSquare(image, 1, 1, 2, Math.PI / 2, 2);
        assertEquals(20, turned.sample(0, 0, 0));
        assertEquals(40, turned.sample(1, 0, 0));
        assertEquals(10, turned.sample(0, 1, 0));
        assertEquals(30, turned.sample(1, 1, 0));
    }

    @Test
    void bordersAreRepeatedNotBlack() {
        RasterImage image = TestImages.solid(8, 8, 200, 100, 50);
        RasterImage shifted = AffineWarp.warp(image, 8, 8, 1, 0, -20, 0, 1, -20);
        assertEquals(image, shifted);
    }
}
