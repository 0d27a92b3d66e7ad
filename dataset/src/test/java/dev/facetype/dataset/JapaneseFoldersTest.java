package dev.facetype.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.dataset.summary.DatasetSummary;
import dev.facetype.dataset.summary.SummaryTable;
import dev.facetype.vision.augment.Augmenter;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole way on real faces: しょうゆ顔/ソース顔/砂糖顔/塩顔 with Japanese person folders written in NFD (as
 * macOS does), prepared, split by person and by photo without a leak, the same on every run.
 */
class JapaneseFoldersTest {

    private static final List<String> PERSONS = List.of("だいすけ", "ごろう", "じゅん", "ぶんた", "ざんぞう", "げんき",
            "ぼたん", "ぜんじ", "どうもと", "ぎんじ", "ぐんじ", "びゃくや");

    @TempDir
    static Path temp;

    static FaceDataset dataset;

    @BeforeAll
    static void prepare() {
        Path root = temp.resolve("顔写真");
        int person = 0;
        for (String type : SharedPhotos.STUDY_TYPES) {
            for (int p = 0; p < 3; p++, person++) {
                Path folder = root.resolve(Normalizer.normalize(type, Normalizer.Form.NFD))
                        .resolve(Normalizer.normalize(PERSONS.get(person), Normalizer.Form.NFD));
                String id = SharedPhotos.londonId(20 + person);
                SharedPhotos.copy(SharedPhotos.london(id, false), folder.resolve("真顔.jpg"));
                SharedPhotos.copy(SharedPhotos.london(id, true), folder.resolve("笑顔.jpg"));
            }
        }
        dataset = DatasetPreparer.builder().cacheDirectory(temp.resolve("cache")).threads(2)
                .labelOrder(SharedPhotos.STUDY_TYPES).build().prepare(root);
    }

    @Test
    void labelsAndPersonsAreTheNfcNamesInTheGivenOrder() {
        assertEquals(SharedPhotos.STUDY_TYPES, dataset.labels());
        assertEquals(24, dataset.samples().size());
        Set<String> persons = dataset.samples().stream().map(FaceSample::person).collect(Collectors.toSet());
        assertEquals(Set.copyOf(PERSONS), persons);
    }

    @Test
    void byPersonAndByPhotoSplitsLeakNoPersonAndNoPhoto() {
        for (long seed = 0; seed < 5; seed++) {
            DatasetSplit byPerson = dataset.split(SplitSettings.of(seed));
            assertEquals(SplitMode.BY_PERSON, byPerson.mode());
            Set<String> trainPersons = byPerson.train().stream().map(r -> r.sample().person()).collect(Collectors.toSet());
            assertTrue(byPerson.test().stream().noneMatch(r -> trainPersons.contains(r.sample().person())));
            // one of the three persons of every type is tested
            for (int type = 0; type < 4; type++) {
                int t = type;
                assertEquals(2, byPerson.test().stream().filter(r -> r.sample().label() == t).count());
            }
            DatasetSplit byPhoto = dataset.split(SplitSettings.of(seed).withMode(SplitMode.BY_PHOTO));
            Set<String> trainPhotos = byPhoto.train().stream().map(r -> r.sample().sha256()).collect(Collectors.toSet());
            assertTrue(byPhoto.test().stream().noneMatch(r -> trainPhotos.contains(r.sample().sha256())));
            assertEquals(0, DatasetSplitterTest.photosOnBothSides(byPhoto));
        }
    }

    @Test
    void aSecondPreparationGivesTheSameSplitAndTheSameBatches() {
        FaceDataset again = DatasetPreparer.builder().cacheDirectory(temp.resolve("cache")).threads(1)
                .labelOrder(SharedPhotos.STUDY_TYPES).build().prepare(dataset.root().orElseThrow());
        assertEquals(24, again.timings().orElseThrow().cacheHits());
        DatasetSplit a = dataset.split(SplitSettings.of(3));
        DatasetSplit b = again.split(SplitSettings.of(3));
        assertEquals(a.toMap(), b.toMap());
        BatchIterator first = new BatchIterator(a.train(), 10, 3, 2, true, new Augmenter());
        BatchIterator second = new BatchIterator(b.train(), 10, 3, 2, true, new Augmenter());
        while (first.hasNext()) {
            TrainingBatch x = first.next();
            TrainingBatch y = second.next();
            assertEquals(x.images(), y.images());
            assertArrayEquals(x.labels(), y.labels());
        }
    }

    @Test
    void theSummaryCountsEveryTypeAndPerson() {
        DatasetSummary summary = DatasetSummary.of(dataset, dataset.split(SplitSettings.of(0)));
        assertEquals(24, summary.total().found());
        assertEquals(0, summary.total().rejectedTotal());
        assertEquals(384, summary.total().augmented());
        assertEquals(16 * 16, summary.total().train());
        assertEquals(8, summary.total().test());
        assertEquals(12, summary.persons().size());
        String text = SummaryTable.render(summary);
        assertTrue(text.contains("しょうゆ顔") && text.contains("びゃくや"), text);
    }
}
