package dev.facetype.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.vision.detect.FaceDetector;
import dev.facetype.vision.detect.FaceDetectors;
import dev.facetype.vision.quality.RejectReason;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparationReportTest {

    @TempDir
    Path dir;

    @Test
    void listsEveryPhotoWithItsOutcomeAndSumsThemUp() throws Exception {
        Path kept = SharedSets.londonPhoto("001");
        Path broken = Files.writeString(dir.resolve("broken, with comma.jpg"), "no image here");
        PreparationReport report = new PreparationReport();
        try (FaceDetector detector = FaceDetectors.yunet();
             PhotoPreparer preparer = PhotoPreparer.builder().detector(detector).build()) {
            report.add(preparer.prepare(kept));
            report.add(preparer.prepare(broken));
            report.add(preparer.prepare(TestImages.random(200, 200, 3, 50, 200, 3), "noise.png"));
        }
        StringWriter csv = new StringWriter();
        report.writeCsv(csv);
        String[] lines = csv.toString().split("\n");
        assertEquals(4, lines.length);
        assertEquals(PreparationReport.CSV_HEADER, lines[0]);
        assertTrue(lines[1].startsWith(kept + ",kept,1,1,,,512,512,"), lines[1]);
        assertTrue(lines[2].startsWith("\"" + broken + "\",rejected,0,0,UNREADABLE,\"NOT_AN_IMAGE: "), lines[2]);
        assertTrue(lines[3].startsWith("noise.png,rejected,0,0,NO_FACE,no face found"), lines[3]);

        assertEquals(1, report.keptCount());
        assertEquals(Map.of(RejectReason.UNREADABLE, 1L, RejectReason.NO_FACE, 1L), report.rejectionCounts());
        String summary = report.summary();
        assertTrue(summary.contains("kept                   1   33.3%"), summary);
        assertTrue(summary.contains("total                  3  100.0%"), summary);
    }
}
