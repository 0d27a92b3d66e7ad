package dev.facetype.cli;

import dev.facetype.cli.i18n.Messages;
import dev.facetype.dataset.DatasetPreparer;
import dev.facetype.dataset.FaceDataset;
import dev.facetype.dataset.cache.CropCache;
import dev.facetype.dataset.prepare.PreparationListener;
import dev.facetype.dataset.prepare.PreparationSettings;
import dev.facetype.vision.crop.CropSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prepares photo folders for the commands, and keeps every file the commands write out of them. */
final class PhotoFolders {

    private PhotoFolders() {
    }

    /**
     * Lists, checks and crops the photos under {@code root} (only reading it), caching crops in {@code cache}
     * ({@code null}: the user's cache folder).
     */
    static FaceDataset prepare(Path root, CropSettings crop, Path cache, int threads, PreparationListener listener) {
        DatasetPreparer preparer = DatasetPreparer.builder()
                .settings(PreparationSettings.defaults().withCrop(crop))
                .cacheDirectory(cache == null ? CropCache.defaultDirectory() : cache)
                .threads(Math.max(1, threads))
                .listener(listener)
                .build();
        return preparer.prepare(root);
    }

    /**
     * Checks before any long work that {@code output} can be written and lies outside the photo folder
     * {@code root} (facetype never changes the photos' folder); creates its parent folders.
     *
     * @param whatKey the message key naming the file in errors, e.g. {@code file.model}
     */
    static void checkWritableOutside(Path output, Path root, String whatKey, Messages messages) {
        Path file = output.toAbsolutePath().normalize();
        String what = messages.get(whatKey);
        if (root != null && isInside(file, root)) {
            throw new CliException(ExitCode.USAGE, messages.get("error.insidePhotoFolder", file, what, root));
        }
        if (Files.isDirectory(file)) {
            throw new CliException(ExitCode.USAGE, messages.get("error.outputIsFolder", file, what));
        }
        Path parent = file.getParent();
        try {
            Files.createDirectories(parent);
            Path probe = Files.createTempFile(parent, ".facetype-", ".probe");
            Files.delete(probe);
        } catch (IOException e) {
            throw new CliException(ExitCode.CANNOT_WRITE, messages.get("error.cannotWrite", file, what,
                    e.getClass().getSimpleName() + ": " + e.getMessage()), e);
        }
    }

    /** True when {@code file} (which need not exist yet) lies in the folder {@code root}, links resolved. */
    static boolean isInside(Path file, Path root) {
        Path folder = root.toAbsolutePath().normalize();
        try {
            folder = folder.toRealPath();
            Path parent = file.getParent();
            while (parent != null && !Files.exists(parent)) {
                parent = parent.getParent();
            }
            Path realFile = parent == null ? file : parent.toRealPath().resolve(parent.relativize(file));
            return realFile.startsWith(folder);
        } catch (IOException e) {
            return file.startsWith(folder);
        }
    }
}
