package dev.facetype.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.dataset.folder.FolderScan;
import dev.facetype.dataset.folder.FolderScanner;
import dev.facetype.dataset.folder.ImageSignature;
import dev.facetype.dataset.folder.PhotoFile;
import dev.facetype.dataset.manifest.FileReason;
import dev.facetype.dataset.manifest.ManifestEntry;
import dev.facetype.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing real folder trees: layouts, Unicode names, content sniffing and every kind of odd entry. */
class FolderScannerTest {

    @TempDir
    Path temp;

    private final FolderScanner scanner = new FolderScanner();

    @Test
    void theStudyLayoutWithJapaneseNamesGivesSortedLabelsAndPersons() {
        Path root = SharedPhotos.studyTree(temp.resolve("photos"), 2, 0);
        FolderScan scan = scanner.scan(root);
        assertEquals(List.of("しょうゆ顔", "ソース顔", "塩顔", "砂糖顔"), scan.labels());
        assertTrue(scan.hasPersonFolders());
        assertEquals(16, scan.photos().size());
        PhotoFile first = scan.photos().get(0);
        assertEquals("しょうゆ顔/person" + SharedPhotos.londonId(0) + "/neutral.jpg", first.relativePath());
        assertEquals(0, first.labelIndex());
        assertEquals("person" + SharedPhotos.londonId(0), first.person());
        assertEquals("JPEG", first.format());
        assertTrue(scan.skipped().isEmpty());
    }

    @Test
    void aGivenLabelOrderIsKeptAndMustNameEveryTypeFolder() {
        Path root = SharedPhotos.studyTree(temp.resolve("photos"), 1, 0);
        List<String> order = List.of("塩顔", "砂糖顔", "ソース顔", "しょうゆ顔");
        assertEquals(order, new FolderScanner(order).scan(root).labels());
        DatasetException missing = assertThrows(DatasetException.class,
                () -> new FolderScanner(List.of("塩顔", "砂糖顔", "ソース顔")).scan(root));
        assertTrue(missing.getMessage().contains("'しょうゆ顔'"), missing.getMessage());
        DatasetException unknown = assertThrows(DatasetException.class,
                () -> new FolderScanner(List.of("塩顔", "砂糖顔", "ソース顔", "しょうゆ顔", "ゴリ顔")).scan(root));
        assertTrue(unknown.getMessage().contains("'ゴリ顔'"), unknown.getMessage());
    }

    @Test
    void namesWrittenInNfdAsMacOsDoesMatchTheirNfcForm() {
        String type = "ゴリ顔";
        String person = "だいご";
        String nfdType = Normalizer.normalize(type, Normalizer.Form.NFD);
        String nfdPerson = Normalizer.normalize(person, Normalizer.Form.NFD);
        assertNotEquals(type, nfdType, "the test needs names that decompose");
        Path root = temp.resolve("photos");
        SharedPhotos.copy(SharedPhotos.london(SharedPhotos.londonId(0), false), root.resolve(nfdType).resolve(nfdPerson).resolve("a.jpg"));
        SharedPhotos.copy(SharedPhotos.london(SharedPhotos.londonId(1), false), root.resolve("塩顔").resolve("b").resolve("b.jpg"));
        FolderScan scan = new FolderScanner(List.of(type, "塩顔")).scan(root);
        assertEquals(List.of(type, "塩顔"), scan.labels());
        PhotoFile photo = scan.photos().get(0);
        assertEquals(type, photo.label());
        assertEquals(person, photo.person());
        // the path stays as on disk, so the file can be opened again
        assertTrue(Files.isRegularFile(root.resolve(photo.relativePath())));
    }

    @Test
    void twoFoldersThatNormaliseToTheSameNameAreAnErrorNamingBoth() {
        String nfc = "ゴリ顔";
        String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
        Path root = temp.resolve("photos");
        SharedPhotos.copy(SharedPhotos.london(SharedPhotos.londonId(0), false), root.resolve(nfc).resolve("a.jpg"));
        SharedPhotos.copy(SharedPhotos.london(SharedPhotos.londonId(1), false), root.resolve(nfd).resolve("b.jpg"));
        DatasetException error = assertThrows(DatasetException.class, () -> scanner.scan(root));
        assertTrue(error.getMessage().contains("'" + nfc + "'") && error.getMessage().contains("'" + nfd + "'"),
                error.getMessage());
    }

    @Test
    void filesAreRecognisedByContentNotByName() throws IOException {
        Path root = temp.resolve("photos");
        Path type = root.resolve("faces");
        SharedPhotos.copy(SharedPhotos.yale("subject01.happy"), type.resolve("subject01.happy"));
        SharedPhotos.copy(SharedPhotos.london(SharedPhotos.londonId(0), false), type.resolve("photo.TXT"));
        SharedPhotos.copy(SharedPhotos.jaffe("KA.AN1.39.tiff"), type.resolve("KA.AN1.39.tiff"));
        SharedPhotos.copy(SharedData.require("data/att_faces/s1/1.pgm"), type.resolve("s1.pgm"));
        SharedPhotos.copy(SharedPhotos.noFace(), type.resolve("digits.png"));
        SharedPhotos.write(type.resolve("notes.JPG"), "shopping list\n".getBytes());
        byte[] heic = new byte[32];
        System.arraycopy("ftypheic".getBytes(), 0, heic, 4, 8);
        SharedPhotos.write(type.resolve("IMG_0001.HEIC"), heic);
        FolderScan scan = scanner.scan(root);
        assertFalse(scan.hasPersonFolders());
        assertEquals(List.of("KA.AN1.39.tiff:TIFF", "digits.png:PNG", "photo.TXT:JPEG", "s1.pgm:PNM", "subject01.happy:GIF"),
                scan.photos().stream().map(p -> p.file().getFileName() + ":" + p.format()).toList());
        assertNull(scan.photos().get(0).person());
        assertEquals(FileReason.NOT_AN_IMAGE, skipped(scan, "faces/notes.JPG").reason());
        assertTrue(skipped(scan, "faces/notes.JPG").detail().contains("73 68 6f 70"), "names the first bytes");
        ManifestEntry heicEntry = skipped(scan, "faces/IMG_0001.HEIC");
        assertEquals(FileReason.UNSUPPORTED_FORMAT, heicEntry.reason());
        assertTrue(heicEntry.detail().contains("HEIC"), heicEntry.detail());
    }

    @Test
    void hiddenFilesAndFoldersAreSkippedAndListed() {
        Path root = SharedPhotos.studyTree(temp.resolve("photos"), 1, 0);
        Path person = root.resolve("塩顔").resolve("person" + SharedPhotos.londonId(3));
        SharedPhotos.write(root.resolve(".DS_Store"), new byte[] {1});
        SharedPhotos.copy(SharedPhotos.london(SharedPhotos.londonId(5), false), person.resolve("._neutral.jpg"));
        SharedPhotos.copy(SharedPhotos.london(SharedPhotos.londonId(6), false), root.resolve("ソース顔").resolve(".trash").resolve("x.jpg"));
        FolderScan scan = scanner.scan(root);
        assertEquals(8, scan.photos().size());
        assertEquals(FileReason.HIDDEN, skipped(scan, ".DS_Store").reason());
        assertEquals(FileReason.HIDDEN, skipped(scan, "塩顔/person" + SharedPhotos.londonId(3) + "/._neutral.jpg").reason());
        assertEquals(FileReason.HIDDEN, skipped(scan, "ソース顔/.trash/").reason());
        assertEquals(3, scan.skipped().size(), "the hidden folder's contents are not listed one by one");
    }

    @Test
    void anEmptyTypeFolderIsAnErrorNamingIt() throws IOException {
        Path root = SharedPhotos.studyTree(temp.resolve("photos"), 1, 0);
        Files.createDirectories(root.resolve("ゴリ顔"));
        DatasetException error = assertThrows(DatasetException.class, () -> scanner.scan(root));
        assertTrue(error.getMessage().contains("'ゴリ顔'") && error.getMessage().contains("empty"), error.getMessage());
    }

    @Test
    void aTypeFolderWithoutAnyImageIsAnErrorListingWhatWasSkipped() {
        Path root = temp.resolve("photos");
        SharedPhotos.copy(SharedPhotos.london(SharedPhotos.londonId(0), false), root.resolve("しょうゆ顔").resolve("a.jpg"));
        SharedPhotos.write(root.resolve("塩顔").resolve("readme.txt"), "photos to come\n".getBytes());
        DatasetException error = assertThrows(DatasetException.class, () -> scanner.scan(root));
        assertTrue(error.getMessage().contains("'塩顔'") && error.getMessage().contains("readme.txt")
                && error.getMessage().contains("not an image"), error.getMessage());
    }

    @Test
    void brokenLinksAndLinkLoopsAreReportedNotFatal() throws IOException {
        Path root = SharedPhotos.studyTree(temp.resolve("photos"), 1, 0);
        Path person = root.resolve("砂糖顔").resolve("person" + SharedPhotos.londonId(2));
        Files.createSymbolicLink(person.resolve("gone.jpg"), temp.resolve("deleted.jpg"));
        Files.createSymbolicLink(person.resolve("loop"), person);
        Files.createSymbolicLink(root.resolve("塩顔").resolve("person" + SharedPhotos.londonId(3)).resolve("up"), root);
        FolderScan scan = scanner.scan(root);
        assertEquals(8, scan.photos().size());
        String base = "砂糖顔/person" + SharedPhotos.londonId(2) + "/";
        assertEquals(FileReason.UNREADABLE, skipped(scan, base + "gone.jpg").reason());
        assertTrue(skipped(scan, base + "gone.jpg").detail().contains("broken symbolic link"));
        assertEquals(FileReason.SYMLINK_LOOP, skipped(scan, base + "loop/").reason());
        assertEquals(FileReason.SYMLINK_LOOP, skipped(scan, "塩顔/person" + SharedPhotos.londonId(3) + "/up/").reason());
    }

    @Test
    void photosBelowAPersonFolderBelongToThatPerson() {
        Path root = SharedPhotos.studyTree(temp.resolve("photos"), 1, 0);
        Path deep = root.resolve("塩顔").resolve("person" + SharedPhotos.londonId(3)).resolve("2019").resolve("summer");
        SharedPhotos.copy(SharedPhotos.london(SharedPhotos.londonId(9), true), deep.resolve("beach.jpg"));
        PhotoFile photo = scanner.scan(root).photos().stream().filter(p -> p.relativePath().endsWith("beach.jpg"))
                .findFirst().orElseThrow();
        assertEquals("person" + SharedPhotos.londonId(3), photo.person());
    }

    @Test
    void looseFilesEmptyPersonFoldersAndStrayRootFilesAreReported() throws IOException {
        Path root = SharedPhotos.studyTree(temp.resolve("photos"), 1, 0);
        SharedPhotos.copy(SharedPhotos.london(SharedPhotos.londonId(7), false), root.resolve("塩顔").resolve("loose.jpg"));
        Files.createDirectories(root.resolve("塩顔").resolve("nobody"));
        SharedPhotos.write(root.resolve("README.txt"), "my photos\n".getBytes());
        FolderScan scan = scanner.scan(root);
        assertEquals(FileReason.NOT_IN_PERSON_FOLDER, skipped(scan, "塩顔/loose.jpg").reason());
        assertEquals(FileReason.EMPTY_FOLDER, skipped(scan, "塩顔/nobody/").reason());
        assertEquals(FileReason.NOT_IN_TYPE_FOLDER, skipped(scan, "README.txt").reason());
    }

    @Test
    void aMixedLayoutIsAnErrorNamingBothKinds() {
        Path root = temp.resolve("photos");
        SharedPhotos.copy(SharedPhotos.london(SharedPhotos.londonId(0), false), root.resolve("しょうゆ顔").resolve("taro").resolve("a.jpg"));
        SharedPhotos.copy(SharedPhotos.london(SharedPhotos.londonId(1), false), root.resolve("塩顔").resolve("b.jpg"));
        DatasetException error = assertThrows(DatasetException.class, () -> scanner.scan(root));
        assertTrue(error.getMessage().contains("'しょうゆ顔'") && error.getMessage().contains("'塩顔'"), error.getMessage());
    }

    @Test
    void aMissingRootAFileAsRootAndARootWithoutTypeFoldersAreErrors() throws IOException {
        Path missing = temp.resolve("nowhere");
        assertTrue(assertThrows(DatasetException.class, () -> scanner.scan(missing)).getMessage().contains("does not exist"));
        Path file = SharedPhotos.copy(SharedPhotos.london(SharedPhotos.londonId(0), false), temp.resolve("one.jpg"));
        assertTrue(assertThrows(DatasetException.class, () -> scanner.scan(file)).getMessage().contains("not a folder"));
        Path flat = Files.createDirectories(temp.resolve("flat"));
        SharedPhotos.copy(SharedPhotos.london(SharedPhotos.londonId(0), false), flat.resolve("a.jpg"));
        assertTrue(assertThrows(DatasetException.class, () -> scanner.scan(flat)).getMessage().contains("No type folders"));
    }

    @Test
    void signaturesOfTheCommonFormats() {
        assertEquals(ImageSignature.Kind.IMAGE, ImageSignature.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}).kind());
        assertEquals("WebP", ImageSignature.of("RIFF\0\0\0\0WEBPVP8 ".getBytes()).format());
        assertEquals(ImageSignature.Kind.NOT_AN_IMAGE, ImageSignature.of("BMW 320i".getBytes()).kind());
        assertEquals(ImageSignature.Kind.NOT_AN_IMAGE, ImageSignature.of(new byte[0]).kind());
    }

    private static ManifestEntry skipped(FolderScan scan, String path) {
        return scan.skipped().stream().filter(e -> e.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("not skipped: " + path + " in " + scan.skipped()));
    }
}
