package dev.facetype.vision.eval;

import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.FaceBox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The detections of one photo paired one-to-one with its labelled faces: pairs are taken greedily, highest
 * IoU first, among those at or above the threshold.
 *
 * @param found labelled faces that got a detection
 * @param missed labelled faces left without one
 * @param falsePositives detections left without a labelled face
 */
public record DetectionMatch(List<FaceBox> found, List<FaceBox> missed, List<DetectedFace> falsePositives) {

    public DetectionMatch {
        found = List.copyOf(found);
        missed = List.copyOf(missed);
        falsePositives = List.copyOf(falsePositives);
    }

    /** Matches {@code detections} against {@code truth} at the given IoU threshold. */
    public static DetectionMatch of(List<FaceBox> truth, List<DetectedFace> detections, double minIou) {
        record Pair(int truthIndex, int detectionIndex, double iou) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < truth.size(); t++) {
            for (int d = 0; d < detections.size(); d++) {
                double iou = truth.get(t).iou(detections.get(d).box());
                if (iou >= minIou) {
                    pairs.add(new Pair(t, d, iou));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
        boolean[] truthUsed = new boolean[truth.size()];
        boolean[] detectionUsed = new boolean[detections.size()];
        for (Pair pair : pairs) {
            if (!truthUsed[pair.truthIndex()] && !detectionUsed[pair.detectionIndex()]) {
                truthUsed[pair.truthIndex()] = true;
                detectionUsed[pair.detectionIndex()] = true;
            }
        }
        List<FaceBox> found = new ArrayList<>();
        List<FaceBox> missed = new ArrayList<>();
        for (int t = 0; t < truth.size(); t++) {
            (truthUsed[t] ? found : missed).add(truth.get(t));
        }
        List<DetectedFace> falsePositives = new ArrayList<>();
        for (int d = 0; d < detections.size(); d++) {
            if (!detectionUsed[d]) {
                falsePositives.add(detections.get(d));
            }
        }
        return new DetectionMatch(found, missed, falsePositives);
    }
}
