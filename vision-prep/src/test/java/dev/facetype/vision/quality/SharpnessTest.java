package dev.facetype.vision.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.SharedSets;
import dev.facetype.vision.TestImages;
import dev.facetype.vision.detect.FaceBox;
import dev.facetype.vision.eval.LabelledImage;
import dev.facetype.vision.io.ImageLoader;
import dev.facetype.vision.ops.GaussianBlur;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharpnessTest {

    @Test
    void flatImageHasZeroVariance() {
        assertEquals(0.0, Sharpness.varianceOfLaplacian(TestImages.solid(20, 20, 90, 90, 90)));
    }

    /** A checkerboard has Laplacian +-4*255 everywhere inside: variance (4*255)^2. */
    @Test
    void checkerboardHasTheLargestVariance() {
        byte[] pixels = new byte[10 * 10];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (((i % 10) + (i / 10)) % 2 == 0 ? 0 : 255);
        }
        assertEquals(Math.pow(4 * 255, 2), Sharpness.varianceOfLaplacian(RasterImage.of(10, 10, 1, pixels)), 1e-6);
    }

    /**
     * The calibration behind the default threshold, on every London face: all sharp faces pass, every face
     * blurred with sigma 3 % of its size fails.
     */
    @Test
    void defaultThresholdSeparatesSharpFromBlurredLondonFaces() throws Exception {
        ImageLoader loader = new ImageLoader();
        double threshold = QualitySettings.DEFAULT_MIN_SHARPNESS;
        List<LabelledImage> london = SharedSets.londonLabelled();
        for (LabelledImage photo : london.subList(0, 40)) {
            RasterImage image = loader.load(photo.file());
            FaceBox box = photo.faces().get(0);
            double sharp = Sharpness.ofFace(image, box);
            double blurred = Sharpness.ofFace(GaussianBlur.apply(image, 0.03 * box.shortSide()), box);
            assertTrue(sharp >= threshold, photo.file() + " sharp face measured " + sharp);
            assertTrue(blurred < threshold, photo.file() + " blurred face measured " + blurred);
            assertTrue(blurred < sharp / 5, photo.file() + ": blur must cut the measure by far");
        }
    }
}
