package dev.facetype.vision;

import dev.facetype.testing.SharedData;
import dev.facetype.vision.eval.GroundTruth;
import dev.facetype.vision.eval.LabelledImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The shared real data sets the tests use, found through {@link SharedData} (which fails when absent). */
public final class SharedSets {

    private SharedSets() {
    }

    public static Path londonFrames() {
        return SharedData.require("data/london-faces/derived/frames_512");
    }

    /** One neutral London photo, 512x512. */
    public static Path londonPhoto(String id) {
        return londonFrames().resolve("neutral").resolve(id + ".jpg");
    }

    /** The 102 neutral London photos with their face boxes. */
    public static List<LabelledImage> londonLabelled() {
        try {
            return GroundTruth.londonFaces(londonFrames());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 9 labelled dlib crowd photos (training.xml + testing.xml, 43 faces). */
    public static List<LabelledImage> dlibLabelled() {
        Path dir = SharedData.require("data/dlib-faces");
        try {
            List<LabelledImage> all = new ArrayList<>(GroundTruth.dlibXml(dir.resolve("training.xml")));
            all.addAll(GroundTruth.dlibXml(dir.resolve("testing.xml")));
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Regular files of a shared folder (recursively), sorted. */
    public static List<Path> files(String relative, String suffix) {
        try (Stream<Path> walk = Files.walk(SharedData.require(relative))) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(p -> !p.getFileName().toString().equals("SOURCE.md"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
