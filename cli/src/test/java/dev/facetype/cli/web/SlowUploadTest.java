package dev.facetype.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that send their headers and then stall or trickle the body, over real sockets on loopback: each gets a
 * 408 JSON error once the idle timeout (a stall) or the upload timeout (a trickle) is over, its upload slot is
 * given back, and the server keeps answering everyone else meanwhile. The timeouts are shortened to 1 s and
 * 3 s here (30 s and 60 s by default).
 */
class SlowUploadTest {

    private static final Duration IDLE = Duration.ofSeconds(1);
    private static final Duration UPLOAD = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FaceTypeClassifier model;
    private static WebServer server;
    private static byte[] photo;

    @BeforeAll
    static void start() throws Exception {
        model = FaceTypeClassifier.load(TestModels.londonSmile());
        server = WebServer.start(model, WebSettings.defaults().withPort(0).withMaxConcurrentPredictions(2)
                .withIdleTimeout(IDLE).withUploadTimeout(UPLOAD));
        photo = TestPhotos.read(TestPhotos.london("neutral", WebApiTest.PERSON));
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    @Test
    void aBodyThatStallsGets408AfterTheIdleTimeout() throws Exception {
        try (RawHttp client = new RawHttp(server.uri(), 20_000)) {
            client.send(head("image/jpeg", photo.length));
            client.send(Arrays.copyOf(photo, 1000)); // then nothing more
            RawHttp.Response response = client.read();
            assertTimeoutError(response);
            assertTrue(response.millis() >= IDLE.toMillis() - 100, "answered after the idle timeout: " + response);
            assertTrue(response.millis() < 10_000, "not left hanging: " + response.millis() + " ms");
            assertTrue(client.closedByServer(), "the connection is closed after the 408");
        }
        assertUnharmed();
    }

    @Test
    void aFormThatStallsInChunksGets408() throws Exception {
        byte[] form = ApiClient.formBody("photo", "me.jpg", "image/jpeg", photo);
        try (RawHttp client = new RawHttp(server.uri(), 20_000)) {
            client.send("POST /api/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary="
                    + ApiClient.BOUNDARY + "\r\nTransfer-Encoding: chunked\r\n\r\n");
            client.send(("400\r\n").getBytes(StandardCharsets.US_ASCII));
            client.send(Arrays.copyOf(form, 0x400));
            client.send("\r\n");
            assertTimeoutError(client.read());
        }
        assertUnharmed();
    }

    @Test
    void aBodyThatTricklesGets408AfterTheUploadTimeout() throws Exception {
        try (RawHttp client = new RawHttp(server.uri(), 20_000)) {
            client.send(head("image/jpeg", photo.length));
            // One byte every 200 ms: never idle for the idle timeout, but 30 KB would take an hour and a half.
            Thread trickle = new Thread(() -> {
                for (int i = 0; i < photo.length && client.send(new byte[] {photo[i]}); i++) {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "trickle");
            trickle.setDaemon(true);
            trickle.start();
            RawHttp.Response response = client.read();
            trickle.interrupt();
            assertTimeoutError(response);
            assertTrue(JSON.readTree(response.body()).get("error").get("message").asText().contains("3 s"), response.body());
            assertTrue(response.millis() >= UPLOAD.toMillis() - 100, "the upload timeout, not the idle one: "
                    + response.millis() + " ms");
            assertTrue(response.millis() < 10_000, "not left hanging: " + response.millis() + " ms");
        }
        assertUnharmed();
    }

    @Test
    void headersThatNeverEndAreCutOffWithoutAStackTrace() throws Exception {
        try (RawHttp client = new RawHttp(server.uri(), 20_000)) {
            client.send("POST /api/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/jpeg\r\nX-Slow: ");
            RawHttp.Response response = client.read(); // nothing more is sent
            assertTrue(response.status() == 0 || response.status() == 408 || response.status() == 400,
                    "closed, or refused: " + response);
            assertTrue(response.millis() < 10_000, "not left hanging: " + response.millis() + " ms");
            assertNoInternals(response.text());
        }
        assertUnharmed();
    }

    @Test
    void othersAreAnsweredWhileSlowClientsHoldTheirConnections() throws Exception {
        int slow = 4; // half of the 8 uploads the server holds in memory at once
        ExecutorService pool = Executors.newFixedThreadPool(slow);
        List<RawHttp> clients = new ArrayList<>();
        try {
            List<Future<RawHttp.Response>> stalled = new ArrayList<>();
            for (int i = 0; i < slow; i++) {
                RawHttp client = new RawHttp(server.uri(), 20_000);
                clients.add(client);
                client.send(head("image/jpeg", photo.length));
                client.send(Arrays.copyOf(photo, 100));
                stalled.add(pool.submit(client::read));
            }
            // While they stall, everyone else is served at once.
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                ApiClient.Response answer = api().postFile("photo", "me.jpg", "image/jpeg", photo);
                assertEquals(200, answer.status(), answer.body());
                assertEquals(1, answer.json().get("faceCount").asInt());
                assertEquals("ok", api().get("/health").json().get("status").asText());
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 5_000, "served in " + millis + " ms beside the stalled uploads");
            }
            for (Future<RawHttp.Response> response : stalled) {
                assertTimeoutError(response.get(30, TimeUnit.SECONDS));
            }
        } finally {
            clients.forEach(RawHttp::close);
            pool.shutdownNow();
        }
        assertUnharmed();
    }

    @Test
    void theTimeSpentAnsweringDoesNotCountAsIdle() throws Exception {
        byte[] large = TestPhotos.png(new java.awt.image.BufferedImage(4000, 3000,
                java.awt.image.BufferedImage.TYPE_INT_RGB)); // 12 megapixels: far longer than 100 ms to answer
        try (WebServer impatient = WebServer.start(model, WebSettings.defaults().withPort(0)
                .withIdleTimeout(Duration.ofMillis(100)))) {
            long start = System.nanoTime();
            ApiClient.Response answer = new ApiClient(impatient.uri()).postRaw(large, "image/png");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, answer.status(), answer.body());
            assertEquals(4000, answer.json().get("width").asInt());
            assertTrue(millis > 100, "answered after " + millis + " ms, longer than the idle timeout");
        }
    }

    /** Every upload slot given back: as many full uploads as there are slots succeed together. */
    private static void assertUnharmed() throws Exception {
        int uploads = server.settings().maxUploadsInMemory();
        ExecutorService pool = Executors.newFixedThreadPool(uploads);
        try {
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                answers.add(pool.submit(() -> api().postRaw(photo, "image/jpeg")));
            }
            for (Future<ApiClient.Response> answer : answers) {
                ApiClient.Response response = answer.get(60, TimeUnit.SECONDS);
                assertEquals(200, response.status(), response.body());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, api().get("/health").json().get("predictionsRunning").asInt());
    }

    /**
     * A client with no connection yet: with a 1 s idle timeout, a kept-alive connection may be closed by the
     * server just as a pooled client sends on it, which is no failure of the server.
     */
    private static ApiClient api() {
        return new ApiClient(server.uri());
    }

    private static void assertTimeoutError(RawHttp.Response response) throws Exception {
        assertEquals(408, response.status(), response.toString());
        assertTrue(response.header("Content-Type").startsWith("application/json"), response.toString());
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertEquals(408, error.get("status").asInt(), response.body());
        assertEquals("upload_timeout", error.get("code").asText(), response.body());
        assertNoInternals(response.text());
    }

    private static void assertNoInternals(String text) {
        for (String leak : new String[] {"Exception", "\tat ", "at dev.facetype", "at org.eclipse", ".java:"}) {
            assertFalse(text.contains(leak), "leaks '" + leak + "': " + text);
        }
    }

    private static String head(String contentType, int length) {
        return "POST /api/predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + length + "\r\n\r\n";
    }
}
