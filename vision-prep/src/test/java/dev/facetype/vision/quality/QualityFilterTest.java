package dev.facetype.vision.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.SharedSets;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.FaceBox;
import dev.facetype.vision.eval.LabelledImage;
import dev.facetype.vision.io.ImageLoader;
import dev.facetype.vision.ops.GaussianBlur;
import dev.facetype.vision.ops.Resize;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityFilterTest {

    private final QualityFilter filter = new QualityFilter(QualitySettings.defaults());
    private final ImageLoader loader = new ImageLoader();

    @Test
    void sharpLargeFaceIsAccepted() throws Exception {
        LabelledImage photo = SharedSets.londonLabelled().get(0);
        FaceQuality quality = filter.assess(loader.load(photo.file()), new DetectedFace(photo.faces().get(0), 0.9));
        assertTrue(quality.accepted(), quality.rejections().toString());
        assertTrue(quality.sharpness() >= QualitySettings.DEFAULT_MIN_SHARPNESS);
    }

    @Test
    void faceBelowTheMinimumSizeIsRejected() throws Exception {
        LabelledImage photo = SharedSets.londonLabelled().get(0);
        RasterImage small = Resize.to(loader.load(photo.file()), 128, 128);
        FaceBox box = photo.faces().get(0).scaled(0.25); // about 44 px
        FaceQuality quality = filter.assess(small, new DetectedFace(box, 0.9));
        assertEquals(List.of(RejectReason.FACE_TOO_SMALL),
                quality.rejections().stream().map(Rejection::reason).toList());
        assertTrue(quality.rejections().get(0).detail().contains("below the minimum of 48 px"));
    }

    @Test
    void blurredFaceIsRejectedWithTheMeasuredValue() throws Exception {
        LabelledImage photo = SharedSets.londonLabelled().get(1);
        FaceBox box = photo.faces().get(0);
        RasterImage blurred = GaussianBlur.apply(loader.load(photo.file()), 0.04 * box.shortSide());
        FaceQuality quality = filter.assess(blurred, new DetectedFace(box, 0.9));
        assertEquals(RejectReason.BLURRY, quality.rejections().get(0).reason());
        assertTrue(quality.rejections().get(0).detail().contains("below the minimum of 100"));
    }

    @Test
    void acceptAllSettingsAcceptEverything() throws Exception {
        QualityFilter lenient = new QualityFilter(QualitySettings.acceptAll());
        RasterImage tiny = Resize.to(loader.load(SharedSets.londonPhoto("001")), 32, 32);
        assertTrue(lenient.assess(tiny, new DetectedFace(new FaceBox(8, 8, 10, 10), 0.8)).accepted());
        PerceptualHash hash = PerceptualHash.of(tiny);
        assertTrue(!lenient.isNearDuplicate(hash, hash));
    }
}
