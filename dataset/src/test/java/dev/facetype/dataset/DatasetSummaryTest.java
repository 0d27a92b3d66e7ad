package dev.facetype.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.dataset.manifest.FileReason;
import dev.facetype.dataset.manifest.Manifest;
import dev.facetype.dataset.manifest.ManifestEntry;
import dev.facetype.dataset.summary.DatasetSummary;
import dev.facetype.dataset.summary.DisplayWidth;
import dev.facetype.dataset.summary.SummaryTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flow-chart summary with the study's own numbers, and its plain-text tables. */
class DatasetSummaryTest {

    private static final List<String> LABELS = SharedPhotos.STUDY_TYPES;

    /** 2,560 photos found, 1,440 of them rejected, 1,120 kept: 4 types of 10 persons with 28 kept photos each. */
    private final FaceDataset study = studyShapedDataset();

    @Test
    void theStudysFlowChartNumbersComeOut() {
        DatasetSummary summary = DatasetSummary.of(study, study.split(SplitSettings.of(1).withMode(SplitMode.STUDY)));
        DatasetSummary.Counts total = summary.total();
        assertEquals(2_560, total.found());
        assertEquals(1_440, total.rejectedTotal());
        assertEquals(Map.of(FileReason.NO_FACE, 880, FileReason.BLURRY, 360, FileReason.FACE_TOO_SMALL, 200), total.rejected());
        assertEquals(1_120, total.kept());
        assertEquals(17_920, total.augmented());
        assertEquals(12_544, total.train());
        assertEquals(5_376, total.test());
        assertEquals(640, summary.types().get(0).counts().found());
        assertEquals(40, summary.persons().size());

        String[] chart = SummaryTable.flowChart(summary).split("\n");
        String all = String.join("\n", chart);
        assertEquals(6, chart.length, all);
        assertTrue(chart[0].matches("photos found +2,560"), all);
        assertTrue(chart[1].matches("rejected +1,440 +no face 880, face too small 200, blurry 360"), all);
        assertTrue(chart[2].matches("kept +1,120"), all);
        assertTrue(chart[3].matches("augmented x16 +17,920"), all);
        assertTrue(chart[4].matches("train +12,544 +\\(study split\\)"), all);
        assertTrue(chart[5].matches("test +5,376"), all);
        assertEquals(chart[0].length(), chart[3].length(), "numbers are right-aligned:\n" + all);
    }

    @Test
    void perPersonCountsShowEachPersonOnOneSideOfAByPersonSplit() {
        DatasetSplit split = study.split(SplitSettings.of(1));
        DatasetSummary summary = DatasetSummary.of(study, split);
        int testedPersons = 0;
        for (DatasetSummary.Row person : summary.persons()) {
            DatasetSummary.Counts c = person.counts();
            assertTrue(c.train() == 0 || c.test() == 0, person.toString());
            assertEquals(c.kept() * (c.train() > 0 ? 16 : 1), c.train() + c.test());
            testedPersons += c.test() > 0 ? 1 : 0;
        }
        assertEquals(12, testedPersons);
        assertEquals(784 * 16, summary.total().train());
        assertEquals(336, summary.total().test());
    }

    @Test
    void tablesLineUpJapaneseNamesByDisplayWidth() {
        String table = SummaryTable.perType(DatasetSummary.of(study, study.split(SplitSettings.of(1))));
        String[] lines = table.split("\n");
        assertEquals(6, lines.length, table);
        assertTrue(lines[0].startsWith("type "), table);
        assertTrue(lines[1].startsWith("しょうゆ顔  "), table);
        assertTrue(lines[5].startsWith("total"), table);
        for (String line : lines) {
            assertEquals(DisplayWidth.of(lines[0]), DisplayWidth.of(line), "every row as wide as the header:\n" + table);
        }
        assertEquals(10, DisplayWidth.of("しょうゆ顔"));
        assertEquals(4, DisplayWidth.of("Jose"));
        assertEquals(4, DisplayWidth.of("Jose\u0301"), "a combining accent takes no column");
        assertTrue(SummaryTable.render(DatasetSummary.of(study)).contains("person"));
    }

    private static FaceDataset studyShapedDataset() {
        List<FaceSample> samples = new ArrayList<>();
        for (FaceSample s : Synthetic.samples(4, 10, 28, false)) {
            samples.add(new FaceSample(s.id(), LABELS.get(s.label()) + s.relativePath().substring(5), s.sha256(), s.label(),
                    s.person(), s.crop()));
        }
        List<ManifestEntry> entries = new ArrayList<>(FaceDataset.of(LABELS, samples).manifest().entries());
        FileReason[] reasons = {FileReason.NO_FACE, FileReason.BLURRY, FileReason.FACE_TOO_SMALL};
        int[] counts = {880, 360, 200};
        int n = 0;
        for (int r = 0; r < reasons.length; r++) {
            for (int k = 0; k < counts[r]; k++, n++) {
                int type = n % 4;
                String person = "t" + type + "p" + (n / 4) % 10;
                entries.add(new ManifestEntry(LABELS.get(type) + "/" + person + "/rejected" + n + ".jpg", type,
                        LABELS.get(type), person, Synthetic.sha(100_000 + n), 1000, reasons[r], 0, ""));
            }
        }
        return new FaceDataset(null, LABELS, true, samples, new Manifest(LABELS, entries), Map.of(), Map.of(), List.of(),
                List.of(), null, null);
    }
}
