package dev.facetype.vision.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.facetype.cnn.parallel.ComputePool;
import dev.facetype.vision.RasterImage;
import dev.facetype.vision.SharedSets;
import dev.facetype.vision.io.ImageLoader;
import dev.facetype.vision.ops.Resize;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-thread runner: OpenCV's padding to multiples of 32, and no trace of one photo in the next. */
class YuNetRunnerTest {

    @Test
    void sizesArePaddedToMultiplesOf32AsOpenCvDoes() {
        assertEquals(32, YuNetRunner.padded(1));
        assertEquals(32, YuNetRunner.padded(32));
        assertEquals(64, YuNetRunner.padded(33));
        assertEquals(512, YuNetRunner.padded(500));
        assertEquals(1280, YuNetRunner.padded(1280));
    }

    /** 500 and 510 px wide both pad to 512: the second photo's padding must not hold the first one's pixels. */
    @Test
    void aPhotoAfterALargerOneOfTheSamePaddedSizeGivesWhatItGivesAlone() throws Exception {
        byte[] model;
        try (InputStream in = FaceDetectors.class.getResourceAsStream(FaceDetectors.YUNET_RESOURCE)) {
            model = in.readAllBytes();
        }
        OnnxGraphTranslator translator = new OnnxGraphTranslator(OnnxModel.read(model));
        RasterImage photo = new ImageLoader().load(SharedSets.londonPhoto("001"));
        RasterImage wide = Resize.to(photo, 510, 510);
        RasterImage narrow = Resize.to(photo, 490, 490);
        try (ComputePool pool = ComputePool.create(1)) {
            List<DetectedFace> alone = new YuNetRunner(translator, pool).detect(narrow, 0.7f, 0.3f);
            YuNetRunner reused = new YuNetRunner(translator, pool);
            reused.detect(wide, 0.7f, 0.3f);
            assertEquals(alone, reused.detect(narrow, 0.7f, 0.3f));
            assertEquals(1, alone.size());
        }
    }
}
