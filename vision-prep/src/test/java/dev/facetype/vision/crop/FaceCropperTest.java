package dev.facetype.vision.crop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.SharedSets;
import dev.facetype.vision.TestImages;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.FaceBox;
import dev.facetype.vision.detect.FaceDetector;
import dev.facetype.vision.detect.FaceDetectors;
import dev.facetype.vision.detect.FaceLandmarks;
import dev.facetype.vision.io.ImageLoader;
import dev.facetype.vision.ops.AffineWarp;
import dev.facetype.vision.ops.Resize;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceCropperTest {

    @Test
    void squareGrowsByTheMarginOnEachSide() {
        FaceCropper cropper = new FaceCropper(CropSettings.defaults().withMargin(0.25));
        FaceBox region = cropper.squareRegion(new FaceBox(100, 100, 40, 60), 1000, 1000);
        assertEquals(new FaceBox(120 - 45, 130 - 45, 90, 90), region, "side 60 * 1.5, centred on the box");
    }

    @Test
    void squareIsShiftedInsideAtTheBorders() {
        FaceCropper cropper = new FaceCropper(CropSettings.defaults().withMargin(0.5));
        FaceBox corner = cropper.squareRegion(new FaceBox(-10, -5, 40, 40), 300, 200);
        assertEquals(new FaceBox(0, 0, 80, 80), corner);
        FaceBox farCorner = cropper.squareRegion(new FaceBox(280, 180, 30, 30), 300, 200);
        assertEquals(new FaceBox(240, 140, 60, 60), farCorner);
    }

    @Test
    void squareLargerThanThePhotoShrinksToItsShorterSide() {
        FaceCropper cropper = new FaceCropper(CropSettings.defaults().withMargin(1.0));
        FaceBox region = cropper.squareRegion(new FaceBox(20, 10, 60, 60), 120, 80);
        assertEquals(new FaceBox(10, 0, 80, 80), region);
    }

    @Test
    void cropHasTheConfiguredSizeAndChannels() {
        RasterImage photo = TestImages.random(200, 150, 3, 0, 255, 9);
        FaceBox box = new FaceBox(50, 40, 60, 60);
        FaceCrop gray = new FaceCropper(CropSettings.defaults()).crop(photo, box);
        assertEquals(48, gray.image().width());
        assertEquals(48, gray.image().height());
        assertEquals(1, gray.image().channels());
        FaceCrop color = new FaceCropper(CropSettings.defaults().withOutputSize(96).withChannels(3)).crop(photo, box);
        assertEquals(96, color.image().width());
        assertEquals(3, color.image().channels());
        assertEquals(box, color.faceBox());
        assertEquals(0.0, color.rotation());
    }

    /** Without rotation the crop is exactly the area-average resize of the region. */
    @Test
    void cropIsTheAreaAverageOfTheRegion() {
        RasterImage photo = TestImages.random(200, 150, 3, 0, 255, 10);
        FaceCropper cropper = new FaceCropper(CropSettings.defaults().withChannels(3).withMargin(0));
        FaceCrop crop = cropper.crop(photo, new FaceBox(20, 30, 96, 96));
        assertEquals(Resize.region(photo, 20, 30, 96, 96, 48, 48), crop.image());
    }

    /**
     * A London face (eyes level in the labels) turned by 20 degrees: the aligned crop, detected again, has
     * nearly level eyes, and the plain crop does not. YuNet's eye points lean towards upright on a tilted
     * face (it reads the 20 degree tilt as about 16.5), so one pass leaves a few degrees.
     */
    @Test
    void eyeAlignmentLevelsTheEyes() throws Exception {
        RasterImage photo = new ImageLoader().load(SharedSets.londonPhoto("010"));
        RasterImage tilted = AffineWarp.rotatedSquare(photo, 256, 256, 512, Math.toRadians(20), 512);
        try (FaceDetector detector = FaceDetectors.yunet()) {
            DetectedFace face = detector.detect(tilted).get(0);
            double tilt = face.landmarks().orElseThrow().eyeLineAngle();
            assertTrue(Math.abs(Math.toDegrees(tilt) + 20) < 4, "eye line of the tilted photo: " + Math.toDegrees(tilt));

            CropSettings settings = CropSettings.defaults().withOutputSize(256).withChannels(3).withMargin(0.3);
            FaceCrop aligned = new FaceCropper(settings.withAlignEyes(true)).crop(tilted, face);
            FaceCrop plain = new FaceCropper(settings).crop(tilted, face);
            assertEquals(tilt, aligned.rotation(), 1e-12);
            double alignedAngle = eyeAngleDegrees(detector, aligned.image());
            double plainAngle = eyeAngleDegrees(detector, plain.image());
            assertTrue(Math.abs(alignedAngle) < 5, "aligned crop eye line " + alignedAngle + ", tilt " + Math.toDegrees(tilt));
            assertTrue(Math.abs(plainAngle) > 10, "plain crop eye line " + plainAngle);
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> CropSettings.defaults().withMargin(-0.1));
        assertThrows(IllegalArgumentException.class, () -> CropSettings.defaults().withChannels(2));
        assertThrows(IllegalArgumentException.class, () -> CropSettings.defaults().withOutputSize(4));
    }

    private static double eyeAngleDegrees(FaceDetector detector, RasterImage crop) {
        List<DetectedFace> faces = detector.detect(crop);
        assertEquals(1, faces.size(), "one face in the crop");
        FaceLandmarks landmarks = faces.get(0).landmarks().orElseThrow();
        return Math.toDegrees(landmarks.eyeLineAngle());
    }
}
