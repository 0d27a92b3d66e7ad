package dev.facetype.cli.render;

import dev.facetype.classifier.FacePrediction;
import dev.facetype.classifier.LabelScore;
import dev.facetype.classifier.PhotoPrediction;
import dev.facetype.cli.i18n.Language;
import dev.facetype.cli.i18n.Messages;
import dev.facetype.vision.detect.FaceBox;
import java.util.List;

/** The checker's answer for one photo as text: per face its box, its type and every type's probability. */
public final class PredictionText {

    private PredictionText() {
    }

    /** Lines like {@code photo.jpg: smiling (93.1 %)} then one line per face with the probabilities, in English. */
    public static String render(String file, PhotoPrediction prediction, List<String> labels) {
        return render(file, prediction, labels, Messages.of(Language.ENGLISH));
    }

    /** As {@link #render(String, PhotoPrediction, List)}, in the language of {@code messages}. */
    public static String render(String file, PhotoPrediction prediction, List<String> labels, Messages messages) {
        StringBuilder out = new StringBuilder();
        List<FacePrediction> faces = prediction.faces();
        if (faces.isEmpty()) {
            return out.append(messages.get("predict.noFace", file)).append('\n').toString();
        }
        if (faces.size() == 1) {
            out.append(file).append(": ").append(answer(faces.get(0), messages)).append('\n');
        } else {
            out.append(messages.get("predict.faces", file, faces.size())).append('\n');
        }
        for (int i = 0; i < faces.size(); i++) {
            FacePrediction face = faces.get(i);
            FaceBox box = face.box();
            out.append(messages.get("predict.face", i + 1, Math.round(box.x()), Math.round(box.y()),
                    Math.round(box.width()), Math.round(box.height())));
            if (faces.size() > 1) {
                out.append(answer(face, messages)).append("; ");
            }
            out.append(probabilities(face, labels, messages)).append('\n');
        }
        return out.toString();
    }

    private static String answer(FacePrediction face, Messages messages) {
        return messages.get(face.uncertain() ? "predict.uncertainAnswer" : "predict.answer", face.label(),
                messages.percent(face.confidence()));
    }

    /** Every type in the model's order: {@code neutral 6.9 %, smiling 93.1 %}. */
    private static String probabilities(FacePrediction face, List<String> labels, Messages messages) {
        StringBuilder out = new StringBuilder();
        for (String label : labels) {
            double p = face.scores().stream().filter(s -> s.label().equals(label)).mapToDouble(LabelScore::probability)
                    .findFirst().orElse(0);
            out.append(out.length() == 0 ? "" : ", ").append(label).append(' ').append(messages.percent(p));
        }
        return out.toString();
    }
}
