package dev.facetype.cli.render;

import dev.facetype.classifier.FacePrediction;
import dev.facetype.classifier.LabelScore;
import dev.facetype.classifier.PhotoPrediction;
import dev.facetype.cnn.io.Json;
import dev.facetype.vision.detect.FaceBox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checker's answers as one JSON document:
 * <pre>{@code
 * {"model": "model.fty", "labels": ["neutral", "smiling"],
 *  "photos": [{"file": "a.jpg", "width": 256, "height": 256,
 *              "faces": [{"box": {"x": 70, "y": 62, "width": 118, "height": 150},
 *                         "label": "smiling", "confidence": 0.93, "uncertain": false,
 *                         "probabilities": {"neutral": 0.07, "smiling": 0.93}}]},
 *             {"file": "b.txt", "error": "b.txt: not an image ...", "reason": "NOT_AN_IMAGE", "faces": []}]}
 * }</pre>
 * Probabilities are listed in the model's type order; faces largest first; a photo without a face has an
 * empty {@code faces} list.
 */
public final class PredictionJson {

    private final Map<String, Object> document = new LinkedHashMap<>();
    private final List<Object> photos = new ArrayList<>();
    private final List<String> labels;

    public PredictionJson(String model, List<String> labels) {
        this.labels = List.copyOf(labels);
        document.put("model", model);
        document.put("labels", new ArrayList<Object>(labels));
        document.put("photos", photos);
    }

    /** Adds a photo's answer. */
    public void add(String file, PhotoPrediction prediction) {
        Map<String, Object> photo = new LinkedHashMap<>();
        photo.put("file", file);
        photo.put("width", prediction.width());
        photo.put("height", prediction.height());
        List<Object> faces = new ArrayList<>();
        for (FacePrediction face : prediction.faces()) {
            faces.add(face(face));
        }
        photo.put("faces", faces);
        photos.add(photo);
    }

    /** Adds a photo that could not be read. */
    public void addError(String file, String message, String reason) {
        Map<String, Object> photo = new LinkedHashMap<>();
        photo.put("file", file);
        photo.put("error", message);
        photo.put("reason", reason);
        photo.put("faces", new ArrayList<>());
        photos.add(photo);
    }

    private Map<String, Object> face(FacePrediction face) {
        FaceBox box = face.box();
        Map<String, Object> boxMap = new LinkedHashMap<>();
        boxMap.put("x", Math.round(box.x()));
        boxMap.put("y", Math.round(box.y()));
        boxMap.put("width", Math.round(box.width()));
        boxMap.put("height", Math.round(box.height()));
        Map<String, Object> probabilities = new LinkedHashMap<>();
        for (String label : labels) {
            probabilities.put(label, face.scores().stream().filter(s -> s.label().equals(label))
                    .mapToDouble(LabelScore::probability).findFirst().orElse(0));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("box", boxMap);
        map.put("label", face.label());
        map.put("confidence", face.confidence());
        map.put("uncertain", face.uncertain());
        map.put("detectorScore", face.detectorScore());
        map.put("probabilities", probabilities);
        return map;
    }

    /** The document as one line of JSON. */
    public String render() {
        return Json.write(document);
    }
}
