package dev.facetype.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.dataset.manifest.Decision;
import dev.facetype.dataset.manifest.FileReason;
import dev.facetype.dataset.manifest.Manifest;
import dev.facetype.dataset.manifest.ManifestEntry;
import dev.facetype.dataset.prepare.PreparationListener;
import dev.facetype.dataset.prepare.PreparationProgress;
import dev.facetype.dataset.prepare.PreparationTimings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preparation of a real folder in the study's layout, with Japanese type names, plus the files users really
 * have: copies, a photo under two types, a damaged JPEG, a text file called .jpg, an empty file, a sheet of
 * handwritten digits with no face. Prepared once for all tests of the class (detection costs time).
 */
class DatasetPreparerTest {

    @TempDir
    static Path temp;

    static Path root;
    static Path cache;
    static FaceDataset dataset;
    static final List<PreparationProgress> progress = new ArrayList<>();
    static final List<PreparationTimings> finished = new ArrayList<>();
    static Map<String, String> before;

    @BeforeAll
    static void prepare() throws IOException {
        root = SharedPhotos.studyTree(temp.resolve("photos"), 2, 0);
        Path shoyu = root.resolve("しょうゆ顔");
        // an exact copy inside the same type, under another person: excluded, and the persons are linked
        SharedPhotos.copy(SharedPhotos.london(SharedPhotos.londonId(0), false), shoyu.resolve("person" + SharedPhotos.londonId(1)).resolve("copy-of-first.jpg"));
        // the same photo under two types: no copy is used
        SharedPhotos.copy(SharedPhotos.london(SharedPhotos.londonId(50), false), shoyu.resolve("person" + SharedPhotos.londonId(0)).resolve("both.jpg"));
        SharedPhotos.copy(SharedPhotos.london(SharedPhotos.londonId(50), false), root.resolve("塩顔").resolve("person" + SharedPhotos.londonId(7)).resolve("both.jpg"));
        Path salt = root.resolve("塩顔").resolve("person" + SharedPhotos.londonId(6));
        byte[] jpeg = Files.readAllBytes(SharedPhotos.london(SharedPhotos.londonId(60), false));
        SharedPhotos.write(salt.resolve("damaged.jpg"), Arrays.copyOf(jpeg, jpeg.length / 3));
        SharedPhotos.write(salt.resolve("notes.jpg"), "not a photo, just notes\n".getBytes());
        SharedPhotos.write(salt.resolve("empty.jpg"), new byte[0]);
        SharedPhotos.write(salt.resolve(".DS_Store"), new byte[] {0, 0, 0, 1});
        SharedPhotos.copy(SharedPhotos.noFace(), salt.resolve("digits.jpg"));
        before = snapshot(root);
        cache = temp.resolve("cache");
        dataset = DatasetPreparer.builder().cacheDirectory(cache).threads(2)
                .listener(new PreparationListener() {
                    @Override
                    public void progress(PreparationProgress p) {
                        progress.add(p);
                    }

                    @Override
                    public void finished(PreparationTimings timings) {
                        finished.add(timings);
                    }
                }).build().prepare(root);
    }

    @Test
    void labelsAreTheJapaneseFolderNamesSorted() {
        assertEquals(List.of("しょうゆ顔", "ソース顔", "塩顔", "砂糖顔"), dataset.labels());
        assertTrue(dataset.hasPersonFolders());
        assertEquals(SplitMode.BY_PERSON, dataset.defaultSplitMode());
    }

    @Test
    void everyLondonFaceIsKeptAsA48PixelGrayCrop() {
        // 4 types x 2 persons x 2 photos
        assertEquals(16, dataset.samples().size());
        for (FaceSample sample : dataset.samples()) {
            assertEquals(48, sample.crop().width());
            assertEquals(48, sample.crop().height());
            assertEquals(1, sample.crop().channels());
            assertEquals(dataset.labels().get(sample.label()), sample.relativePath().split("/")[0]);
            assertEquals(sample.relativePath().split("/")[1], sample.person());
        }
        assertEquals(16, dataset.manifest().entries(Decision.KEPT).size());
    }

    @Test
    void copiesAndPhotosUnderTwoTypesAreExcludedWithTheOtherPathNamed() {
        ManifestEntry copy = entry("しょうゆ顔/person" + SharedPhotos.londonId(1) + "/copy-of-first.jpg");
        assertEquals(FileReason.DUPLICATE, copy.reason());
        assertTrue(copy.detail().contains("しょうゆ顔/person" + SharedPhotos.londonId(0) + "/neutral.jpg"), copy.detail());
        assertEquals(entry("しょうゆ顔/person" + SharedPhotos.londonId(0) + "/neutral.jpg").sha256(), copy.sha256());
        for (String path : List.of("しょうゆ顔/person" + SharedPhotos.londonId(0) + "/both.jpg", "塩顔/person" + SharedPhotos.londonId(7) + "/both.jpg")) {
            ManifestEntry both = entry(path);
            assertEquals(FileReason.CONFLICTING_LABELS, both.reason());
            assertEquals(Decision.EXCLUDED, both.decision());
        }
        assertTrue(entry("しょうゆ顔/person" + SharedPhotos.londonId(0) + "/both.jpg").detail().contains("塩顔/person" + SharedPhotos.londonId(7) + "/both.jpg"));
        assertTrue(dataset.samples().stream().noneMatch(s -> s.relativePath().endsWith("both.jpg")));
        // the copy joins person002 to person001: they stay on one side of a by-person split
        assertEquals("person" + SharedPhotos.londonId(0), dataset.personGroup("person" + SharedPhotos.londonId(1)));
    }

    @Test
    void brokenAndForeignFilesAreReportedNeverFatal() {
        assertEquals(FileReason.DAMAGED_IMAGE, entry("塩顔/person" + SharedPhotos.londonId(6) + "/damaged.jpg").reason());
        assertEquals(FileReason.NOT_AN_IMAGE, entry("塩顔/person" + SharedPhotos.londonId(6) + "/notes.jpg").reason());
        assertEquals(FileReason.EMPTY_FILE, entry("塩顔/person" + SharedPhotos.londonId(6) + "/empty.jpg").reason());
        assertEquals(FileReason.HIDDEN, entry("塩顔/person" + SharedPhotos.londonId(6) + "/.DS_Store").reason());
        ManifestEntry digits = entry("塩顔/person" + SharedPhotos.londonId(6) + "/digits.jpg");
        assertEquals(FileReason.NO_FACE, digits.reason());
        assertTrue(digits.detail().contains("no face"), digits.detail());
        assertFalse(digits.sha256().isEmpty());
    }

    @Test
    void theManifestListsEveryFileAndReadsBack() throws IOException {
        long files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).count();
        }
        assertEquals(files, dataset.manifest().entries().size());
        Path csv = temp.resolve("manifest.csv");
        dataset.manifest().writeCsv(csv);
        Manifest read = Manifest.readCsv(csv);
        assertEquals(dataset.manifest(), read);
        assertEquals(dataset.manifest().sha256(), read.sha256());
    }

    @Test
    void theInputFolderIsNeverChanged() throws IOException {
        assertEquals(before, snapshot(root));
    }

    @Test
    void aCacheFolderInsideThePhotoFolderIsRefused() {
        DatasetException error = assertThrows(DatasetException.class, () -> DatasetPreparer.builder()
                .cacheDirectory(root.resolve(".facetype-cache")).build().prepare(root));
        assertTrue(error.getMessage().contains("never writes into the photo folder"), error.getMessage());
        assertFalse(Files.exists(root.resolve(".facetype-cache")));
    }

    @Test
    void progressCountsUpToTheTotalInEachPhaseAndTimingsAreReported() {
        List<PreparationProgress> preparing = progress.stream()
                .filter(p -> p.phase() == PreparationProgress.Phase.PREPARING).toList();
        // 16 London photos + damaged + digits (the copies are not prepared; notes and empty are no images)
        assertEquals(18, preparing.get(0).total());
        for (int i = 0; i < preparing.size(); i++) {
            assertEquals(i, preparing.get(i).done());
        }
        PreparationProgress last = preparing.get(preparing.size() - 1);
        assertEquals(last.total(), last.done());
        assertEquals(1.0, last.fraction());
        assertEquals(java.time.Duration.ZERO, last.eta().orElseThrow());
        assertEquals(1, finished.size());
        PreparationTimings timings = finished.get(0);
        assertEquals(dataset.timings().orElseThrow(), timings);
        assertEquals(18, timings.photos());
        assertEquals(0, timings.cacheHits());
        assertEquals(18, timings.decodes());
        // the damaged JPEG never reaches the detector
        assertEquals(17, timings.detections());
    }

    private static ManifestEntry entry(String path) {
        return dataset.manifest().entry(path).orElseThrow(() -> new AssertionError("no manifest entry " + path));
    }

    /** Every file and folder with its size and modification time. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                state.put(dir.relativize(p).toString(), a.size() + " " + a.lastModifiedTime() + " " + a.isDirectory());
            }
        }
        return state;
    }
}
