package dev.facetype.vision.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.SharedSets;
import dev.facetype.vision.TestImages;
import dev.facetype.vision.eval.DetectorEvaluation;
import dev.facetype.vision.eval.LabelledImage;
import dev.facetype.vision.io.ImageLoader;
import dev.facetype.vision.ops.Resize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default detector against the ground truth of both labelled sets. */
class YuNetDetectorTest {

    private static FaceDetector yunet;
    private final ImageLoader loader = new ImageLoader();

    @BeforeAll
    static void createDetector() {
        yunet = FaceDetectors.yunet();
    }

    @AfterAll
    static void closeDetector() {
        yunet.close();
    }

    @Test
    void findsEveryLondonFaceWithoutFalsePositives() throws Exception {
        DetectorEvaluation result = DetectorEvaluation.run(yunet, "london", SharedSets.londonLabelled(), 0.5, loader);
        assertEquals(102, result.labelledFaces());
        assertEquals(102, result.foundFaces(), () -> "missed: " + missed(result));
        assertEquals(0, result.falsePositives(), () -> "false positives: " + falsePositives(result));
    }

    @Test
    void findsEveryDlibCrowdFaceWithoutFalsePositives() throws Exception {
        DetectorEvaluation result = DetectorEvaluation.run(yunet, "dlib", SharedSets.dlibLabelled(), 0.4, loader);
        assertEquals(9, result.imageCount());
        assertEquals(43, result.labelledFaces());
        assertEquals(43, result.foundFaces(), () -> "missed: " + missed(result));
        assertEquals(0, result.falsePositives(), () -> "false positives: " + falsePositives(result));
    }

    /** The eye landmarks must fall on the pupils marked in the London templates. */
    @Test
    void eyeLandmarksLieOnTheLabelledPupils() throws Exception {
        Path csv = SharedSets.londonFrames().resolve("neutral_face_boxes.csv");
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            // eye0 is the pupil on the image's left: the person's right eye.
            ImagePoint imageLeftPupil = new ImagePoint(Double.parseDouble(cells[3]), Double.parseDouble(cells[4]));
            ImagePoint imageRightPupil = new ImagePoint(Double.parseDouble(cells[5]), Double.parseDouble(cells[6]));
            double eyeDistance = imageRightPupil.x() - imageLeftPupil.x();
            List<DetectedFace> faces = yunet.detect(loader.load(SharedSets.londonFrames().resolve(cells[0])));
            FaceLandmarks landmarks = faces.get(0).landmarks().orElseThrow();
            assertTrue(distance(landmarks.rightEye(), imageLeftPupil) < 0.15 * eyeDistance, cells[0] + " right eye");
            assertTrue(distance(landmarks.leftEye(), imageRightPupil) < 0.15 * eyeDistance, cells[0] + " left eye");
            assertTrue(landmarks.noseTip().y() > landmarks.eyeCenter().y(), cells[0] + " nose below the eyes");
        }
    }

    @Test
    void findsNoFaceInBlankOrNoiseImages() {
        assertEquals(List.of(), yunet.detect(TestImages.solid(320, 240, 128, 128, 128)));
        assertEquals(List.of(), yunet.detect(TestImages.random(320, 240, 3, 0, 255, 42)));
    }

    @Test
    void grayPhotosWork() throws Exception {
        LabelledImage photo = SharedSets.londonLabelled().get(0);
        RasterImage gray = loader.load(photo.file()).toGray();
        List<DetectedFace> faces = yunet.detect(gray);
        assertEquals(1, faces.size());
        assertTrue(faces.get(0).box().iou(photo.faces().get(0)) >= 0.5);
    }

    /** A photo larger than maxInputSide is shrunk for detection; boxes come back in the photo's pixels. */
    @Test
    void boxesOfALargePhotoAreInItsOwnPixels() throws Exception {
        LabelledImage photo = SharedSets.londonLabelled().get(3);
        RasterImage large = Resize.to(loader.load(photo.file()), 2048, 2048);
        List<DetectedFace> faces = yunet.detect(large);
        assertEquals(1, faces.size());
        FaceBox expected = photo.faces().get(0).scaled(4);
        assertTrue(faces.get(0).box().iou(expected) >= 0.5, faces.get(0).box() + " vs " + expected);
    }

    /** Several threads share one detector and get exactly what one thread gets. */
    @Test
    void concurrentCallsGiveTheSameResultsAsSequentialOnes() throws Exception {
        List<RasterImage> images = new ArrayList<>();
        for (LabelledImage labelled : SharedSets.dlibLabelled()) {
            images.add(loader.load(labelled.file()));
        }
        List<List<DetectedFace>> sequential = new ArrayList<>();
        for (RasterImage image : images) {
            sequential.add(yunet.detect(image));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<DetectedFace>>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (RasterImage image : images) {
                    futures.add(pool.submit(() -> yunet.detect(image)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(sequential.get(i % images.size()), futures.get(i).get(), "image " + (i % images.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void scoreThresholdIsApplied() throws Exception {
        RasterImage photo = loader.load(SharedSets.dlibLabelled().get(0).file());
        try (FaceDetector strict = FaceDetectors.yunet(YuNetSettings.defaults().withScoreThreshold(0.92))) {
            List<DetectedFace> faces = strict.detect(photo);
            assertTrue(faces.size() < yunet.detect(photo).size(), "a higher threshold keeps fewer faces");
            assertTrue(faces.stream().allMatch(f -> f.score() >= 0.92));
        }
    }

    @Test
    void closedDetectorRefusesWork() {
        FaceDetector detector = FaceDetectors.yunet(YuNetSettings.defaults().withPoolSize(1));
        detector.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> detector.detect(TestImages.solid(64, 64, 0, 0, 0)));
        assertTrue(e.getMessage().contains("closed"));
    }

    @Test
    void brokenModelFileIsReportedByName() throws Exception {
        Path bogus = Files.createTempFile("not-a-model", ".onnx");
        try {
            Files.writeString(bogus, "this is not an ONNX model");
            FaceDetectorException e = assertThrows(FaceDetectorException.class,
                    () -> FaceDetectors.yunet(bogus, YuNetSettings.defaults()));
            assertTrue(e.getMessage().contains(bogus.toString()), e.getMessage());
        } finally {
            Files.delete(bogus);
        }
    }

    static double distance(ImagePoint a, ImagePoint b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    static String missed(DetectorEvaluation result) {
        return result.perImage().stream().filter(o -> !o.match().missed().isEmpty())
                .map(o -> o.image().file().getFileName() + " " + o.match().missed()).toList().toString();
    }

    static String falsePositives(DetectorEvaluation result) {
        return result.perImage().stream().filter(o -> !o.match().falsePositives().isEmpty())
                .map(o -> o.image().file().getFileName() + " " + o.match().falsePositives()).toList().toString();
    }
}
