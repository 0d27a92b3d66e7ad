package dev.facetype.dataset;

import dev.facetype.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Real photos of the shared sets, and small folder trees built from them in a test's temporary folder. */
final class SharedPhotos {

    /** The four face types of the study. */
    static final List<String> STUDY_TYPES = List.of("しょうゆ顔", "ソース顔", "砂糖顔", "塩顔");

    private SharedPhotos() {
    }

    /** The London Set ids (file names without ".jpg"), sorted; both expressions exist for each. */
    static List<String> londonIds() {
        try (Stream<Path> files = Files.list(SharedData.require("data/london-faces/derived/small_256/neutral"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jpg"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code index}-th London id. */
    static String londonId(int index) {
        return londonIds().get(index);
    }

    /** A London Set photo, the whole 256x256 frame: {@code smiling} or neutral. */
    static Path london(String id, boolean smiling) {
        return SharedData.require("data/london-faces/derived/small_256/" + (smiling ? "smiling" : "neutral") + "/" + id + ".jpg");
    }

    /** A JAFFE photo (256x256 TIFF) by file name, e.g. {@code KA.AN1.39.tiff}. */
    static Path jaffe(String name) {
        return SharedData.require("data/jaffe/images/" + name);
    }

    /** Every JAFFE file name, sorted. */
    static List<String> jaffeNames() {
        try (Stream<Path> files = Files.list(SharedData.require("data/jaffe/images"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tiff")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OpenCV's sheet of handwritten digits: a real image with no face in it. */
    static Path noFace() {
        return SharedData.require("data/opencv-doc-samples/digits.png");
    }

    /** A Yale face: a GIF whose name has no extension. */
    static Path yale(String name) {
        return SharedData.require("data/yalefaces/" + name);
    }

    /** Copies {@code source} to {@code target}, creating folders; returns the target. */
    static Path copy(Path source, Path target) {
        try {
            Files.createDirectories(target.getParent());
            return Files.copy(source, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes bytes to {@code target}, creating folders. */
    static Path write(Path target, byte[] bytes) {
        try {
            Files.createDirectories(target.getParent());
            return Files.write(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The study layout with London photos: each of the four types gets {@code personsPerType} persons, each
     * with a neutral and a smiling photo; persons are the London ids in order from the {@code first}-th.
     */
    static Path studyTree(Path root, int personsPerType, int first) {
        List<String> ids = londonIds();
        int index = first;
        for (String type : STUDY_TYPES) {
            for (int p = 0; p < personsPerType; p++, index++) {
                String london = ids.get(index);
                Path person = root.resolve(type).resolve("person" + london);
                copy(london(london, false), person.resolve("neutral.jpg"));
                copy(london(london, true), person.resolve("smiling.jpg"));
            }
        }
        return root;
    }
}
