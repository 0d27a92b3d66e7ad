package dev.facetype.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.dataset.manifest.Decision;
import dev.facetype.dataset.manifest.FileReason;
import dev.facetype.dataset.manifest.Manifest;
import dev.facetype.dataset.manifest.ManifestEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest's CSV form: what is written reads back equal, and a damaged file is refused with its line. */
class ManifestTest {

    @TempDir
    Path temp;

    private final List<String> labels = List.of("しょうゆ顔", "塩顔");
    private final Manifest manifest = new Manifest(labels, List.of(
            new ManifestEntry("塩顔/はなこ/b.jpg", 1, "塩顔", "はなこ", Synthetic.sha(2), 2048, FileReason.NO_FACE, 0,
                    "no face found by the yunet detector"),
            new ManifestEntry("しょうゆ顔/たろう/a, \"quoted\".jpg", 0, "しょうゆ顔", "たろう", Synthetic.sha(1), 1024,
                    FileReason.OK, 1, "near-duplicate of x.jpg (distance 3)\nsecond line"),
            new ManifestEntry("README.txt", -1, "", null, "", -1, FileReason.NOT_IN_TYPE_FOLDER, 0, "")));

    @Test
    void writtenCsvReadsBackEqualWithCommasQuotesLineBreaksAndJapanese() throws IOException {
        Path file = temp.resolve("manifest.csv");
        manifest.writeCsv(file);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("path,label_index,label,person,sha256,bytes,decision,reason,faces,detail\n"), text);
        Manifest read = Manifest.readCsv(file);
        assertEquals(manifest, read);
        assertEquals(labels, read.labels());
        assertEquals(manifest.sha256(), read.sha256());
        assertEquals("README.txt", read.entries().get(0).path(), "entries are sorted by path");
    }

    @Test
    void decisionsAndCountsFollowTheReasons() {
        assertEquals(1, manifest.entries(Decision.KEPT).size());
        assertEquals(2, manifest.problems().size());
        assertEquals(1, manifest.countByReason().get(FileReason.NO_FACE));
        assertEquals(Decision.SKIPPED, manifest.entry("README.txt").orElseThrow().decision());
    }

    @Test
    void theHashChangesWithAnyDecision() {
        List<ManifestEntry> entries = new java.util.ArrayList<>(manifest.entries());
        entries.set(2, entries.get(2).withOutcome(FileReason.BLURRY, 0, "blurred"));
        assertNotEquals(manifest.sha256(), new Manifest(labels, entries).sha256());
    }

    @Test
    void aDamagedManifestIsRefusedNamingTheFileAndRecord() throws IOException {
        Path file = temp.resolve("manifest.csv");
        manifest.writeCsv(file);
        String text = Files.readString(file).replace("NO_FACE", "NO_SUCH_REASON");
        Files.writeString(file, text);
        IOException error = assertThrows(IOException.class, () -> Manifest.readCsv(file));
        assertTrue(error.getMessage().contains(file.toString()) && error.getMessage().contains("record"), error.getMessage());
        Files.writeString(file, "name,size\nx,1\n");
        assertTrue(assertThrows(IOException.class, () -> Manifest.readCsv(file)).getMessage().contains("header"));
        Files.write(file, new byte[] {(byte) 0xC3, 0x28});
        assertTrue(assertThrows(IOException.class, () -> Manifest.readCsv(file)).getMessage().contains("UTF-8"));
    }

    @Test
    void anEntryMustAgreeWithItsDecision() {
        assertThrows(IllegalArgumentException.class, () -> new ManifestEntry("a.jpg", 0, "x", null, "", 1, FileReason.OK, 0, ""));
        assertThrows(IllegalArgumentException.class, () -> new ManifestEntry("a.jpg", 0, "x", null, "", 1, FileReason.NO_FACE, 1, ""));
        assertThrows(IllegalArgumentException.class, () -> new Manifest(labels, List.of(
                new ManifestEntry("a.jpg", 0, "塩顔", null, "", 1, FileReason.NO_FACE, 0, ""))));
    }
}
