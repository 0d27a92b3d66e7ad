package dev.facetype.dataset.survey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing the chosen people as {@code <type>/<person>/...} from {@code <photos>/<person>/...}: links and copies,
 * the originals untouched, and every refusal before anything is written.
 */
class RepresentativeFoldersTest {

    private static final Map<String, List<String>> CHOSEN = new java.util.LinkedHashMap<>(Map.of(
            "しょうゆ顔", List.of("だいすけ", "Kenji"), "塩顔", List.of("ごろう")));

    @TempDir
    Path temp;

    private static final String DAISUKE_NFD = Normalizer.normalize("だいすけ", Normalizer.Form.NFD);

    private Path photos;
    private Map<String, String> before;

    @BeforeEach
    void photoFolder() throws Exception {
        photos = temp.resolve("写真");
        // だいすけ in NFD, as macOS writes folder names; a sub-folder and a hidden file.
        Path daisuke = photos.resolve(DAISUKE_NFD);
        photo(daisuke.resolve("1.jpg"), "daisuke 1");
        photo(daisuke.resolve("夏").resolve("2.jpg"), "daisuke 2");
        photo(daisuke.resolve(".DS_Store"), "finder");
        photo(photos.resolve("kenji").resolve("kenji.png"), "kenji");
        photo(photos.resolve("ごろう").resolve("ごろう.jpg"), "goro");
        photo(photos.resolve("選ばれなかった人").resolve("x.jpg"), "not chosen");
        before = snapshot(photos);
    }

    @Test
    void linksPointAtTheOriginalsWhichStayAsTheyWere() throws Exception {
        Path out = temp.resolve("学習用");
        RepresentativeFolders.Written written = RepresentativeFolders.write(CHOSEN, photos, out,
                RepresentativeFolders.Mode.LINK);
        assertEquals(out, written.folder());
        assertEquals(4, written.photos());
        // The survey says だいすけ (NFC); the person folder keeps the photo folder's own spelling (NFD here).
        Path link = out.resolve("しょうゆ顔").resolve(DAISUKE_NFD).resolve("夏").resolve("2.jpg");
        assertTrue(Files.isSymbolicLink(link), "a link, not a copy");
        assertTrue(Files.readSymbolicLink(link).isAbsolute());
        assertEquals("daisuke 2", Files.readString(link, StandardCharsets.UTF_8));
        assertEquals(List.of("しょうゆ顔", "塩顔"), names(out));
        assertEquals(List.of("kenji", DAISUKE_NFD), names(out.resolve("しょうゆ顔")),
                "person folders are named as in the photo folder (Kenji matched kenji)");
        assertEquals(List.of("1.jpg", "夏"), names(out.resolve("しょうゆ顔").resolve(DAISUKE_NFD)),
                "hidden files are left out, sub-folders kept");
        assertEquals(before, snapshot(photos), "the photo folder is untouched");
        assertEquals(List.of(".DS_Store", "1.jpg", "夏"), names(photos.resolve(DAISUKE_NFD)), "nothing moved out of it");
        assertNoPartialFolder();
    }

    @Test
    void copiesAreIndependentFilesWithTheSameBytes() throws Exception {
        Path out = temp.resolve("copies");
        RepresentativeFolders.write(CHOSEN, photos, out, RepresentativeFolders.Mode.COPY);
        Path copy = out.resolve("塩顔").resolve("ごろう").resolve("ごろう.jpg");
        assertFalse(Files.isSymbolicLink(copy));
        assertArrayEquals(Files.readAllBytes(photos.resolve("ごろう").resolve("ごろう.jpg")), Files.readAllBytes(copy));
        Files.writeString(copy, "changed");
        assertEquals("goro", Files.readString(photos.resolve("ごろう").resolve("ごろう.jpg")), "the original is apart");
        assertEquals(before, snapshot(photos));
    }

    @Test
    void anEmptyOutputFolderIsUsedAndTypesWithoutPeopleGetNoFolder() throws Exception {
        Path out = Files.createDirectories(temp.resolve("empty"));
        Map<String, List<String>> chosen = new java.util.LinkedHashMap<>(CHOSEN);
        chosen.put("砂糖顔", List.of());
        RepresentativeFolders.write(chosen, photos, out, RepresentativeFolders.Mode.COPY);
        assertEquals(List.of("しょうゆ顔", "塩顔"), names(out));
    }

    @Test
    void theOutputMayNotBeInsideThePhotoFolderEvenThroughALink() throws Exception {
        SurveyException inside = refused(photos.resolve("out"), SurveyException.Problem.OUTPUT_INSIDE_PHOTOS);
        assertTrue(inside.getMessage().endsWith("would be written inside the photo folder " + photos
                + ", which facetype never changes; write it somewhere else"), inside.getMessage());
        refused(photos, SurveyException.Problem.OUTPUT_INSIDE_PHOTOS);
        Path alias = Files.createSymbolicLink(temp.resolve("alias"), photos);
        refused(alias.resolve("out"), SurveyException.Problem.OUTPUT_INSIDE_PHOTOS);
        assertEquals(before, snapshot(photos));
    }

    @Test
    void aFolderWithSomethingInItIsNeverWrittenInto() throws Exception {
        Path out = temp.resolve("used");
        photo(out.resolve("keep.txt"), "mine");
        SurveyException e = refused(out, SurveyException.Problem.OUTPUT_NOT_EMPTY);
        assertEquals(out + " is not empty: give a new or empty folder (facetype never overwrites or deletes)", e.getMessage());
        assertEquals(List.of("keep.txt"), names(out));
        refused(out.resolve("keep.txt"), SurveyException.Problem.OUTPUT_NOT_EMPTY);
    }

    @Test
    void aMissingPersonFolderIsNamedAndNothingIsWritten() throws Exception {
        Path out = temp.resolve("never");
        Map<String, List<String>> chosen = Map.of("塩顔", List.of("ごろう", "はなこ"));
        SurveyException e = assertThrows(SurveyException.class,
                () -> RepresentativeFolders.write(chosen, photos, out, RepresentativeFolders.Mode.LINK));
        assertEquals(SurveyException.Problem.NO_PERSON_FOLDER, e.problem());
        assertEquals(photos + ": no folder for はなこ (folders there: kenji, ごろう, " + DAISUKE_NFD
                + ", 選ばれなかった人); name each person's folder as the survey's column does", e.getMessage());
        assertFalse(Files.exists(out));
        assertNoPartialFolder();
    }

    @Test
    void aPersonFolderWithOnlyHiddenFilesHasNoPhoto() throws Exception {
        photo(photos.resolve("ひろし").resolve(".hidden.jpg"), "x");
        SurveyException e = assertThrows(SurveyException.class, () -> RepresentativeFolders.write(
                Map.of("塩顔", List.of("ひろし")), photos, temp.resolve("o"), RepresentativeFolders.Mode.LINK));
        assertEquals(SurveyException.Problem.NO_PERSON_PHOTOS, e.problem());
    }

    @Test
    void namesThatCannotBeFoldersAreRefused() {
        for (String name : List.of("しょうゆ/ソース", "..", "塩顔?", "塩顔.", " ")) {
            SurveyException e = assertThrows(SurveyException.class, () -> RepresentativeFolders.write(
                    Map.of(name, List.of("ごろう")), photos, temp.resolve("o"), RepresentativeFolders.Mode.LINK), name);
            assertEquals(SurveyException.Problem.BAD_FOLDER_NAME, e.problem(), name);
            assertEquals(name, e.details().get(0));
        }
        assertFalse(Files.exists(temp.resolve("o")));
    }

    @Test
    void aMissingPhotoFolderIsNamed() {
        Path missing = temp.resolve("nowhere");
        SurveyException e = assertThrows(SurveyException.class, () -> RepresentativeFolders.write(CHOSEN, missing,
                temp.resolve("o"), RepresentativeFolders.Mode.LINK));
        assertEquals(SurveyException.Problem.NO_PHOTO_FOLDER, e.problem());
        assertEquals(missing + ": no such photo folder", e.getMessage());
    }

    private SurveyException refused(Path out, SurveyException.Problem problem) {
        SurveyException e = assertThrows(SurveyException.class,
                () -> RepresentativeFolders.write(CHOSEN, photos, out, RepresentativeFolders.Mode.LINK));
        assertEquals(problem, e.problem(), e.getMessage());
        return e;
    }

    private void assertNoPartialFolder() throws Exception {
        try (Stream<Path> children = Files.list(temp)) {
            assertEquals(List.of(), children.map(p -> p.getFileName().toString()).filter(n -> n.contains(".partial-"))
                    .toList(), "no staging folder is left behind");
        }
    }

    private static void photo(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L));
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> children = Files.list(folder)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every path under {@code root} with its kind, size and modification time. */
    private static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                state.put(root.relativize(path).toString(), (Files.isDirectory(path) ? "dir" : Files.size(path) + " bytes")
                        + " " + Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toMillis());
            }
        }
        return state;
    }
}
