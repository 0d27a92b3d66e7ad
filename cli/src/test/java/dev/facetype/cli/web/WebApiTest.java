package dev.facetype.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facetype.classifier.FacePrediction;
import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.testing.TestModels;
import dev.facetype.vision.detect.FaceBox;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON API over real HTTP on loopback, with the small London smile model and real photos: answers for
 * one face, several faces and none, and every refusal with its status and a JSON body.
 */
class WebApiTest {

    /**
     * A London person the test model never saw in training (its held-out side), whose neutral and smiling
     * photos it answers right; the neutral photo has a ground-truth face box.
     */
    static final String PERSON = "063";

    private static FaceTypeClassifier model;
    private static WebServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        model = FaceTypeClassifier.load(TestModels.londonSmile());
        server = WebServer.start(model, WebSettings.defaults().withPort(0));
        api = new ApiClient(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    @Test
    void aPortraitGetsItsFaceBoxedWithTheModelsAnswer() throws Exception {
        Path photo = TestPhotos.london("neutral", PERSON);
        ApiClient.Response response = api.postFile("photo", PERSON + ".jpg", "image/jpeg", TestPhotos.read(photo));

        assertEquals(200, response.status(), response.body());
        assertTrue(response.contentType().startsWith("application/json"));
        JsonNode answer = response.json();
        assertEquals(512, answer.get("width").asInt());
        assertEquals(512, answer.get("height").asInt());
        assertEquals(1, answer.get("faceCount").asInt());
        assertFalse(answer.has("message"), "no no-face message when there is a face");
        JsonNode face = answer.get("faces").get(0);
        FaceBox truth = TestPhotos.londonNeutralBox(PERSON);
        assertTrue(box(face).iou(truth) >= 0.5, "box " + box(face) + " vs ground truth " + truth);
        assertEquals("neutral", face.get("label").asText(), "the right type for a person never seen");

        FacePrediction direct = model.predict(photo).faces().get(0);
        assertEquals(direct.label(), face.get("label").asText());
        assertEquals(direct.confidence(), face.get("confidence").asDouble(), 1e-12);
        assertEquals(direct.uncertain(), face.get("uncertain").asBoolean());
        assertEquals(Math.round(direct.box().x()), face.get("box").get("x").asLong());
        assertEquals(Math.round(direct.box().height()), face.get("box").get("height").asLong());
        assertProbabilitiesCoverEveryType(face);

        assertEquals(model.labels(), strings(answer.get("labels")));
        assertEquals(model.labels(), strings(answer.get("model").get("labels")));
        assertEquals(model.provenance().get("facetypeVersion"), answer.get("model").get("facetypeVersion").asText());
        assertTrue(answer.get("elapsedMillis").asLong() >= 0);
    }

    @Test
    void rawBytesGetTheSameAnswerAsAForm() {
        byte[] photo = TestPhotos.read(TestPhotos.london("smiling", PERSON));
        JsonNode form = api.postFile("photo", "x.jpg", "image/jpeg", photo).json();
        ApiClient.Response raw = api.postRaw(photo, "image/jpeg");
        ApiClient.Response untyped = api.postRaw(photo, null);
        assertEquals(200, raw.status(), raw.body());
        assertEquals(form.get("faces"), raw.json().get("faces"));
        assertEquals(form.get("faces"), untyped.json().get("faces"), "the content decides, not the Content-Type");
        assertEquals("smiling", form.get("faces").get(0).get("label").asText());
    }

    @Test
    void aPhotoWithoutAFaceIsAnAnswerSayingSo() {
        ApiClient.Response response = api.postFile("photo", "landscape.png", "image/png", TestPhotos.landscapeWithoutFace());
        assertEquals(200, response.status(), response.body());
        JsonNode answer = response.json();
        assertEquals(0, answer.get("faceCount").asInt());
        assertEquals(0, answer.get("faces").size());
        assertEquals(480, answer.get("width").asInt());
        assertTrue(answer.get("message").asText().startsWith("No face was found"), answer.toString());
        assertEquals(model.labels(), strings(answer.get("labels")));
    }

    @Test
    void everyFaceOfAGroupPhotoIsBoxedLargestFirst() {
        ApiClient.Response response = api.postRaw(TestPhotos.read(TestPhotos.threePeople()), "image/jpeg");
        assertEquals(200, response.status(), response.body());
        JsonNode faces = response.json().get("faces");
        assertEquals(3, faces.size(), response.body());
        List<FaceBox> found = new ArrayList<>();
        for (JsonNode face : faces) {
            found.add(box(face));
            assertProbabilitiesCoverEveryType(face);
        }
        for (FaceBox truth : TestPhotos.threePeopleBoxes()) {
            assertTrue(found.stream().anyMatch(box -> box.iou(truth) >= 0.4), "no box on " + truth + " in " + found);
        }
        for (int i = 1; i < found.size(); i++) {
            assertTrue(found.get(i - 1).area() >= found.get(i).area(), "largest first: " + found);
        }
    }

    @Test
    void whatIsNotAnImageGets415AndNothingTheClientSentComesBack() {
        String name = "<script>alert('x')</script>.jpg";
        byte[] text = "<html><body>not a photo</body></html>".getBytes(StandardCharsets.UTF_8);
        ApiClient.Response response = api.send(HttpRequest.newBuilder(server.uri().resolve("/api/predict"))
                .header("Content-Type", "multipart/form-data; boundary=" + ApiClient.BOUNDARY)
                .header("X-Probe", "<img src=x onerror=alert(1)>")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ApiClient.formBody("photo", name, "image/jpeg", text))));
        response.assertError(415, "not_an_image");
        assertFalse(response.body().contains("<"), "nothing of the upload, its name or headers is echoed: " + response.body());
        assertFalse(response.body().contains("script") || response.body().contains("onerror"), response.body());
        api.postRaw("%PDF-1.7 a document".getBytes(StandardCharsets.US_ASCII), "image/png")
                .assertError(415, "unsupported_format");
    }

    @Test
    void aPhotoCutShortGets422() {
        byte[] truncated = TestPhotos.truncated(TestPhotos.london("neutral", PERSON), 9000);
        JsonNode error = api.postRaw(truncated, "image/jpeg").assertError(422, "corrupt_image");
        assertTrue(error.get("message").asText().contains("damaged or cut short"), error.toString());
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderWith422() {
        byte[] bomb = TestPhotos.pngDeclaring(100_000, 100_000);
        assertTrue(bomb.length < 4096, "a tiny file: " + bomb.length + " bytes");
        long start = System.nanoTime();
        JsonNode error = api.postFile("photo", "bomb.png", "image/png", bomb).assertError(422, "too_many_pixels");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(error.get("message").asText().contains("100000x100000"), error.toString());
        assertTrue(millis < 5_000, "refused before decoding, in " + millis + " ms");
        assertEquals("ok", api.get("/health").json().get("status").asText(), "the server is unharmed");
    }

    @Test
    void uploadsOverTenMegabytesGet413() {
        int limit = 10 * 1024 * 1024;
        api.postRaw(new byte[limit + 1], "image/jpeg").assertError(413, "upload_too_large");
        api.postFile("photo", "big.jpg", "image/jpeg", new byte[limit + 1]).assertError(413, "upload_too_large");
        ApiClient.Response atTheLimit = api.postRaw(new byte[limit], "image/jpeg");
        atTheLimit.assertError(415, "not_an_image");
    }

    @Test
    void malformedFormsAndEmptyBodiesGet400() {
        api.postForm("multipart/form-data; boundary=" + ApiClient.BOUNDARY,
                "--not the boundary\r\n\r\njunk".getBytes(StandardCharsets.US_ASCII)).assertError(400, "bad_multipart");
        byte[] cutShort = ApiClient.formBody("photo", "a.jpg", "image/jpeg", TestPhotos.read(TestPhotos.london("neutral", "001")));
        api.postForm("multipart/form-data; boundary=" + ApiClient.BOUNDARY,
                java.util.Arrays.copyOf(cutShort, cutShort.length - 10)).assertError(400, "bad_multipart");
        api.postForm("multipart/form-data", "whatever".getBytes(StandardCharsets.US_ASCII)).assertError(400, "bad_multipart");
        byte[] fieldOnly = ("--" + ApiClient.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--"
                + ApiClient.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--" + ApiClient.BOUNDARY
                + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        api.postForm("multipart/form-data; boundary=" + ApiClient.BOUNDARY, fieldOnly).assertError(400, "no_photo");
        api.postRaw(new byte[0], "image/jpeg").assertError(400, "empty_upload");
    }

    @Test
    void unknownPathsAndWrongMethodsAreJsonErrors() {
        api.get("/no/such/page").assertError(404, "not_found");
        api.get("/api/predict").assertError(405, "method_not_allowed");
        api.send(HttpRequest.newBuilder(server.uri().resolve("/health")).DELETE()).assertError(405, "method_not_allowed");
        ApiClient.Response badPath = api.get("/%2e%2e/%2e%2e/etc/passwd");
        assertTrue(badPath.status() == 400 || badPath.status() == 404, badPath.toString());
        assertTrue(badPath.contentType().startsWith("application/json"), badPath.contentType());
        badPath.assertNoInternals();
    }

    @Test
    void modelAndHealthDescribeTheServer() {
        JsonNode described = api.get("/api/model").json();
        assertEquals(model.labels(), strings(described.get("model").get("labels")));
        assertEquals(model.architecture(), described.get("model").get("architecture").asText());
        assertFalse(described.get("model").get("facetypeVersion").asText().isBlank());
        assertEquals(10 * 1024 * 1024, described.get("limits").get("maxUploadBytes").asLong());
        assertEquals(50_000_000, described.get("limits").get("maxPixels").asLong());
        JsonNode health = api.get("/health").json();
        assertEquals("ok", health.get("status").asText());
        assertEquals(server.settings().maxConcurrentPredictions(), health.get("predictionSlots").asInt());
    }

    @Test
    void thePageComesWholeFromTheServerWithAStrictPolicy() {
        ApiClient.Response page = api.get("/");
        assertEquals(200, page.status());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("default-src 'none'") && policy.contains("script-src 'self'"), policy);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        for (String asset : new String[] {"/", "/app.js", "/app.css", "/favicon.svg"}) {
            ApiClient.Response file = api.get(asset);
            assertEquals(200, file.status(), asset);
            String body = file.body();
            if (!asset.equals("/favicon.svg")) {
                assertFalse(body.contains("http://") || body.contains("https://") || body.contains("src=\"//"),
                        asset + " must load nothing from other sites");
            }
        }
        assertTrue(page.body().contains("src=\"/app.js\"") && page.body().contains("href=\"/app.css\""));
    }

    @Test
    void anUnexpectedFailureIsAPlain500AndALineInTheLog() throws Exception {
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        FaceTypeClassifier closing = FaceTypeClassifier.load(TestModels.londonSmile());
        try (WebServer failing = WebServer.start(closing, WebSettings.defaults().withPort(0), log::add)) {
            closing.close(); // every prediction now fails inside the library
            ApiClient.Response response = new ApiClient(failing.uri()).postRaw(
                    TestPhotos.read(TestPhotos.london("neutral", PERSON)), "image/jpeg");
            JsonNode error = response.assertError(500, "internal_error");
            assertFalse(error.get("message").asText().contains("closed"), "no details for the client: " + error);
            assertEquals(1, log.size(), log.toString());
            assertTrue(log.get(0).contains("POST /api/predict") && log.get(0).contains("closed"), log.get(0));
        }
    }

    /** Every type once, in the model's order, summing to 1, the label being the most probable. */
    private static void assertProbabilitiesCoverEveryType(JsonNode face) {
        JsonNode probabilities = face.get("probabilities");
        List<String> types = new ArrayList<>();
        probabilities.fieldNames().forEachRemaining(types::add);
        assertEquals(model.labels(), types, "the model's order");
        double sum = 0;
        double top = 0;
        for (String type : types) {
            double p = probabilities.get(type).asDouble();
            sum += p;
            top = Math.max(top, p);
        }
        assertEquals(1.0, sum, 1e-5);
        assertEquals(top, probabilities.get(face.get("label").asText()).asDouble(), 1e-12, "the label is the most probable");
        assertEquals(top, face.get("confidence").asDouble(), 1e-12);
    }

    private static FaceBox box(JsonNode face) {
        JsonNode box = face.get("box");
        return new FaceBox(box.get("x").asDouble(), box.get("y").asDouble(), box.get("width").asDouble(),
                box.get("height").asDouble());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }
}
