package dev.facetype.vision.detect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** vision-prep alone has no native code: the OpenCV detectors say which module brings them. */
class NativeDetectorsAbsentTest {

    @Test
    void haarCascadeAndOpenCvYuNetNameTheMissingModule() {
        assertFalse(FaceDetectors.nativeDetectorsAvailable());
        for (Runnable create : new Runnable[] {FaceDetectors::haarCascade, FaceDetectors::openCvYuNet,
                () -> FaceDetectors.haarCascade(Path.of("cascade.xml"), HaarSettings.defaults())}) {
            FaceDetectorException e = assertThrows(FaceDetectorException.class, create::run);
            assertTrue(e.getMessage().contains("facetype-vision-opencv"), e.getMessage());
        }
    }

    @Test
    void theDefaultDetectorNeedsNone() {
        try (FaceDetector detector = FaceDetectors.yunet(YuNetSettings.defaults().withPoolSize(1))) {
            assertTrue(detector.detect(dev.facetype.vision.TestImages.solid(64, 48, 10, 20, 30)).isEmpty());
        }
    }
}
