package dev.facetype.vision.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.vision.PhotoPreparer;
import dev.facetype.vision.PreparedPhoto;
import dev.facetype.vision.SharedSets;
import dev.facetype.vision.crop.CropSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The portrait sets have no face boxes, but one person per photo with the head filling much of the frame:
 * through the whole pipeline every photo must give exactly one face, kept, whose box centre lies in the
 * middle half of the photo and whose size is a fair part of it.
 */
class SingleFaceSetsTest {

    private static FaceDetector detector;
    private static PhotoPreparer preparer;

    @BeforeAll
    static void setUp() {
        detector = FaceDetectors.yunet();
        preparer = PhotoPreparer.builder().detector(detector).cropSettings(CropSettings.defaults()).build();
    }

    @AfterAll
    static void tearDown() {
        preparer.close();
        detector.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "data/yalefaces, subject, 164, 0.25",   // GIF without extension; 320x243 with background around the head
        "data/jaffe/images, .tiff, 213, 0.35",  // TIFF, 256x256, face fills the frame
        "data/att_faces, .pgm, 400, 0.45",      // PGM, 92x112, face fills the frame
    })
    void everyPortraitGivesOneCentredFace(String folder, String nameMark, int expectedFiles, double minRelativeSize) {
        List<Path> files = SharedSets.files(folder, "").stream()
                .filter(p -> p.getFileName().toString().contains(nameMark)).toList();
        assertEquals(expectedFiles, files.size(), folder);
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            PreparedPhoto photo = preparer.prepare(file);
            if (photo.detections().size() != 1) {
                problems.add(file.getFileName() + ": " + photo.detections().size() + " faces");
                continue;
            }
            if (!photo.kept()) {
                problems.add(file.getFileName() + ": rejected " + photo.rejections());
                continue;
            }
            FaceBox box = photo.faces().get(0).box();
            boolean centred = Math.abs(box.centerX() / photo.width() - 0.5) < 0.25
                    && Math.abs(box.centerY() / photo.height() - 0.5) < 0.25;
            boolean sizeable = box.width() >= minRelativeSize * photo.width();
            if (!centred || !sizeable) {
                problems.add(file.getFileName() + ": box " + box + " in " + photo.width() + "x" + photo.height());
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " of " + files.size() + " photos: " + problems);
    }
}
