package dev.facetype.examples;

import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.FaceDetector;
import dev.facetype.vision.detect.FaceDetectors;
import dev.facetype.vision.eval.DetectorEvaluation;
import dev.facetype.vision.eval.GroundTruth;
import dev.facetype.vision.eval.LabelledImage;
import dev.facetype.vision.io.ImageLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Face detector benchmark on the two labelled sets: recall, false positives per image and milliseconds per
 * image for YuNet (facetype's default) and the Haar cascade (the study's kind of detector).
 *
 * <ul>
 *   <li>London: 102 whole 512x512 photos, one labelled face each; a face is found at IoU &gt;= 0.5.</li>
 *   <li>dlib: 9 crowd photos with 43 labelled faces ({@code training.xml} + {@code testing.xml}); found at
 *       IoU &gt;= 0.4, as dlib's boxes are tighter than the detectors'.</li>
 * </ul>
 *
 * Time is the {@code detect} call alone (decoding excluded), after one warm-up call, with OpenCV's default
 * threading; each set is run {@code --repeat} times and the fastest pass is reported, which keeps other
 * work on the machine out of the figure. Targets for the default detector: 100 % recall on London, at least 95 % on dlib, at most 0.05
 * false positives per image; the exit status is 1 when they are missed.
 *
 * <pre>
 *   examples/run DetectorBenchmark [--data ../shared/data] [--repeat 3] [--details true]
 * </pre>
 */
public final class DetectorBenchmark {

    private DetectorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = new Arguments(args);
        Path data = Path.of(arguments.text("--data", "../shared/data"));
        boolean details = Boolean.parseBoolean(arguments.text("--details", "false"));
        int repeat = Math.max(1, arguments.integer("--repeat", 3));
        List<LabelledImage> london = GroundTruth.londonFaces(data.resolve("london-faces/derived/frames_512"));
        List<LabelledImage> dlib = new ArrayList<>(GroundTruth.dlibXml(data.resolve("dlib-faces/training.xml")));
        dlib.addAll(GroundTruth.dlibXml(data.resolve("dlib-faces/testing.xml")));
        Path noHumanFace = data.resolve("dlib-faces/dogs.jpg");
        ImageLoader loader = new ImageLoader();

        System.out.printf(Locale.ROOT, "Face detectors on %s (%d London photos, %d dlib crowd photos)%n%n", data,
                london.size(), dlib.size());
        System.out.println("| detector | set | IoU | faces found | recall | false positives | FP/image | ms/image |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        boolean targetsMet = true;
        List<String> notes = new ArrayList<>();
        for (String name : List.of("yunet", "haar")) {
            try (FaceDetector detector = name.equals("yunet") ? FaceDetectors.yunet() : FaceDetectors.haarCascade()) {
                DetectorEvaluation onLondon = fastest(repeat, () -> DetectorEvaluation.run(detector, "London", london, 0.5, loader));
                DetectorEvaluation onDlib = fastest(repeat, () -> DetectorEvaluation.run(detector, "dlib", dlib, 0.4, loader));
                for (DetectorEvaluation result : List.of(onLondon, onDlib)) {
                    printRow(result);
                    if (details) {
                        notes.addAll(describeMistakes(result));
                    }
                }
                if (Files.exists(noHumanFace)) {
                    List<DetectedFace> onDogs = detector.detect(loader.load(noHumanFace));
                    notes.add(String.format(Locale.ROOT, "%s on dlib's dogs.jpg (no human face): %d detection(s)%s",
                            name, onDogs.size(), onDogs.isEmpty() ? "" : ", scores " + scores(onDogs)));
                }
                if (name.equals("yunet")) {
                    targetsMet = onLondon.recall() == 1.0 && onDlib.recall() >= 0.95
                            && onLondon.falsePositivesPerImage() <= 0.05 && onDlib.falsePositivesPerImage() <= 0.05;
                }
            }
        }
        System.out.println();
        notes.forEach(System.out::println);
        System.out.println("Targets for the default (yunet): 100 % recall on London, >= 95 % on dlib, <= 0.05 FP/image: "
                + (targetsMet ? "met" : "NOT MET"));
        if (!targetsMet) {
            System.exit(1);
        }
    }

    /** Detection is deterministic, so passes differ only in time: keep the fastest. */
    private static DetectorEvaluation fastest(int repeat, EvaluationRun run) throws Exception {
        DetectorEvaluation best = null;
        for (int i = 0; i < repeat; i++) {
            DetectorEvaluation result = run.get();
            if (best == null || result.detectNanos() < best.detectNanos()) {
                best = result;
            }
        }
        return best;
    }

    @FunctionalInterface
    private interface EvaluationRun {
        DetectorEvaluation get() throws Exception;
    }

    private static void printRow(DetectorEvaluation result) {
        System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %d / %d | %.1f %% | %d | %.3f | %.1f |%n", result.detector(),
                result.set(), result.minIou(), result.foundFaces(), result.labelledFaces(), 100 * result.recall(),
                result.falsePositives(), result.falsePositivesPerImage(), result.millisPerImage());
    }

    private static List<String> describeMistakes(DetectorEvaluation result) {
        List<String> lines = new ArrayList<>();
        for (DetectorEvaluation.ImageOutcome outcome : result.perImage()) {
            if (!outcome.match().missed().isEmpty() || !outcome.match().falsePositives().isEmpty()) {
                lines.add(String.format(Locale.ROOT, "%s %s %s: missed %s, false %s", result.detector(), result.set(),
                        outcome.image().file().getFileName(), outcome.match().missed(),
                        outcome.match().falsePositives().stream().map(DetectedFace::box).toList()));
            }
        }
        return lines;
    }

    private static String scores(List<DetectedFace> faces) {
        return faces.stream().map(f -> String.format(Locale.ROOT, "%.2f", f.score())).toList().toString();
    }
}
