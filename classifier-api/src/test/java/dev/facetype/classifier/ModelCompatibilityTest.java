package dev.facetype.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.facetype.cnn.io.Json;
import dev.facetype.testing.TestModels;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The model file of classifier format 1, committed when that format was released, must keep loading and
 * keep giving the same answers on the same photos.
 */
class ModelCompatibilityTest {

    @Test
    @SuppressWarnings("unchecked")
    void formatOneModelStillLoadsAndAnswersAsWhenItWasSaved() throws Exception {
        Map<String, Object> expected;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CompatibilityModelWriter.EXPECTED)) {
            expected = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Path frames = CompatibilityModelWriter.frames();
        try (FaceTypeClassifier model = FaceTypeClassifier.load(TestModels.londonSmile())) {
            assertEquals(List.of("neutral", "smiling"), model.labels());
            assertEquals(CompatibilityModelWriter.CROP, model.preprocessing().crop());
            List<Object> answers = (List<Object>) expected.get("answers");
            assertFalse(answers.isEmpty());
            for (Object item : answers) {
                Map<String, Object> answer = (Map<String, Object>) item;
                String photo = (String) answer.get("photo");
                PhotoPrediction prediction = model.predict(frames.resolve(photo));
                assertEquals(1, prediction.faces().size(), photo);
                assertEquals(answer.get("wholePhotoLabel"), prediction.faces().get(0).label(), photo);
                Map<String, Object> probabilities = (Map<String, Object>) answer.get("fixedCropProbabilities");
                List<LabelScore> scores = model.classifyCrops(List.of(CompatibilityModelWriter.fixedCrop(photo))).get(0);
                for (LabelScore score : scores) {
                    assertEquals(((Number) probabilities.get(score.label())).doubleValue(), score.probability(), 1e-5,
                            photo + " " + score.label());
                }
            }
        }
    }
}
