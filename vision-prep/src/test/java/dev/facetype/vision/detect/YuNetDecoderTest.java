package dev.facetype.vision.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenCV's decoding arithmetic and suppression rules, on outputs made by hand for a 64 x 32 input. */
class YuNetDecoderTest {

    private static final int WIDTH = 64;
    private static final int HEIGHT = 32;

    /** Every anchor scores zero except those set with {@link #anchor}. */
    private final Map<String, Tensor> outputs = new HashMap<>();

    YuNetDecoderTest() {
        for (int stride : new int[] {8, 16, 32}) {
            int anchors = (WIDTH / stride) * (HEIGHT / stride);
            outputs.put("cls_" + stride, Tensor.zeros(Shape.of(1, anchors, 1)));
            outputs.put("obj_" + stride, Tensor.zeros(Shape.of(1, anchors, 1)));
            outputs.put("bbox_" + stride, Tensor.zeros(Shape.of(1, anchors, 4)));
            outputs.put("kps_" + stride, Tensor.zeros(Shape.of(1, anchors, 10)));
        }
    }

    private void anchor(int stride, int row, int column, float cls, float obj, float[] bbox, float[] kps) {
        int index = row * (WIDTH / stride) + column;
        outputs.get("cls_" + stride).data()[index] = cls;
        outputs.get("obj_" + stride).data()[index] = obj;
        System.arraycopy(bbox, 0, outputs.get("bbox_" + stride).data(), index * 4, 4);
        System.arraycopy(kps, 0, outputs.get("kps_" + stride).data(), index * 10, 10);
    }

    @Test
    void decodesBoxLandmarksAndScoreAsOpenCvDoes() {
        float[] bbox = {0.5f, 0.25f, (float) Math.log(2), (float) Math.log(3)};
        float[] kps = {0, 0, 1, 0, 0.5f, 0.5f, 0, 1, 1, 1};
        anchor(16, 1, 2, 0.81f, 1.2f, bbox, kps); // obj above 1 is clamped to 1
        List<DetectedFace> faces = YuNetDecoder.decode(outputs, WIDTH, HEIGHT, 0.7f, 0.3f);
        assertEquals(1, faces.size());
        DetectedFace face = faces.get(0);
        // centre ((2 + 0.5) * 16, (1 + 0.25) * 16) = (40, 20); size (2 * 16, 3 * 16) = (32, 48)
        assertEquals(new FaceBox(24, -4, 32, 48), face.box());
        assertEquals(0.9, face.score(), 1e-6);
        FaceLandmarks points = face.landmarks().orElseThrow();
        assertEquals(new ImagePoint(32, 16), points.rightEye());
        assertEquals(new ImagePoint(48, 16), points.leftEye());
        assertEquals(new ImagePoint(40, 24), points.noseTip());
        assertEquals(new ImagePoint(32, 32), points.rightMouthCorner());
        assertEquals(new ImagePoint(48, 32), points.leftMouthCorner());
    }

    @Test
    void scoresAtOrBelowTheThresholdAreDropped() {
        float[] none = new float[10];
        anchor(8, 0, 0, 0.49f, 1f, new float[4], none);   // sqrt(0.49) = 0.7: not above 0.7
        anchor(8, 0, 1, 0.5f, 1f, new float[4], none);
        List<DetectedFace> faces = YuNetDecoder.decode(outputs, WIDTH, HEIGHT, 0.7f, 0.3f);
        assertEquals(1, faces.size());
        assertEquals(Math.sqrt(0.5), faces.get(0).score(), 1e-6);
    }

    @Test
    void overlappingBoxesKeepTheStrongestAndDistantOnesStay() {
        float[] none = new float[10];
        anchor(8, 1, 1, 0.81f, 1f, new float[4], none);              // 8 x 8 box centred on (8, 8), score 0.9
        anchor(8, 1, 2, 1f, 1f, new float[] {-0.5f, 0, 0, 0}, none); // centred on (12, 8): IoU 1/3 > 0.3, score 1
        anchor(8, 2, 6, 0.64f, 1f, new float[4], none);              // far away, score 0.8
        List<DetectedFace> faces = YuNetDecoder.decode(outputs, WIDTH, HEIGHT, 0.7f, 0.3f);
        assertEquals(2, faces.size());
        assertEquals(1.0, faces.get(0).score(), 1e-6);
        assertEquals(new FaceBox(8, 4, 8, 8), faces.get(0).box());
        assertEquals(0.8, faces.get(1).score(), 1e-6);
        assertEquals(3, YuNetDecoder.decode(outputs, WIDTH, HEIGHT, 0.7f, 0.34f).size(),
                "at an NMS threshold above 1/3 the pair overlaps too little to be suppressed");
    }

    @Test
    void overlapIsMeasuredOnBoxesTruncatedToWholePixels() {
        // (0.9, 0, 10.9, 10) truncates to (0, 0, 10, 10): identical to the second box
        assertEquals(1f, YuNetDecoder.overlap(new float[] {0.9f, 0, 10.9f, 10}, new float[] {0, 0, 10, 10}));
        assertEquals(1f / 3, YuNetDecoder.overlap(new float[] {0, 0, 10, 10}, new float[] {5, 0, 10, 10}), 1e-6);
        assertEquals(0f, YuNetDecoder.overlap(new float[] {0, 0, 4, 4}, new float[] {4, 0, 4, 4}));
    }
}
