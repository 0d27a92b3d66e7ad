package dev.facetype.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.testing.TestModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many clients at once: never more predictions than the slots, and the excess waits or gets 503. */
class ConcurrencyLimitTest {

    private static FaceTypeClassifier model;
    private static byte[] groupPhoto;

    @BeforeAll
    static void load() throws Exception {
        model = FaceTypeClassifier.load(TestModels.londonSmile());
        groupPhoto = TestPhotos.read(TestPhotos.sevenPeople());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void requestsBeyondTheBoundGet503AfterAShortWait() throws Exception {
        WebSettings settings = WebSettings.defaults().withPort(0).withMaxConcurrentPredictions(1)
                .withMaxUploadsInMemory(2).withQueueWait(Duration.ofMillis(100));
        try (WebServer server = WebServer.start(model, settings)) {
            ApiClient api = new ApiClient(server.uri());
            List<ApiClient.Response> responses = all(12, () -> api.postRaw(groupPhoto, "image/jpeg"));
            Map<Integer, Integer> statuses = count(responses);
            assertEquals(12, statuses.getOrDefault(200, 0) + statuses.getOrDefault(503, 0), "only 200 or 503: " + statuses);
            assertTrue(statuses.getOrDefault(200, 0) >= 1, "some were answered: " + statuses);
            assertTrue(statuses.getOrDefault(503, 0) >= 1, "some were turned away: " + statuses);
            for (ApiClient.Response response : responses) {
                if (response.status() == 503) {
                    response.assertError(503, "busy");
                    assertEquals("1", response.headers().firstValue("Retry-After").orElse(""));
                }
            }
            assertEquals(1, server.peakConcurrentPredictions(), "never two predictions at once");
            assertEquals(200, api.postRaw(groupPhoto, "image/jpeg").status(), "answers again once the crowd is gone");
        }
    }

    @Test
    void requestsWithinTheWaitAreAllAnsweredTwoAtATime() throws Exception {
        WebSettings settings = WebSettings.defaults().withPort(0).withMaxConcurrentPredictions(2)
                .withQueueWait(Duration.ofSeconds(60));
        try (WebServer server = WebServer.start(model, settings)) {
            ApiClient api = new ApiClient(server.uri());
            List<ApiClient.Response> responses = all(8, () -> api.postRaw(groupPhoto, "image/jpeg"));
            for (ApiClient.Response response : responses) {
                assertEquals(200, response.status(), response.body());
                assertEquals(7, response.json().get("faceCount").asInt());
            }
            assertTrue(server.peakConcurrentPredictions() <= 2, "peak " + server.peakConcurrentPredictions());
        }
    }

    /** Runs {@code n} copies of {@code call} released at the same moment. */
    private static <T> List<T> all(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<Integer, Integer> count(List<ApiClient.Response> responses) {
        Map<Integer, Integer> counts = new TreeMap<>();
        responses.forEach(response -> counts.merge(response.status(), 1, Integer::sum));
        return counts;
    }
}
