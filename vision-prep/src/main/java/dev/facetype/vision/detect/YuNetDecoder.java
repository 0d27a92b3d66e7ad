package dev.facetype.vision.detect;

import dev.facetype.cnn.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * YuNet's outputs to faces, with the arithmetic of OpenCV 4.9's {@code FaceDetectorYN} (objdetect
 * {@code face_detect.cpp}), so that both give the same boxes for the same network outputs.
 *
 * <pre>
 *   for each stride s in (8, 16, 32), each anchor (row r, column c) of the padded input's (H/s x W/s) grid:
 *     cls_s, obj_s (anchors, 1)   bbox_s (anchors, 4)   kps_s (anchors, 10)
 *     score = sqrt(clamp01(cls) * clamp01(obj))                          (kept when above the score threshold)
 *     cx = (c + bbox[0]) * s,  cy = (r + bbox[1]) * s,  w = exp(bbox[2]) * s,  h = exp(bbox[3]) * s
 *     box = (cx - w/2, cy - h/2, w, h);  landmark k = ((kps[2k] + c) * s, (kps[2k+1] + r) * s)
 * </pre>
 *
 * then non-maximum suppression as {@code cv::dnn::NMSBoxes}: candidates sorted by score (stable, so equal
 * scores keep anchor order), at most {@code topK}, each kept unless its overlap (intersection over union of the
 * boxes truncated to whole pixels) with a kept one exceeds the NMS threshold. All in float, as OpenCV does.
 */
final class YuNetDecoder {

    private static final int[] STRIDES = {8, 16, 32};
    private static final int TOP_K = 5000;

    private YuNetDecoder() {
    }

    /** One face before suppression: the 15 values of OpenCV's output row. */
    private record Candidate(float[] row, int index) {
        float score() {
            return row[14];
        }
    }

    /**
     * @param outputs   the network's outputs by ONNX name (cls_8, obj_8, bbox_8, kps_8, ..._16, ..._32)
     * @param padWidth  the network input's width (a multiple of 32)
     * @param padHeight its height
     * @return faces in pixels of the network input, most confident first
     */
    static List<DetectedFace> decode(Map<String, Tensor> outputs, int padWidth, int padHeight, float scoreThreshold,
                                     float nmsThreshold) {
        List<Candidate> candidates = new ArrayList<>();
        for (int stride : STRIDES) {
            float[] cls = output(outputs, "cls_" + stride);
            float[] obj = output(outputs, "obj_" + stride);
            float[] bbox = output(outputs, "bbox_" + stride);
            float[] kps = output(outputs, "kps_" + stride);
            int cols = padWidth / stride;
            int rows = padHeight / stride;
            if (cls.length != rows * cols || bbox.length != 4 * rows * cols || kps.length != 10 * rows * cols) {
                throw new FaceDetectorException("YuNet output for stride " + stride + " has " + cls.length
                        + " anchors, expected " + rows * cols + " for a " + padWidth + "x" + padHeight + " input");
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int idx = r * cols + c;
                    float score = (float) Math.sqrt(clamp01(cls[idx]) * clamp01(obj[idx]));
                    if (!(score > scoreThreshold)) {
                        continue;
                    }
                    float[] row = new float[15];
                    float cx = (c + bbox[idx * 4]) * stride;
                    float cy = (r + bbox[idx * 4 + 1]) * stride;
                    float w = (float) (Math.exp(bbox[idx * 4 + 2]) * stride);
                    float h = (float) (Math.exp(bbox[idx * 4 + 3]) * stride);
                    row[0] = cx - w / 2f;
                    row[1] = cy - h / 2f;
                    row[2] = w;
                    row[3] = h;
                    for (int n = 0; n < 5; n++) {
                        row[4 + 2 * n] = (kps[idx * 10 + 2 * n] + c) * stride;
                        row[4 + 2 * n + 1] = (kps[idx * 10 + 2 * n + 1] + r) * stride;
                    }
                    row[14] = score;
                    candidates.add(new Candidate(row, candidates.size()));
                }
            }
        }
        return suppress(candidates, nmsThreshold).stream().map(YuNetDecoder::toFace).toList();
    }

    private static List<Candidate> suppress(List<Candidate> candidates, float nmsThreshold) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparing(Candidate::score, Comparator.reverseOrder())); // List.sort is stable
        if (sorted.size() > TOP_K) {
            sorted = sorted.subList(0, TOP_K);
        }
        List<Candidate> kept = new ArrayList<>();
        for (Candidate candidate : sorted) {
            boolean keep = true;
            for (int k = 0; k < kept.size() && keep; k++) {
                keep = overlap(candidate.row(), kept.get(k).row()) <= nmsThreshold;
            }
            if (keep) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    /** Intersection over union of the two boxes truncated to whole pixels, as cv::Rect2i and jaccardDistance. */
    static float overlap(float[] a, float[] b) {
        int ax = (int) a[0];
        int ay = (int) a[1];
        int aw = (int) a[2];
        int ah = (int) a[3];
        int bx = (int) b[0];
        int by = (int) b[1];
        int bw = (int) b[2];
        int bh = (int) b[3];
        long areaA = (long) aw * ah;
        long areaB = (long) bw * bh;
        if (areaA + areaB <= 0) {
            return 1f;
        }
        int x1 = Math.max(ax, bx);
        int y1 = Math.max(ay, by);
        int x2 = Math.min(ax + aw, bx + bw);
        int y2 = Math.min(ay + ah, by + bh);
        double intersection = x2 > x1 && y2 > y1 ? (double) (x2 - x1) * (y2 - y1) : 0;
        double distance = 1.0 - intersection / (areaA + areaB - intersection);
        return 1f - (float) distance;
    }

    private static float clamp01(float value) {
        return Math.max(0f, Math.min(1f, value));
    }

    private static float[] output(Map<String, Tensor> outputs, String name) {
        Tensor tensor = outputs.get(name);
        if (tensor == null) {
            throw new FaceDetectorException("The model has no output named " + name + "; a YuNet model has cls, obj, "
                    + "bbox and kps outputs for strides 8, 16 and 32");
        }
        return tensor.data();
    }

    private static DetectedFace toFace(Candidate candidate) {
        float[] row = candidate.row();
        FaceBox box = new FaceBox(row[0], row[1], Math.max(0, row[2]), Math.max(0, row[3]));
        FaceLandmarks landmarks = new FaceLandmarks(new ImagePoint(row[4], row[5]), new ImagePoint(row[6], row[7]),
                new ImagePoint(row[8], row[9]), new ImagePoint(row[10], row[11]), new ImagePoint(row[12], row[13]));
        return new DetectedFace(box, row[14], Optional.of(landmarks));
    }
}
