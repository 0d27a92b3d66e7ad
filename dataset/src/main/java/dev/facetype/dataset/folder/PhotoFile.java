package dev.facetype.dataset.folder;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file of the folder tree whose first bytes say it is an image of a readable format.
 *
 * @param file         where it is (possibly through a symbolic link)
 * @param relativePath relative to the dataset root, {@code /} separators, names as on disk
 * @param labelIndex   index of its type in the scan's labels
 * @param label        its type: the type folder's name, NFC
 * @param person       its person folder's name (NFC), or {@code null} without a person level
 * @param bytes        file size
 * @param format       the format recognised from the content ({@code JPEG}, {@code TIFF}, ...)
 */
public record PhotoFile(Path file, String relativePath, int labelIndex, String label, String person, long bytes,
                        String format) {

    public PhotoFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(format, "format");
    }
}
