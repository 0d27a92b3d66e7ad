package dev.facetype.vision.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.vision.SharedSets;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.FaceBox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthTest {

    @TempDir
    Path dir;

    @Test
    void readsTheLondonBoxes() {
        List<LabelledImage> london = SharedSets.londonLabelled();
        assertEquals(102, london.size());
        LabelledImage first = london.get(0);
        assertTrue(first.file().endsWith(Path.of("neutral", "001.jpg")));
        assertEquals(new FaceBox(171.4, 200.6, 174.8, 176.7), first.faces().get(0));
        assertTrue(london.stream().allMatch(l -> Files.isRegularFile(l.file())));
    }

    @Test
    void readsTheDlibBoxesAsLeftTopWidthHeight() {
        List<LabelledImage> dlib = SharedSets.dlibLabelled();
        assertEquals(9, dlib.size());
        assertEquals(43, dlib.stream().mapToInt(l -> l.faces().size()).sum());
        LabelledImage first = dlib.get(0);
        assertEquals("2007_007763.jpg", first.file().getFileName().toString());
        // <box top='90' left='194' width='37' height='37'/>
        assertEquals(new FaceBox(194, 90, 37, 37), first.faces().get(0));
    }

    @Test
    void malformedLinesAreReportedWithFileAndLine() throws Exception {
        Files.writeString(dir.resolve("neutral_face_boxes.csv"),
                "image,width,height,eye0_x,eye0_y,eye1_x,eye1_y,box_x,box_y,box_w,box_h\nneutral/1.jpg,1,1,1,1,1,1,x,1,1,1\n");
        IOException e = assertThrows(IOException.class, () -> GroundTruth.londonFaces(dir));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    /** Greedy one-to-one matching: one detection cannot count for two faces. */
    @Test
    void matchingIsOneToOne() {
        FaceBox a = new FaceBox(0, 0, 10, 10);
        FaceBox b = new FaceBox(2, 0, 10, 10);
        DetectedFace onA = new DetectedFace(new FaceBox(0, 0, 10, 10), 0.9);
        DetectedFace elsewhere = new DetectedFace(new FaceBox(100, 100, 10, 10), 0.9);
        DetectionMatch match = DetectionMatch.of(List.of(a, b), List.of(onA, elsewhere), 0.5);
        assertEquals(List.of(a), match.found());
        assertEquals(List.of(b), match.missed());
        assertEquals(List.of(elsewhere), match.falsePositives());
    }
}
