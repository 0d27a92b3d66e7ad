package dev.facetype.examples;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Lays JAFFE out the way facetype reads photos, {@code <type>/<person>/<photo>}: the type is the expression
 * (2nd dot-field of the file name, {@code KA.AN1.39.tiff} is angry), the person the woman (1st field). The
 * tree holds symbolic links to the shared files (copies where links are not allowed), never the photos
 * themselves, and lives outside the repository.
 */
final class JaffeStudyLayout {

    /** JAFFE's expression codes and the folder names used for them. */
    static final Map<String, String> EXPRESSIONS = Map.of("AN", "angry", "DI", "disgust", "FE", "fear", "HA", "happy",
            "NE", "neutral", "SA", "sad", "SU", "surprise");

    private JaffeStudyLayout() {
    }

    /**
     * Fills {@code root} from the JAFFE folder ({@code jaffe/images/*.tiff}); returns the number of photos.
     *
     * @throws IOException when a file name does not follow JAFFE's naming, or the tree cannot be written
     */
    static int build(Path jaffe, Path root) throws IOException {
        Path images = jaffe.resolve("images");
        List<Path> files;
        try (Stream<Path> list = Files.list(images)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".tiff")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no JAFFE photos (*.tiff) in " + images);
        }
        for (Path file : files) {
            String[] fields = file.getFileName().toString().split("\\.");
            String expression = fields.length < 3 || fields[1].length() < 2 ? null : EXPRESSIONS.get(fields[1].substring(0, 2));
            if (expression == null) {
                throw new IOException(file + " does not follow JAFFE's naming <woman>.<expression><take>.<number>.tiff");
            }
            Path link = root.resolve(expression).resolve(fields[0]).resolve(file.getFileName().toString());
            Files.createDirectories(link.getParent());
            try {
                Files.createSymbolicLink(link, file.toAbsolutePath());
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(file, link);
            }
        }
        return files.size();
    }

    /** Deletes a tree made by {@link #build} (or a cache folder); links are removed, never followed. */
    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
