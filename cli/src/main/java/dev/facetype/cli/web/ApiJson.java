package dev.facetype.cli.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;

/** The JSON bodies of the API, as records Jackson writes field by field in declaration order. */
final class ApiJson {

    private ApiJson() {
    }

    /** The mapper for every response: compact, fields in declaration order. */
    static ObjectMapper mapper() {
        return new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /**
     * The answer of {@code POST /api/predict}.
     *
     * @param width         the upright photo's width in pixels
     * @param height        the upright photo's height in pixels
     * @param faces         every face found, largest first (empty when none)
     * @param message       a sentence for people when no face was found, else absent
     * @param labels        the model's types, in the model's order
     * @param model         the model that answered
     * @param elapsedMillis time spent decoding and classifying
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Prediction(int width, int height, int faceCount, List<Face> faces, String message, List<String> labels,
                      Model model, long elapsedMillis) {
    }

    /**
     * One face, in the shape {@code facetype predict --json} prints.
     *
     * @param box           where the face is, in whole pixels of the upright photo
     * @param label         the most probable type
     * @param confidence    its probability
     * @param uncertain     true when that probability is under the model's minimum confidence
     * @param detectorScore the face detector's confidence that this is a face
     * @param probabilities every type with its probability, in the model's order of types
     */
    record Face(Box box, String label, double confidence, boolean uncertain, double detectorScore,
                Map<String, Double> probabilities) {
    }

    /** A rectangle in pixels: left, top, width, height. */
    record Box(long x, long y, long width, long height) {
    }

    /**
     * The model being served ({@code GET /api/model}, and inside every prediction).
     *
     * @param facetypeVersion the facetype version that trained it
     * @param createdAt       when it was trained (UTC), if recorded
     * @param testAccuracy    its accuracy on its test side, if recorded
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Model(List<String> labels, String architecture, String facetypeVersion, String createdAt, int inputSize,
                 int channels, double minConfidence, Double testAccuracy) {
    }

    /**
     * {@code GET /api/model}: the model, what the server accepts, and the page's language when the server was
     * started with one ({@code serve --lang}); without it the page follows the browser.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ModelAndLimits(Model model, Limits limits, String pageLanguage) {
    }

    /**
     * What one upload may be.
     *
     * @param maxUploadBytes the largest photo in bytes (413 above)
     * @param maxPixels      the largest photo in pixels (422 above)
     * @param predictionSlots photos classified at once
     */
    record Limits(long maxUploadBytes, long maxPixels, int predictionSlots) {
    }

    /** {@code GET /health}. */
    record Health(String status, int predictionsRunning, int predictionSlots) {
    }

    /** Every error response: {@code {"error": {"status": 415, "code": "not_an_image", "message": "..."}}}. */
    record ErrorBody(ErrorDetail error) {

        static ErrorBody of(ApiProblem problem, String message) {
            return new ErrorBody(new ErrorDetail(problem.status(), problem.code(), message));
        }
    }

    /** The status again, a stable machine-readable code, and a sentence for people. */
    record ErrorDetail(int status, String code, String message) {
    }
}
