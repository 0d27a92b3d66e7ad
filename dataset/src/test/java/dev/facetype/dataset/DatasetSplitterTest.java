package dev.facetype.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.dataset.manifest.FileReason;
import dev.facetype.dataset.manifest.Manifest;
import dev.facetype.dataset.manifest.ManifestEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Splits of datasets made in memory: counts, leak-freedom, stratification, determinism, restoring. */
class DatasetSplitterTest {

    /** The study: 1,120 kept photos, 4 types of 10 persons with 28 photos each. */
    private final FaceDataset study = FaceDataset.of(Synthetic.labels(4), Synthetic.samples(4, 10, 28, false));

    @Test
    void studyModeReproducesTheStudysCountsAndWarnsOfTheLeak() {
        DatasetSplit split = study.split(SplitSettings.of(7).withMode(SplitMode.STUDY));
        assertEquals(12_544, split.train().size());
        assertEquals(5_376, split.test().size());
        assertTrue(split.validation().isEmpty());
        assertEquals(17_920, split.train().size() + split.test().size());
        assertTrue(split.test().stream().noneMatch(SampleRef::isOriginal), "the study tests augmented copies");
        // every (photo, variant) exactly once
        Set<String> all = new HashSet<>();
        for (SampleRef ref : concat(split.train(), split.test())) {
            assertTrue(all.add(ref.sample().id() + "#" + ref.variant()));
        }
        assertTrue(photosOnBothSides(split) > 1_000, "copies of nearly every photo land on both sides");
        assertEquals(1, split.warnings().size());
        assertTrue(split.warnings().get(0).contains("inflated"), split.warnings().get(0));
        // stratified: each type keeps its 30 %
        for (int t = 0; t < 4; t++) {
            int type = t;
            assertEquals(1_344, split.test().stream().filter(r -> r.sample().label() == type).count());
        }
    }

    @Test
    void byPersonPutsNoPersonOnBothSidesAndTrainsOnSixteenVariants() {
        DatasetSplit split = study.split(SplitSettings.of(7));
        assertEquals(SplitMode.BY_PERSON, split.mode());
        Set<String> trainPersons = persons(split.train());
        Set<String> testPersons = persons(split.test());
        assertTrue(trainPersons.stream().noneMatch(testPersons::contains));
        assertEquals(0, photosOnBothSides(split));
        // 3 of the 10 persons of each type are tested: exactly 30 %
        assertEquals(12, testPersons.size());
        assertEquals(336, split.test().size());
        assertEquals(784 * 16, split.train().size());
        assertTrue(split.test().stream().allMatch(SampleRef::isOriginal));
        Map<Integer, List<Integer>> variants = split.train().stream().collect(Collectors.groupingBy(
                r -> r.sample().id(), Collectors.mapping(SampleRef::variant, Collectors.toList())));
        variants.values().forEach(v -> assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), v));
        assertTrue(split.warnings().isEmpty(), split.warnings().toString());
    }

    @Test
    void personsPhotographedInEveryTypeAreKeptWholeAndEveryTypeIsOnBothSides() {
        // JAFFE's shape: 10 women, 7 expressions, 3 photos of each
        FaceDataset jaffe = FaceDataset.of(Synthetic.labels(7), Synthetic.samples(7, 10, 3, true));
        DatasetSplit split = jaffe.split(SplitSettings.of(3));
        Set<String> testPersons = persons(split.test());
        assertEquals(3, testPersons.size());
        assertTrue(persons(split.train()).stream().noneMatch(testPersons::contains));
        for (int t = 0; t < 7; t++) {
            int type = t;
            assertEquals(9, split.test().stream().filter(r -> r.sample().label() == type).count());
        }
    }

    @Test
    void byPhotoKeepsAPhotoAndItsNearDuplicatesOnOneSide() {
        List<FaceSample> samples = Synthetic.samples(2, 1, 40, false);
        // photo 1 is a near-duplicate of photo 0 and photo 3 of photo 2
        Map<String, String> groups = Map.of(Synthetic.sha(1), Synthetic.sha(0), Synthetic.sha(3), Synthetic.sha(2));
        FaceDataset dataset = new FaceDataset(null, Synthetic.labels(2), false, samples,
                FaceDataset.of(Synthetic.labels(2), samples).manifest(), groups, Map.of(), List.of(), List.of(), null, null);
        for (long seed = 0; seed < 20; seed++) {
            DatasetSplit split = dataset.split(SplitSettings.of(seed));
            assertEquals(SplitMode.BY_PHOTO, split.mode());
            assertEquals(0, photosOnBothSides(split));
            Set<Integer> test = ids(split.test());
            assertEquals(test.contains(0), test.contains(1));
            assertEquals(test.contains(2), test.contains(3));
            // 30 % of 80 is 24; indivisible pairs may leave it one off
            assertTrue(Math.abs(test.size() - 24) <= 1, "test size " + test.size());
        }
    }

    @Test
    void personsSharingAPhotoFileStayTogether() {
        List<FaceSample> samples = Synthetic.samples(1, 10, 2, false);
        FaceDataset dataset = new FaceDataset(null, Synthetic.labels(1), true, samples,
                FaceDataset.of(Synthetic.labels(1), samples).manifest(), Map.of(), Map.of("t0p1", "t0p0"), List.of(),
                List.of(), null, null);
        for (long seed = 0; seed < 20; seed++) {
            Set<String> test = persons(dataset.split(SplitSettings.of(seed)).test());
            assertEquals(test.contains("t0p0"), test.contains("t0p1"));
        }
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        DatasetSplit a = study.split(SplitSettings.of(42));
        DatasetSplit b = study.split(SplitSettings.of(42));
        assertEquals(a, b);
        assertEquals(a.toMap(), b.toMap());
        assertNotEquals(persons(a.test()), persons(study.split(SplitSettings.of(43)).test()));
        DatasetSplit s1 = study.split(SplitSettings.of(42).withMode(SplitMode.STUDY));
        assertEquals(s1, study.split(SplitSettings.of(42).withMode(SplitMode.STUDY)));
        assertNotEquals(ids(s1.test()), ids(study.split(SplitSettings.of(43).withMode(SplitMode.STUDY)).test()));
    }

    @Test
    void aValidationSideIsCarvedOutOfWholePersons() {
        DatasetSplit split = study.split(SplitSettings.of(1).withValidationFraction(0.1).withTestFraction(0.2));
        Set<String> train = persons(split.train());
        Set<String> validation = persons(split.validation());
        Set<String> test = persons(split.test());
        assertEquals(4, validation.size());
        assertEquals(8, test.size());
        assertTrue(validation.stream().noneMatch(p -> train.contains(p) || test.contains(p)));
        assertTrue(split.validation().stream().allMatch(SampleRef::isOriginal));
    }

    @Test
    void tooFewPersonsGiveAWarningNamingTheType() {
        List<FaceSample> samples = new ArrayList<>(Synthetic.samples(2, 4, 5, false));
        // a third type with a single person
        for (int k = 0; k < 5; k++) {
            samples.add(new FaceSample(samples.size(), "type2/lonely/" + k + ".jpg", Synthetic.sha(1000 + k), 2, "lonely",
                    Synthetic.crop(k)));
        }
        DatasetSplit split = FaceDataset.of(Synthetic.labels(3), samples).split(SplitSettings.of(5));
        assertTrue(split.warnings().stream().anyMatch(w -> w.contains("'type2'") && w.contains("test side")),
                split.warnings().toString());
    }

    @Test
    void byPersonWithoutPersonFoldersAndAnEmptyTypeAreClearErrors() {
        FaceDataset flat = FaceDataset.of(Synthetic.labels(2), Synthetic.samples(2, 1, 5, false).stream()
                .map(s -> new FaceSample(s.id(), s.relativePath(), s.sha256(), s.label(), null, s.crop())).toList());
        DatasetException noPersons = assertThrows(DatasetException.class,
                () -> flat.split(SplitSettings.of(1).withMode(SplitMode.BY_PERSON)));
        assertTrue(noPersons.getMessage().contains("person folders"), noPersons.getMessage());
        FaceDataset missingType = FaceDataset.of(Synthetic.labels(3), Synthetic.samples(2, 2, 2, false));
        DatasetException empty = assertThrows(DatasetException.class, () -> missingType.split(SplitSettings.of(1)));
        assertTrue(empty.getMessage().contains("'type2'"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SplitSettings.of(1).withTestFraction(0.7).withValidationFraction(0.3));
    }

    @Test
    void aSavedSplitIsRestoredExactlyAndRefusedForChangedPhotos() {
        DatasetSplit split = study.split(SplitSettings.of(9));
        DatasetSplit restored = study.restoreSplit(split.toMap());
        assertEquals(split.train(), restored.train());
        assertEquals(split.test(), restored.test());
        assertEquals(split.manifestSha256(), restored.manifestSha256());
        DatasetSplit studySplit = study.split(SplitSettings.of(9).withMode(SplitMode.STUDY));
        assertEquals(studySplit.test(), study.restoreSplit(studySplit.toMap()).test());

        List<ManifestEntry> entries = new ArrayList<>(study.manifest().entries());
        entries.set(0, entries.get(0).withOutcome(FileReason.NO_FACE, 0, "no face found"));
        FaceDataset changed = new FaceDataset(null, study.labels(), true, study.samples(),
                new Manifest(study.labels(), entries), Map.of(), Map.of(), List.of(), List.of(), null, null);
        DatasetException error = assertThrows(DatasetException.class, () -> changed.restoreSplit(split.toMap()));
        assertTrue(error.getMessage().contains("manifest hash"), error.getMessage());
    }

    private static Set<String> persons(List<SampleRef> refs) {
        return refs.stream().map(r -> r.sample().person()).collect(Collectors.toSet());
    }

    private static Set<Integer> ids(List<SampleRef> refs) {
        return refs.stream().map(r -> r.sample().id()).collect(Collectors.toSet());
    }

    /** Photos (by file hash) with a reference on the training side and on the test or validation side. */
    static long photosOnBothSides(DatasetSplit split) {
        Set<String> train = split.train().stream().map(r -> r.sample().sha256()).collect(Collectors.toSet());
        return concat(split.test(), split.validation()).stream().map(r -> r.sample().sha256()).distinct()
                .filter(train::contains).count();
    }

    private static List<SampleRef> concat(List<SampleRef> a, List<SampleRef> b) {
        List<SampleRef> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
