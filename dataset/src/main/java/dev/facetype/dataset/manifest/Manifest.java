package dev.facetype.dataset.manifest;

import dev.facetype.dataset.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every file of a dataset folder with its hash, size, type, person and what preparation decided and why.
 * Written as UTF-8 CSV (one header line, then one line per entry, sorted by path) and read back the same.
 * Immutable.
 */
public final class Manifest {

    /** The CSV header, in column order. */
    public static final List<String> COLUMNS = List.of("path", "label_index", "label", "person", "sha256", "bytes",
            "decision", "reason", "faces", "detail");

    private final List<String> labels;
    private final List<ManifestEntry> entries;

    /**
     * @param labels  the types in label-index order
     * @param entries the entries in any order; kept sorted by path
     */
    public Manifest(List<String> labels, List<ManifestEntry> entries) {
        this.labels = List.copyOf(labels);
        List<ManifestEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(ManifestEntry::path));
        this.entries = List.copyOf(sorted);
        for (ManifestEntry entry : this.entries) {
            if (entry.labelIndex() >= this.labels.size()
                    || (entry.labelIndex() >= 0 && !this.labels.get(entry.labelIndex()).equals(entry.label()))) {
                throw new IllegalArgumentException(entry.path() + ": label '" + entry.label() + "' with index "
                        + entry.labelIndex() + " does not match the labels " + this.labels);
            }
        }
    }

    public List<String> labels() {
        return labels;
    }

    /** All entries, sorted by path. */
    public List<ManifestEntry> entries() {
        return entries;
    }

    /** The entries with the given decision. */
    public List<ManifestEntry> entries(Decision decision) {
        return entries.stream().filter(e -> e.decision() == decision).toList();
    }

    /** Every entry that is not kept: what the user should look at. */
    public List<ManifestEntry> problems() {
        return entries.stream().filter(e -> e.decision() != Decision.KEPT).toList();
    }

    /** How many entries have each reason (reasons with none are left out). */
    public Map<FileReason, Integer> countByReason() {
        Map<FileReason, Integer> counts = new EnumMap<>(FileReason.class);
        for (ManifestEntry entry : entries) {
            counts.merge(entry.reason(), 1, Integer::sum);
        }
        return counts;
    }

    /** The entry for a relative path. */
    public java.util.Optional<ManifestEntry> entry(String path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst();
    }

    /** The manifest as CSV text. */
    public String toCsv() {
        StringBuilder out = new StringBuilder(Csv.line(COLUMNS));
        for (ManifestEntry e : entries) {
            out.append(Csv.line(List.of(e.path(), Integer.toString(e.labelIndex()), e.label(),
                    e.person() == null ? "" : e.person(), e.sha256(), Long.toString(e.bytes()),
                    e.decision().name(), e.reason().name(), Integer.toString(e.faces()), e.detail())));
        }
        return out.toString();
    }

    /** Hex SHA-256 of {@link #toCsv()}: changes when any file, hash or decision changes. */
    public String sha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(toCsv().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Writes the CSV to {@code file} atomically (the caller chooses where; never the photo folder). */
    public void writeCsv(Path file) throws IOException {
        AtomicFiles.write(file, toCsv().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a manifest written by {@link #writeCsv}.
     *
     * @throws IOException when the file cannot be read, or with a message naming the file and line when it
     *     is not such a manifest
     */
    public static Manifest readCsv(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not a manifest: the file is not UTF-8 text", e);
        }
        try {
            return parseCsv(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a valid manifest: " + e.getMessage(), e);
        }
    }

    /**
     * Parses the CSV text of a manifest.
     *
     * @throws IllegalArgumentException naming the line and the problem
     */
    public static Manifest parseCsv(String text) {
        List<List<String>> records = Csv.parse(Objects.requireNonNull(text, "text"));
        if (records.isEmpty() || !records.get(0).equals(COLUMNS)) {
            throw new IllegalArgumentException("line 1 must be the header " + String.join(",", COLUMNS));
        }
        List<ManifestEntry> entries = new ArrayList<>();
        Map<Integer, String> labelsByIndex = new java.util.TreeMap<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> f = records.get(i);
            String where = "record " + (i + 1);
            if (f.size() != COLUMNS.size()) {
                throw new IllegalArgumentException(where + " has " + f.size() + " fields, expected " + COLUMNS.size());
            }
            try {
                FileReason reason = FileReason.valueOf(f.get(7));
                if (!reason.decision().name().equals(f.get(6))) {
                    throw new IllegalArgumentException("decision " + f.get(6) + " does not go with reason " + reason);
                }
                int labelIndex = Integer.parseInt(f.get(1));
                ManifestEntry entry = new ManifestEntry(f.get(0), labelIndex, f.get(2), f.get(3).isEmpty() ? null : f.get(3),
                        f.get(4), Long.parseLong(f.get(5)), reason, Integer.parseInt(f.get(8)), f.get(9));
                if (labelIndex >= 0) {
                    String earlier = labelsByIndex.putIfAbsent(labelIndex, entry.label());
                    if (earlier != null && !earlier.equals(entry.label())) {
                        throw new IllegalArgumentException("label index " + labelIndex + " is '" + entry.label()
                                + "' here but '" + earlier + "' before");
                    }
                }
                entries.add(entry);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        List<String> labels = new ArrayList<>();
        for (Map.Entry<Integer, String> label : labelsByIndex.entrySet()) {
            if (label.getKey() != labels.size()) {
                throw new IllegalArgumentException("no entry has label index " + labels.size());
            }
            labels.add(label.getValue());
        }
        return new Manifest(labels, entries);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Manifest that && labels.equals(that.labels) && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(labels, entries);
    }

    @Override
    public String toString() {
        return "Manifest[" + entries.size() + " entries, labels " + labels + "]";
    }
}
