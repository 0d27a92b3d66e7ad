package dev.facetype.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo's photos, shipped inside the jar: 204 whole 256 x 256 photos of the Face Research Lab London Set,
 * 102 people each neutral and smiling, laid out as {@code <expression>/<person>/<person>.jpg}. They are copied
 * to a folder on disk because preparation reads folders.
 *
 * <p>Face images: DeBruine, L. &amp; Jones, B. (2017) Face Research Lab London Set, figshare,
 * doi:10.6084/m9.figshare.5047666.v5, CC BY 4.0. Resized by facetype.
 */
final class DemoData {

    /** The line that must accompany the photos. */
    static final String ATTRIBUTION = "Face images: DeBruine, L. & Jones, B. (2017) Face Research Lab London Set,"
            + " figshare, doi:10.6084/m9.figshare.5047666.v5, CC BY 4.0. Resized by facetype.";

    private static final String FOLDER = "demo/london/";
    private static final String INDEX = "demo/london-photos.txt";

    private DemoData() {
    }

    /** The relative paths of the shipped photos, e.g. {@code neutral/001/001.jpg}. */
    static List<String> photos() {
        try (InputStream in = open(INDEX);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> paths = new ArrayList<>();
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    paths.add(line.trim());
                }
            }
            return paths;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo's photo list", e);
        }
    }

    /** Copies the photos into {@code target} (created if need be) and returns it. */
    static Path extractTo(Path target) throws IOException {
        for (String photo : photos()) {
            Path file = target.resolve(photo);
            Files.createDirectories(file.getParent());
            try (InputStream in = open(FOLDER + photo)) {
                Files.copy(in, file);
            }
        }
        return target;
    }

    /** Deletes a folder made by {@link #extractTo}; best effort. */
    static void delete(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = DemoData.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("the demo photo " + resource + " is missing from the facetype jar (rebuild it)");
        }
        return in;
    }
}
