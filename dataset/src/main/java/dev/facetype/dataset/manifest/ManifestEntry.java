package dev.facetype.dataset.manifest;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of the {@link Manifest}: a file (or a folder worth mentioning, its path ending in {@code /}) and
 * what preparation decided about it.
 *
 * @param path       relative to the dataset root, {@code /} separators, names as on disk
 * @param labelIndex index of the type in the dataset's labels, or -1 outside any type folder
 * @param label      the type (folder name, NFC), empty outside any type folder
 * @param person     the person (folder name, NFC), or {@code null} without a person level
 * @param sha256     hex SHA-256 of the file's bytes, empty when the file was not read
 * @param bytes      file size, or -1 when unknown
 * @param reason     why the file got its decision
 * @param faces      number of face crops kept from it
 * @param detail     the measured values, the decoder's message or the other copy's path; may be empty
 */
public record ManifestEntry(String path, int labelIndex, String label, String person, String sha256, long bytes,
                            FileReason reason, int faces, String detail) {

    public ManifestEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        if (labelIndex < -1) {
            throw new IllegalArgumentException("label index must be -1 or more, got " + labelIndex);
        }
        if (faces < 0 || (faces > 0) != (reason == FileReason.OK)) {
            throw new IllegalArgumentException(path + ": a kept file has faces, any other none (" + reason + ", "
                    + faces + " faces)");
        }
    }

    /** The decision the reason belongs to. */
    public Decision decision() {
        return reason.decision();
    }

    public Optional<String> personName() {
        return Optional.ofNullable(person);
    }

    /** True for a folder line (path ending in {@code /}). */
    public boolean isFolder() {
        return path.endsWith("/");
    }

    /** This entry with another reason, face count and detail. */
    public ManifestEntry withOutcome(FileReason newReason, int newFaces, String newDetail) {
        return new ManifestEntry(path, labelIndex, label, person, sha256, bytes, newReason, newFaces, newDetail);
    }
}
