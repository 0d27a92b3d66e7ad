package dev.facetype.cli;

import dev.facetype.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Small real photo folders for the tests, built from the shared London set's whole 256 x 256 photos. */
final class LondonFolders {

    private LondonFolders() {
    }

    /** The set's person numbers (they are not contiguous), sorted. */
    static List<String> people() throws IOException {
        try (Stream<Path> files = Files.list(SharedData.require("data/london-faces/derived/small_256/neutral"))) {
            return files.map(f -> f.getFileName().toString().replace(".jpg", "")).sorted().toList();
        }
    }

    /** The shared photo of the person at {@code index} (0..101) of {@link #people()}, neutral or smiling. */
    static Path photo(String expression, int index) throws IOException {
        return photoOf(expression, people().get(index));
    }

    /** The shared photo of person {@code name} (e.g. {@code "001"}), neutral or smiling. */
    static Path photoOf(String expression, String name) {
        return SharedData.require("data/london-faces/derived/small_256").resolve(expression).resolve(name + ".jpg");
    }

    /**
     * {@code root/<expression>/<NNN>/<NNN>.jpg} for the people at indices {@code first..last} of
     * {@link #people()}, both expressions: the study's {@code <type>/<person>/<photo>} layout.
     */
    static Path build(Path root, int first, int last) throws IOException {
        List<String> people = people();
        for (String expression : new String[] {"neutral", "smiling"}) {
            for (int person = first; person <= last; person++) {
                String name = people.get(person);
                Path target = root.resolve(expression).resolve(name).resolve(name + ".jpg");
                Files.createDirectories(target.getParent());
                Files.copy(photoOf(expression, name), target);
            }
        }
        return root;
    }

    /** Every file and folder under {@code root} with its size and modification time, to prove nothing changed. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                FileTime modified = Files.getLastModifiedTime(path);
                state.put(root.relativize(path).toString(), (Files.isDirectory(path) ? "dir " : Files.size(path) + " bytes ")
                        + modified.toMillis());
            }
        }
        return state;
    }
}
