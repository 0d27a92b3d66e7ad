package dev.facetype.cli.render;

import dev.facetype.classifier.FacePrediction;
import dev.facetype.classifier.LabelScore;
import dev.facetype.classifier.PhotoPrediction;
import dev.facetype.vision.detect.FaceBox;
import java.util.List;
import java.util.Locale;

/** The checker's answer for one photo as text: per face its box, its type and every type's probability. */
public final class PredictionText {

    private PredictionText() {
    }

    /** Lines like {@code photo.jpg: smiling (93.1 %)} then one line per face with the probabilities. */
    public static String render(String file, PhotoPrediction prediction, List<String> labels) {
        StringBuilder out = new StringBuilder();
        List<FacePrediction> faces = prediction.faces();
        if (faces.isEmpty()) {
            return out.append(file).append(": no face found\n").toString();
        }
        if (faces.size() == 1) {
            out.append(file).append(": ").append(answer(faces.get(0))).append('\n');
        } else {
            out.append(file).append(": ").append(faces.size()).append(" faces, largest first\n");
        }
        for (int i = 0; i < faces.size(); i++) {
            FacePrediction face = faces.get(i);
            FaceBox box = face.box();
            out.append(String.format(Locale.ROOT, "  face %d at x %d, y %d, %d x %d px: ", i + 1, Math.round(box.x()),
                    Math.round(box.y()), Math.round(box.width()), Math.round(box.height())));
            if (faces.size() > 1) {
                out.append(answer(face)).append("; ");
            }
            out.append(probabilities(face, labels)).append('\n');
        }
        return out.toString();
    }

    private static String answer(FacePrediction face) {
        return String.format(Locale.ROOT, "%s%s (%.1f %%)", face.uncertain() ? "uncertain, perhaps " : "", face.label(),
                100 * face.confidence());
    }

    /** Every type in the model's order: {@code neutral 6.9 %, smiling 93.1 %}. */
    private static String probabilities(FacePrediction face, List<String> labels) {
        StringBuilder out = new StringBuilder();
        for (String label : labels) {
            double p = face.scores().stream().filter(s -> s.label().equals(label)).mapToDouble(LabelScore::probability)
                    .findFirst().orElse(0);
            out.append(out.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f %%", label, 100 * p));
        }
        return out.toString();
    }
}
