package dev.facetype.dataset.cache;

import dev.facetype.dataset.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * Prepared photos on disk, so that a second run over the same folder decodes and detects nothing. Two levels,
 * both keyed by the photo file's SHA-256 and the settings that shape them:
 *
 * <ul>
 *   <li>{@code detections/<key>/}: decoding and detection ({@link DetectionRecord}); the key covers the
 *       loader and detector settings. A new crop or quality setting re-crops from these without
 *       detecting again.</li>
 *   <li>{@code crops/<key>/}: the finished outcome with its uint8 crops ({@link PhotoOutcome}); the key also
 *       covers crop, quality and face-policy settings.</li>
 * </ul>
 *
 * A changed file has a new hash and a changed setting a new key, so exactly the affected entries are
 * recomputed. Writes are atomic (temporary file, then rename), so concurrent runs and crashes leave whole
 * entries or none; every entry carries a checksum and its own key, and a damaged one reads as
 * {@link CacheLookup.Status#CORRUPT}. Nothing is ever written outside the cache folder. Safe for concurrent
 * use. Nothing is evicted: deleting the folder is always safe.
 */
public final class CropCache {

    /** Environment variable of the XDG base-directory rules for user caches. */
    public static final String XDG_CACHE_HOME = "XDG_CACHE_HOME";

    private static final String LAYOUT = "v" + CacheCodec.VERSION;

    private final Path directory;

    /** A cache in {@code directory} (created when first written). */
    public CropCache(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    }

    /** {@code $XDG_CACHE_HOME/facetype}, or {@code ~/.cache/facetype} when that variable is unset. */
    public static Path defaultDirectory() {
        return defaultDirectory(System.getenv(), System.getProperty("user.home"));
    }

    /** The default folder for the given environment and home folder. */
    public static Path defaultDirectory(Map<String, String> environment, String userHome) {
        String xdg = environment.get(XDG_CACHE_HOME);
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "facetype");
        }
        return Path.of(userHome, ".cache", "facetype");
    }

    /** The cache folder (absolute). */
    public Path directory() {
        return directory;
    }

    /** A short, file-name-safe key for a settings description: hex SHA-256 of its UTF-8 bytes. */
    public static String keyOf(String settingsDescription) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(settingsDescription.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The cached decoding and detection of a file under detection settings, a miss, or a corrupt entry. */
    public CacheLookup<DetectionRecord> readDetections(String fileSha, String settingsKey) {
        return read(CacheCodec.DETECTIONS, fileSha, settingsKey, CacheCodec::detections);
    }

    /** Stores a detection record (atomically; see the class comment). */
    public void writeDetections(String fileSha, String settingsKey, DetectionRecord record) throws IOException {
        write(CacheCodec.DETECTIONS, fileSha, settingsKey, CacheCodec.detections(record));
    }

    /** The cached finished crops of a file under all settings, a miss, or a corrupt entry. */
    public CacheLookup<PhotoOutcome> readOutcome(String fileSha, String settingsKey) {
        return read(CacheCodec.OUTCOME, fileSha, settingsKey, CacheCodec::outcome);
    }

    /** Stores a photo outcome (atomically; see the class comment). */
    public void writeOutcome(String fileSha, String settingsKey, PhotoOutcome outcome) throws IOException {
        write(CacheCodec.OUTCOME, fileSha, settingsKey, CacheCodec.outcome(outcome));
    }

    /**
     * Writes a readable {@code settings.txt} beside the entries of a key, once, so that a person looking into
     * the cache can tell the folders apart.
     */
    public void describe(String settingsKey, String settingsDescription, boolean detectionLevel) throws IOException {
        Path file = folder(detectionLevel ? CacheCodec.DETECTIONS : CacheCodec.OUTCOME, settingsKey).resolve("settings.txt");
        if (!Files.exists(file)) {
            AtomicFiles.write(file, (settingsDescription.replace("|", "\n") + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Where the entry for a file and settings key lives. */
    public Path entryPath(boolean detectionLevel, String fileSha, String settingsKey) {
        return entry(detectionLevel ? CacheCodec.DETECTIONS : CacheCodec.OUTCOME, fileSha, settingsKey);
    }

    private interface Parser<T> {
        T parse(byte[] payload) throws IOException;
    }

    private <T> CacheLookup<T> read(byte kind, String fileSha, String settingsKey, Parser<T> parser) {
        Path file = entry(kind, fileSha, settingsKey);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return CacheLookup.miss();
        } catch (IOException e) {
            return CacheLookup.corrupt(file + " cannot be read: " + e.getMessage());
        }
        try {
            return CacheLookup.hit(parser.parse(CacheCodec.decode(bytes, kind, fileSha, settingsKey)));
        } catch (IOException e) {
            return CacheLookup.corrupt(file + ": " + e.getMessage());
        }
    }

    private void write(byte kind, String fileSha, String settingsKey, byte[] payload) throws IOException {
        AtomicFiles.write(entry(kind, fileSha, settingsKey), CacheCodec.encode(kind, fileSha, settingsKey, payload));
    }

    private Path folder(byte kind, String settingsKey) {
        return directory.resolve(LAYOUT).resolve(kind == CacheCodec.DETECTIONS ? "detections" : "crops")
                .resolve(settingsKey.substring(0, Math.min(16, settingsKey.length())));
    }

    private Path entry(byte kind, String fileSha, String settingsKey) {
        if (!fileSha.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a hex SHA-256: '" + fileSha + "'");
        }
        return folder(kind, settingsKey).resolve(fileSha.substring(0, 2)).resolve(fileSha + ".bin");
    }
}
