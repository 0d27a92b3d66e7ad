package dev.facetype.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.dataset.DatasetSplit;
import dev.facetype.dataset.FaceDataset;
import dev.facetype.dataset.SplitMode;
import dev.facetype.dataset.SplitSettings;
import dev.facetype.dataset.prepare.PreparationListener;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's parts (the whole demo trains for minutes and is run by hand): the shipped photos, their
 * attribution, and that every one of them gives a face and a by-person split with 31 unseen test people.
 */
class DemoPiecesTest {

    @Test
    void theJarShips102PeopleNeutralAndSmilingInPersonFolders() {
        List<String> photos = DemoData.photos();
        assertEquals(204, photos.size());
        Set<String> neutral = people(photos, "neutral/");
        Set<String> smiling = people(photos, "smiling/");
        assertEquals(102, neutral.size());
        assertEquals(neutral, smiling, "the same people in both types");
        assertTrue(photos.stream().allMatch(p -> p.matches("(neutral|smiling)/(\\d{3})/\\2\\.jpg")), photos.toString());
    }

    @Test
    void theShippedPhotosAreTheSharedSetsResizedWholePhotos(@TempDir Path dir) throws Exception {
        Path extracted = DemoData.extractTo(dir.resolve("photos"));
        List<String> shipped = DemoData.photos();
        for (String photo : List.of(shipped.get(0), shipped.get(150), shipped.get(shipped.size() - 1))) {
            String[] parts = photo.split("/");
            assertArrayEquals(Files.readAllBytes(LondonFolders.photoOf(parts[0], parts[1])),
                    Files.readAllBytes(extracted.resolve(photo)), photo);
        }
    }

    @Test
    void theAttributionTravelsWithThePhotos() throws Exception {
        try (InputStream in = DemoData.class.getResourceAsStream("demo/london/ATTRIBUTION.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains("DeBruine, L. & Jones, B. (2017) Face Research Lab London Set"), text);
            assertTrue(text.contains("CC BY 4.0") && text.contains("Resized"), text);
        }
        try (InputStream in = DemoData.class.getResourceAsStream("demo/london/LICENSE-CC-BY-4.0.md")) {
            assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).startsWith("Attribution 4.0 International"));
        }
        assertTrue(DemoData.ATTRIBUTION.contains("doi:10.6084/m9.figshare.5047666.v5"));
    }

    @Test
    void everyDemoPhotoGivesAFaceAndTheSplitHoldsBack31People(@TempDir Path dir) throws Exception {
        Path photos = DemoData.extractTo(dir.resolve("photos"));
        FaceDataset dataset = PhotoFolders.prepare(photos, DemoSettings.CROP, dir.resolve("cache"), 2,
                PreparationListener.NONE);
        assertEquals(204, dataset.samples().size(), "YuNet finds a usable face in every photo: " + dataset.manifest().problems());
        assertEquals(List.of("neutral", "smiling"), dataset.labels());
        assertEquals(DemoSettings.CROP.outputSize(), dataset.samples().get(0).crop().width());
        assertEquals(DemoSettings.CROP.channels(), dataset.samples().get(0).crop().channels());
        DatasetSplit split = dataset.split(new SplitSettings(SplitMode.BY_PERSON, DemoSettings.TEST_FRACTION, 0,
                DemoSettings.SEED));
        Set<String> trained = split.train().stream().map(r -> r.sample().person()).collect(Collectors.toSet());
        Set<String> tested = split.test().stream().map(r -> r.sample().person()).collect(Collectors.toSet());
        assertEquals(31, tested.size());
        assertEquals(71, trained.size());
        Set<String> both = new HashSet<>(trained);
        both.retainAll(tested);
        assertEquals(Set.of(), both, "nobody is on both sides");
        assertEquals(62, split.test().size(), "both photos of each test person, not augmented");
    }

    @Test
    void theDemoTrainsLongEnoughToLearnButStaysShort() {
        assertTrue(DemoSettings.EPOCHS >= 4 && DemoSettings.EPOCHS <= 20);
        assertTrue(DemoSettings.training(DemoSettings.EPOCHS).augmentation().hasExtras(), "random jitter is on");
    }

    private static Set<String> people(List<String> photos, String prefix) {
        return photos.stream().filter(p -> p.startsWith(prefix)).map(p -> p.split("/")[1]).collect(Collectors.toSet());
    }
}
