package dev.facetype.vision.eval;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.FaceDetector;
import dev.facetype.vision.io.ImageLoadException;
import dev.facetype.vision.io.ImageLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a detector over labelled photos and counts what it found, what it missed and what it invented.
 *
 * @param detector the detector's name
 * @param set the labelled set's name
 * @param minIou the IoU a detection needs to count as finding a labelled face
 * @param perImage the match of every photo, in the set's order
 * @param detectNanos time spent in {@link FaceDetector#detect} over all photos (decoding excluded)
 */
public record DetectorEvaluation(String detector, String set, double minIou, List<ImageOutcome> perImage,
                                 long detectNanos) {

    /** One photo's detections and their match against its labels. */
    public record ImageOutcome(LabelledImage image, List<DetectedFace> detections, DetectionMatch match) {
    }

    public DetectorEvaluation {
        perImage = List.copyOf(perImage);
    }

    /**
     * Decodes every photo with {@code loader}, runs {@code detector} on it once to warm up the first call and
     * once timed, and matches the result at {@code minIou}.
     *
     * @throws ImageLoadException if a labelled photo cannot be decoded
     */
    public static DetectorEvaluation run(FaceDetector detector, String setName, List<LabelledImage> images,
                                         double minIou, ImageLoader loader) throws ImageLoadException {
        List<RasterImage> decoded = new ArrayList<>(images.size());
        for (LabelledImage image : images) {
            decoded.add(loader.load(image.file()));
        }
        if (!decoded.isEmpty()) {
            detector.detect(decoded.get(0));
        }
        List<ImageOutcome> outcomes = new ArrayList<>(images.size());
        long nanos = 0;
        for (int i = 0; i < images.size(); i++) {
            long start = System.nanoTime();
            List<DetectedFace> detections = detector.detect(decoded.get(i));
            nanos += System.nanoTime() - start;
            LabelledImage image = images.get(i);
            outcomes.add(new ImageOutcome(image, detections, DetectionMatch.of(image.faces(), detections, minIou)));
        }
        return new DetectorEvaluation(detector.name(), setName, minIou, outcomes, nanos);
    }

    public int imageCount() {
        return perImage.size();
    }

    public int labelledFaces() {
        return perImage.stream().mapToInt(o -> o.image().faces().size()).sum();
    }

    public int foundFaces() {
        return perImage.stream().mapToInt(o -> o.match().found().size()).sum();
    }

    public int falsePositives() {
        return perImage.stream().mapToInt(o -> o.match().falsePositives().size()).sum();
    }

    /** Found faces over labelled faces, 0..1. */
    public double recall() {
        return labelledFaces() == 0 ? 0 : (double) foundFaces() / labelledFaces();
    }

    public double falsePositivesPerImage() {
        return perImage.isEmpty() ? 0 : (double) falsePositives() / perImage.size();
    }

    public double millisPerImage() {
        return perImage.isEmpty() ? 0 : detectNanos / 1e6 / perImage.size();
    }
}
