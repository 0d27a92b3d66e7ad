package dev.facetype.vision.opencv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.testing.SharedData;
import dev.facetype.vision.RasterImage;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.FaceBox;
import dev.facetype.vision.detect.FaceDetector;
import dev.facetype.vision.detect.FaceDetectors;
import dev.facetype.vision.detect.FaceLandmarks;
import dev.facetype.vision.detect.ImagePoint;
import dev.facetype.vision.eval.DetectorEvaluation;
import dev.facetype.vision.io.ImageLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default detector (YuNet on facetype's engine) against OpenCV's {@code FaceDetectorYN} on the same photos:
 * the same faces, every box coordinate and landmark within 1 pixel and every score within 0.001, and the same
 * recall and false positives on both labelled sets.
 */
class PureJavaYuNetMatchesOpenCvTest {

    private static FaceDetector pureJava;
    private static FaceDetector openCv;
    private final ImageLoader loader = new ImageLoader();

    @BeforeAll
    static void createDetectors() {
        pureJava = FaceDetectors.yunet();
        openCv = FaceDetectors.openCvYuNet();
    }

    @AfterAll
    static void closeDetectors() {
        pureJava.close();
        openCv.close();
    }

    @Test
    void theDetectorsAreWhatTheirNamesSay() {
        assertEquals("yunet", pureJava.name());
        assertEquals("yunet-opencv", openCv.name());
    }

    @Test
    void sameFacesOnEveryLabelledPhotoWithinAPixelAndAThousandth() throws Exception {
        List<Path> photos = new ArrayList<>();
        LabelledSets.london().forEach(image -> photos.add(image.file()));
        LabelledSets.dlib().forEach(image -> photos.add(image.file()));
        photos.add(SharedData.require("data/dlib-faces/dogs.jpg"));
        Differences largest = new Differences();
        int faces = 0;
        for (Path photo : photos) {
            RasterImage image = loader.load(photo);
            List<DetectedFace> expected = openCv.detect(image);
            List<DetectedFace> actual = pureJava.detect(image);
            assertEquals(expected.size(), actual.size(), photo.getFileName() + ": number of faces");
            for (DetectedFace face : expected) {
                DetectedFace match = closest(face, actual);
                largest.add(face, match);
                faces++;
            }
        }
        assertTrue(faces >= 145, "faces compared: " + faces);
        String summary = faces + " faces: " + largest;
        assertTrue(largest.box <= 1.0, summary);
        assertTrue(largest.landmark <= 1.0, summary);
        assertTrue(largest.score <= 0.001, summary);
    }

    @Test
    void sameRecallAndNoFalsePositiveOnEitherSet() throws Exception {
        for (FaceDetector detector : List.of(pureJava, openCv)) {
            DetectorEvaluation london = DetectorEvaluation.run(detector, "London", LabelledSets.london(), 0.5, loader);
            assertEquals(102, london.foundFaces(), () -> detector.name() + " missed " + LabelledSets.missed(london));
            assertEquals(0, london.falsePositives(), () -> detector.name() + " " + LabelledSets.falsePositives(london));
            DetectorEvaluation dlib = DetectorEvaluation.run(detector, "dlib", LabelledSets.dlib(), 0.4, loader);
            assertEquals(43, dlib.foundFaces(), () -> detector.name() + " missed " + LabelledSets.missed(dlib));
            assertEquals(0, dlib.falsePositives(), () -> detector.name() + " " + LabelledSets.falsePositives(dlib));
        }
    }

    /**
     * A photo above 1280 px is shrunk before detection; the two shrink with different area-averaging code, so the
     * faces agree closely but not to the pixel.
     */
    @Test
    void aShrunkPhotoGivesTheSameFacesClosely() throws Exception {
        RasterImage large = loader.load(SharedData.require("data/dlib-faces/bald_guys.jpg"));
        assertTrue(Math.max(large.width(), large.height()) > 1280);
        List<DetectedFace> expected = openCv.detect(large);
        List<DetectedFace> actual = pureJava.detect(large);
        assertTrue(expected.size() >= 5, "OpenCV found " + expected.size());
        assertEquals(expected.size(), actual.size());
        for (DetectedFace face : expected) {
            DetectedFace match = closest(face, actual);
            assertTrue(face.box().iou(match.box()) > 0.95, face.box() + " vs " + match.box());
            assertTrue(Math.abs(face.score() - match.score()) < 0.02, face.score() + " vs " + match.score());
        }
    }

    private static DetectedFace closest(DetectedFace face, List<DetectedFace> candidates) {
        DetectedFace best = candidates.get(0);
        for (DetectedFace candidate : candidates) {
            if (candidate.box().iou(face.box()) > best.box().iou(face.box())) {
                best = candidate;
            }
        }
        return best;
    }

    /** The largest differences seen so far. */
    private static final class Differences {
        double box;
        double landmark;
        double score;

        void add(DetectedFace expected, DetectedFace actual) {
            FaceBox a = expected.box();
            FaceBox b = actual.box();
            box = max(box, a.x() - b.x(), a.y() - b.y(), a.width() - b.width(), a.height() - b.height());
            score = Math.max(score, Math.abs(expected.score() - actual.score()));
            FaceLandmarks p = expected.landmarks().orElseThrow();
            FaceLandmarks q = actual.landmarks().orElseThrow();
            for (ImagePoint[] pair : new ImagePoint[][] {{p.rightEye(), q.rightEye()}, {p.leftEye(), q.leftEye()},
                    {p.noseTip(), q.noseTip()}, {p.rightMouthCorner(), q.rightMouthCorner()},
                    {p.leftMouthCorner(), q.leftMouthCorner()}}) {
                landmark = max(landmark, pair[0].x() - pair[1].x(), pair[0].y() - pair[1].y());
            }
        }

        private static double max(double current, double... differences) {
            double result = current;
            for (double d : differences) {
                result = Math.max(result, Math.abs(d));
            }
            return result;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "largest box difference %.5f px, landmark %.5f px, score %.6f",
                    box, landmark, score);
        }
    }
}
