package dev.facetype.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.facetype.classifier.FacePrediction;
import dev.facetype.classifier.LabelScore;
import dev.facetype.classifier.PhotoPrediction;
import dev.facetype.cli.render.PredictionJson;
import dev.facetype.cli.render.PredictionText;
import dev.facetype.cnn.io.Json;
import dev.facetype.vision.detect.FaceBox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker's output formats, for a photo with two faces and one without. */
class PredictionJsonTest {

    private static final List<String> TYPES = List.of("しょうゆ顔", "ソース顔", "砂糖顔", "塩顔");

    private static PhotoPrediction twoFaces() {
        FacePrediction big = new FacePrediction(new FaceBox(10.4, 20.6, 100, 120), 0.95, List.of(
                new LabelScore("塩顔", 0.7), new LabelScore("しょうゆ顔", 0.2), new LabelScore("ソース顔", 0.06),
                new LabelScore("砂糖顔", 0.04)), false);
        FacePrediction small = new FacePrediction(new FaceBox(200, 30, 50, 60), 0.81, List.of(
                new LabelScore("ソース顔", 0.4), new LabelScore("砂糖顔", 0.35), new LabelScore("塩顔", 0.15),
                new LabelScore("しょうゆ顔", 0.1)), true);
        return new PhotoPrediction("group.jpg", 640, 480, List.of(big, small));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonHasBoxLabelAndProbabilitiesInTheModelsTypeOrder() {
        PredictionJson json = new PredictionJson("model.fty", TYPES);
        json.add("group.jpg", twoFaces());
        json.add("wall.jpg", new PhotoPrediction("wall.jpg", 100, 100, List.of()));
        json.addError("notes.txt", "notes.txt: not an image", "NOT_AN_IMAGE");
        Map<String, Object> document = Json.parseObject(json.render());
        assertEquals("model.fty", document.get("model"));
        assertEquals(TYPES, document.get("labels"));
        List<Map<String, Object>> photos = (List<Map<String, Object>>) document.get("photos");
        List<Map<String, Object>> faces = (List<Map<String, Object>>) photos.get(0).get("faces");
        assertEquals(Map.of("x", 10L, "y", 21L, "width", 100L, "height", 120L), faces.get(0).get("box"));
        assertEquals("塩顔", faces.get(0).get("label"));
        assertEquals(TYPES, List.copyOf(((Map<String, Object>) faces.get(0).get("probabilities")).keySet()));
        assertEquals(0.7, (Double) ((Map<String, Object>) faces.get(0).get("probabilities")).get("塩顔"), 1e-12);
        assertEquals(Boolean.TRUE, faces.get(1).get("uncertain"));
        assertEquals(List.of(), photos.get(1).get("faces"), "no face is an answer, not an error");
        assertEquals("NOT_AN_IMAGE", photos.get(2).get("reason"));
    }

    @Test
    void textGivesOneLinePerFaceLargestFirst() {
        String text = PredictionText.render("group.jpg", twoFaces(), TYPES);
        assertEquals("""
                group.jpg: 2 faces, largest first
                  face 1 at x 10, y 21, 100 x 120 px: 塩顔 (70.0 %); しょうゆ顔 20.0 %, ソース顔 6.0 %, 砂糖顔 4.0 %, 塩顔 70.0 %
                  face 2 at x 200, y 30, 50 x 60 px: uncertain, perhaps ソース顔 (40.0 %); しょうゆ顔 10.0 %, ソース顔 40.0 %, 砂糖顔 35.0 %, 塩顔 15.0 %
                """, text);
        assertEquals("wall.jpg: no face found\n", PredictionText.render("wall.jpg",
                new PhotoPrediction("wall.jpg", 10, 10, List.of()), TYPES));
    }
}
