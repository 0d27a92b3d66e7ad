package dev.facetype.vision.opencv;

import dev.facetype.testing.SharedData;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.eval.DetectorEvaluation;
import dev.facetype.vision.eval.GroundTruth;
import dev.facetype.vision.eval.LabelledImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The two labelled shared sets (found through {@link SharedData}, which fails when they are absent). */
final class LabelledSets {

    private LabelledSets() {
    }

    /** The 102 neutral London photos (512 x 512) with their face boxes. */
    static List<LabelledImage> london() {
        try {
            return GroundTruth.londonFaces(SharedData.require("data/london-faces/derived/frames_512"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 9 labelled dlib crowd photos (training.xml + testing.xml, 43 faces). */
    static List<LabelledImage> dlib() {
        Path dir = SharedData.require("data/dlib-faces");
        try {
            List<LabelledImage> all = new ArrayList<>(GroundTruth.dlibXml(dir.resolve("training.xml")));
            all.addAll(GroundTruth.dlibXml(dir.resolve("testing.xml")));
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String missed(DetectorEvaluation result) {
        return result.perImage().stream().filter(o -> !o.match().missed().isEmpty())
                .map(o -> o.image().file().getFileName() + " " + o.match().missed()).toList().toString();
    }

    static String falsePositives(DetectorEvaluation result) {
        return result.perImage().stream().filter(o -> !o.match().falsePositives().isEmpty())
                .map(o -> o.image().file().getFileName() + " " + o.match().falsePositives().stream()
                        .map(DetectedFace::box).toList()).toList().toString();
    }
}
