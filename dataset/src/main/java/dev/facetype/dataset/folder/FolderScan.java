package dev.facetype.dataset.folder;

import dev.facetype.dataset.manifest.ManifestEntry;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link FolderScanner} found: the types, the image files, and every other entry with the reason it
 * was skipped.
 *
 * @param root             the dataset folder
 * @param labels           type names (NFC) in label-index order
 * @param hasPersonFolders true for the {@code root/<type>/<person>/...} layout
 * @param photos           image files, sorted by relative path
 * @param skipped          skipped files and folders, with reasons
 */
public record FolderScan(Path root, List<String> labels, boolean hasPersonFolders, List<PhotoFile> photos,
                         List<ManifestEntry> skipped) {

    public FolderScan {
        labels = List.copyOf(labels);
        photos = List.copyOf(photos);
        skipped = List.copyOf(skipped);
    }
}
