package dev.facetype.vision;

import dev.facetype.testing.EncodedImages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.vision.crop.CropSettings;
import dev.facetype.vision.detect.FaceBox;
import dev.facetype.vision.detect.FaceDetector;
import dev.facetype.vision.detect.FaceDetectors;
import dev.facetype.vision.eval.LabelledImage;
import dev.facetype.vision.io.ExifOrientationTestAccess;
import dev.facetype.vision.io.ImageLoadException;
import dev.facetype.vision.io.ImageLoader;
import dev.facetype.vision.ops.GaussianBlur;
import dev.facetype.vision.quality.NearDuplicateIndex;
import dev.facetype.vision.quality.QualitySettings;
import dev.facetype.vision.quality.RejectReason;
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
import org.junit.jupiter.api.io.TempDir;

class PhotoPreparerTest {

    private static FaceDetector detector;
    private static PhotoPreparer training;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        detector = FaceDetectors.yunet();
        training = PhotoPreparer.builder().detector(detector).build();
    }

    @AfterAll
    static void tearDown() {
        training.close();
        detector.close();
    }

    @Test
    void londonPhotoGivesOneCropWhereTheLabelSays() {
        LabelledImage photo = SharedSets.londonLabelled().get(0);
        PreparedPhoto prepared = training.prepare(photo.file());
        assertTrue(prepared.kept(), prepared.rejections().toString());
        assertEquals(List.of(), prepared.rejections());
        assertEquals(1, prepared.faces().size());
        PreparedFace face = prepared.faces().get(0);
        assertTrue(face.box().iou(photo.faces().get(0)) >= 0.5);
        assertEquals(48, face.image().width());
        assertEquals(1, face.image().channels());
        assertTrue(face.score() > 0.7);
        assertEquals(512, prepared.width());
        assertTrue(prepared.photoHash().isPresent());
    }

    /** A phone photo stored sideways with EXIF orientation 6 is found upright, where the label says. */
    @Test
    void sidewaysPhonePhotoIsTurnedUprightBeforeDetection() throws Exception {
        LabelledImage photo = SharedSets.londonLabelled().get(5);
        RasterImage upright = new ImageLoader().load(photo.file());
        RasterImage stored = ExifOrientationTestAccess.storedAsCameraWould(upright, 6);
        Path file = Files.write(dir.resolve("IMG_sideways.jpg"), TestImages.jpegWithOrientation(stored, 6));
        PreparedPhoto prepared = training.prepare(file);
        assertTrue(prepared.kept(), prepared.rejections().toString());
        assertTrue(prepared.faces().get(0).box().iou(photo.faces().get(0)) >= 0.5);
    }

    @Test
    void photoWithoutAFaceIsRejectedAsNoFace() {
        PreparedPhoto prepared = training.prepare(TestImages.random(400, 300, 3, 60, 200, 1), "noise.png");
        assertEquals(List.of(RejectReason.NO_FACE), prepared.rejectReasons());
        assertTrue(prepared.rejections().get(0).detail().contains("yunet"));
    }

    @Test
    void unreadableFileIsRejectedWithTheDecoderReason() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.jpg"), "not a photo");
        PreparedPhoto prepared = training.prepare(file);
        assertEquals(List.of(RejectReason.UNREADABLE), prepared.rejectReasons());
        assertEquals(ImageLoadException.Reason.NOT_AN_IMAGE, prepared.loadFailure().orElseThrow());
        assertTrue(prepared.rejections().get(0).detail().contains(file.toString()));
        assertEquals(0, prepared.width());
    }

    @Test
    void blurredPhotoIsRejectedAsBlurry() throws Exception {
        LabelledImage photo = SharedSets.londonLabelled().get(2);
        RasterImage image = new ImageLoader().load(photo.file());
        RasterImage blurred = GaussianBlur.apply(image, 0.04 * photo.faces().get(0).shortSide());
        PreparedPhoto prepared = training.prepare(blurred, "blurred.jpg");
        assertEquals(List.of(RejectReason.BLURRY), prepared.rejectReasons());
        assertEquals(1, prepared.rejectedFaces().size());
    }

    /** In a crowd photo, ALL keeps the faces of 48 px and more and rejects the rest; LARGEST keeps one. */
    @Test
    void crowdPhotoUnderBothPolicies() {
        LabelledImage crowd = SharedSets.dlibLabelled().stream()
                .filter(l -> l.file().getFileName().toString().equals("2008_001322.jpg")).findFirst().orElseThrow();
        try (PhotoPreparer all = PhotoPreparer.builder().detector(detector).facePolicy(FacePolicy.ALL).build()) {
            PreparedPhoto prepared = all.prepare(crowd.file());
            assertEquals(3, prepared.detections().size());
            assertEquals(prepared.faces().size() + prepared.rejectedFaces().size(), 3);
            for (PreparedFace face : prepared.faces()) {
                assertTrue(face.box().shortSide() >= 48);
            }
            prepared.rejectedFaces().forEach(r -> assertTrue(r.quality().rejections().stream()
                    .anyMatch(x -> x.reason() == RejectReason.FACE_TOO_SMALL || x.reason() == RejectReason.BLURRY)));
        }
        PreparedPhoto largest = training.prepare(crowd.file());
        assertEquals(1, largest.faces().size() + largest.rejectedFaces().size());
        double largestArea = largest.detections().stream().mapToDouble(f -> f.box().area()).max().orElseThrow();
        FaceBox considered = largest.kept() ? largest.faces().get(0).box() : largest.rejectedFaces().get(0).detection().box();
        assertEquals(largestArea, considered.area());
    }

    /** For prediction: every face, no quality checks, the model's crop settings. */
    @Test
    void predictionSetupCropsEveryFaceOfACrowd() {
        LabelledImage crowd = SharedSets.dlibLabelled().get(0);
        try (PhotoPreparer predict = PhotoPreparer.builder().detector(detector).facePolicy(FacePolicy.ALL)
                .qualitySettings(QualitySettings.acceptAll()).cropSettings(CropSettings.defaults().withChannels(3)
                        .withOutputSize(64)).build()) {
            PreparedPhoto prepared = predict.prepare(crowd.file());
            assertEquals(crowd.faces().size(), prepared.faces().size());
            prepared.faces().forEach(f -> assertEquals(64, f.image().width()));
            prepared.faces().forEach(f -> assertEquals(3, f.image().channels()));
        }
    }

    @Test
    void secondCopyOfAPhotoIsANearDuplicateOfTheFirst() throws Exception {
        Path original = SharedSets.londonPhoto("011");
        RasterImage image = new ImageLoader().load(original);
        Path copy = Files.write(dir.resolve("copy.jpg"), EncodedImages.jpeg(image.toBufferedImage(), 0.6f, false));
        NearDuplicateIndex seen = new NearDuplicateIndex(QualitySettings.defaults().maxHashDistance());
        assertTrue(training.prepare(original, seen).kept());
        assertTrue(training.prepare(SharedSets.londonPhoto("012"), seen).kept());
        PreparedPhoto duplicate = training.prepare(copy, seen);
        assertEquals(List.of(RejectReason.NEAR_DUPLICATE), duplicate.rejectReasons());
        assertTrue(duplicate.rejections().get(0).detail().contains(original.toString()));
        assertEquals(2, seen.size());
    }

    @Test
    void concurrentPreparationGivesTheSameCrops() throws Exception {
        List<Path> files = SharedSets.londonLabelled().subList(20, 32).stream().map(LabelledImage::file).toList();
        List<PreparedPhoto> sequential = new ArrayList<>();
        for (Path file : files) {
            sequential.add(training.prepare(file));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<PreparedPhoto>> futures = new ArrayList<>();
            for (Path file : files) {
                futures.add(pool.submit(() -> training.prepare(file)));
            }
            for (int i = 0; i < files.size(); i++) {
                PreparedPhoto parallel = futures.get(i).get();
                assertEquals(sequential.get(i).faces().get(0).image(), parallel.faces().get(0).image(), files.get(i).toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
