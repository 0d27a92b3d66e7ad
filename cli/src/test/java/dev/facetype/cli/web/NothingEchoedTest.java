package dev.facetype.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.testing.TestModels;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * File names, field names, header values, paths and request lines full of HTML, script and quote characters,
 * sent with every kind of request the server answers (a photo it reads, each refusal of the API, and the
 * requests Jetty itself turns away before they reach it): no response, body or header, ever contains them, and
 * none contains a Java stack trace or exception name.
 */
class NothingEchoedTest {

    /** What the client sends; none of it, nor its telltale parts, may come back. */
    private static final String PROBE = "<script>alert(\"x\")</script>'\"><img src=x onerror=alert(1)>";
    private static final String[] TELLTALES = {"<script", "</script", "<img", "onerror", "alert(", "'\"><"};
    private static final String[] INTERNALS = {"Exception", "exception:", "\tat ", "at dev.facetype", "at io.javalin",
        "at org.eclipse", "at java.", ".java:", "Caused by"};

    private static FaceTypeClassifier model;
    private static WebServer server;
    private static ApiClient api;
    private static byte[] photo;
    private static final Map<Integer, Integer> STATUSES = new TreeMap<>();

    @BeforeAll
    static void start() throws Exception {
        model = FaceTypeClassifier.load(TestModels.londonSmile());
        server = WebServer.start(model, WebSettings.defaults().withPort(0).withMaxUploadBytes(1024 * 1024));
        api = new ApiClient(server.uri());
        photo = TestPhotos.read(TestPhotos.london("neutral", WebApiTest.PERSON));
    }

    @AfterAll
    static void stop() {
        System.out.println("statuses seen: " + STATUSES);
        server.close();
        model.close();
    }

    @Test
    void apiRequestsCarryingTheProbeNeverGetItBack() {
        String nameParameter = PROBE.replace("\"", "%22"); // as browsers write a quote inside filename="..."
        byte[] jpegInForm = form(nameParameter, nameParameter + ".jpg", "image/" + PROBE.replace("\"", ""), photo);
        check(200, post(jpegInForm, formType()));
        check(200, post(photo, "image/jpeg; name=\"" + PROBE.replace("\"", "'") + "\""));
        check(415, post(form("photo", nameParameter, "text/html", PROBE.getBytes(StandardCharsets.UTF_8)), formType()));
        check(415, post(PROBE.getBytes(StandardCharsets.UTF_8), "text/html"));
        check(422, post(Arrays.copyOf(photo, 9000), "image/jpeg"));
        check(422, post(form("photo", nameParameter, "image/png", TestPhotos.pngDeclaring(100_000, 100_000)),
                formType()));
        check(413, post(form("photo", nameParameter, "image/jpeg", new byte[1024 * 1024 + 1]), formType()));
        check(400, post(new byte[0], "image/jpeg"));
        check(400, post(form("photo", nameParameter, "image/jpeg", new byte[0]), formType()));
        check(400, post(PROBE.getBytes(StandardCharsets.UTF_8), formType()));
        check(400, post(form("photo", "a.jpg", "image/jpeg", photo),
                "multipart/form-data; boundary=\"" + PROBE.replace("\"", "'") + "\""));
        check(400, post(form("photo", "a.jpg", "image/jpeg", photo), "multipart/form-data; boundary="
                + "x".repeat(71) + PROBE));
        byte[] badPartHeader = ("--" + ApiClient.BOUNDARY + "\r\nContent-Disposition: " + PROBE + "\r\n"
                + PROBE + "\r\n\r\nbody\r\n--" + ApiClient.BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        ApiClient.Response badPart = post(badPartHeader, formType());
        check(badPart.status(), badPart);
        assertEquals(400, badPart.status(), badPart.body());
        String encoded = URLEncoder.encode(PROBE, StandardCharsets.UTF_8);
        check(404, send(HttpRequest.newBuilder(server.uri().resolve("/" + encoded)).GET()));
        check(404, send(HttpRequest.newBuilder(server.uri().resolve("/api/" + encoded + "?q=" + encoded)).GET()));
        check(405, send(HttpRequest.newBuilder(server.uri().resolve("/api/predict?x=" + encoded)).GET()));
        check(405, send(HttpRequest.newBuilder(server.uri().resolve("/health"))
                .method("PUT", HttpRequest.BodyPublishers.ofString(PROBE))));
        check(200, send(HttpRequest.newBuilder(server.uri().resolve("/api/model?" + encoded)).GET()));
        check(200, send(HttpRequest.newBuilder(server.uri().resolve("/health")).GET()));
        ApiClient.Response page = send(HttpRequest.newBuilder(server.uri().resolve("/?" + encoded)).GET());
        record(page.status());
        assertEquals(api.get("/").body(), page.body(), "the page (which has its own <script> tag) is always the same");
        assertNoProbeNorInternals(page.headers().map().toString(), page.toString());
    }

    @Test
    void requestsJettyRefusesItselfAreJsonWithoutTheProbe() throws Exception {
        List<String> requests = new ArrayList<>();
        requests.add("GET /" + PROBE.replace(" ", "") + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        requests.add(PROBE.replace(" ", "") + " /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
        requests.add("GET /health HTTP/9.9" + PROBE.replace(" ", "") + "\r\nHost: localhost\r\n\r\n");
        requests.add("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Bad" + PROBE.replace(" ", "") + ": 1\r\n\r\n");
        requests.add("GET /health HTTP/1.1\r\nHost: " + PROBE.replace(" ", "") + "\r\n\r\n");
        requests.add("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Long: " + PROBE.repeat(1000) + "\r\n\r\n");
        requests.add("POST /api/predict HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + PROBE
                + "\r\n\r\n");
        requests.add("POST /api/predict HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: " + PROBE
                + "\r\n\r\n");
        requests.add("POST /api/predict HTTP/1.1\r\nHost: localhost\r\nExpect: " + PROBE
                + "\r\nContent-Length: 5\r\n\r\n12345");
        requests.add("POST /api/predict HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz" + PROBE + "\r\n");
        requests.add("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Control: a\u0001" + PROBE + "\r\n\r\n");
        for (String request : requests) {
            try (RawHttp client = new RawHttp(server.uri(), 20_000)) {
                client.send(request);
                RawHttp.Response response = client.read();
                String what = request.substring(0, Math.min(60, request.length())) + "... -> " + response;
                record(response.status());
                assertNoProbeNorInternals(response.text(), what);
                if (response.status() >= 400) {
                    assertTrue(response.header("Content-Type").startsWith("application/json"), what);
                    assertTrue(response.body().contains("\"error\""), what);
                }
            }
        }
        assertEquals("ok", api.get("/health").json().get("status").asText(), "the server is unharmed");
    }

    private static ApiClient.Response post(byte[] body, String contentType) {
        return send(HttpRequest.newBuilder(server.uri().resolve("/api/predict")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Sends with the probe in every header a client may freely set. */
    private static ApiClient.Response send(HttpRequest.Builder request) {
        return api.send(request.header("User-Agent", PROBE).header("Referer", PROBE).header("Origin", PROBE)
                .header("Cookie", "session=" + PROBE).header("X-Forwarded-For", PROBE).header("Accept", PROBE)
                .header("Accept-Language", PROBE).header("X-Probe", PROBE));
    }

    private static void check(int expectedStatus, ApiClient.Response response) {
        record(response.status());
        assertEquals(expectedStatus, response.status(), response.body());
        String text = response.headers().map() + "\n" + response.body();
        assertNoProbeNorInternals(text, response.toString());
        if (expectedStatus >= 400) {
            assertTrue(response.contentType().startsWith("application/json"), response.toString());
        }
    }

    private static void assertNoProbeNorInternals(String text, String what) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String telltale : TELLTALES) {
            assertFalse(lower.contains(telltale.toLowerCase(Locale.ROOT)), "echoes '" + telltale + "': " + what);
        }
        for (String leak : INTERNALS) {
            assertFalse(text.contains(leak), "leaks '" + leak + "': " + what);
        }
    }

    private static synchronized void record(int status) {
        STATUSES.merge(status, 1, Integer::sum);
    }

    private static String formType() {
        return "multipart/form-data; boundary=" + ApiClient.BOUNDARY;
    }

    private static byte[] form(String field, String fileName, String partType, byte[] content) {
        return ApiClient.formBody(field, fileName, partType, content);
    }
}
