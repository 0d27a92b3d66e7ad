package dev.facetype.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.testing.TestModels;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 1,000 uploads one after the other, as forms like the page sends, of a real London portrait shrunk to
 * 192 x 192 (so that the run takes seconds, not minutes): every one is answered with its face, and the heap
 * used after a full collection comes back to within {@link #MARGIN_BYTES} of what it was after the first
 * {@link #WARM_UP} requests. A leak of even 32 KB a request would show as 32 MB.
 */
class ThousandUploadsTest {

    static final int REQUESTS = 1000;
    static final int WARM_UP = 20;
    static final long MARGIN_BYTES = 32L * 1024 * 1024;

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
    void aThousandUploadsLeaveTheHeapWhereItWas() throws Exception {
        byte[] form = ApiClient.formBody("photo", "face.jpg", "image/jpeg", smallPortrait());
        long[] millis = new long[REQUESTS];
        long baseline = 0;
        long started = System.nanoTime();
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < REQUESTS; i++) {
            long start = System.nanoTime();
            ApiClient.Response response = api.postForm("multipart/form-data; boundary=" + ApiClient.BOUNDARY, form);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, response.status(), "request " + (i + 1) + ": " + response.body());
            assertEquals(1, response.json().get("faceCount").asInt(), "request " + (i + 1) + ": " + response.body());
            if (i + 1 == WARM_UP) {
                baseline = usedHeapAfterGc();
                trace.append(String.format(Locale.ROOT, "after %d: %.1f MB", i + 1, baseline / 1048576.0));
            } else if ((i + 1) % 250 == 0) {
                trace.append(String.format(Locale.ROOT, ", after %d: %.1f MB", i + 1, usedHeapAfterGc() / 1048576.0));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long after = usedHeapAfterGc();
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%d sequential uploads in %.1f s (%.1f requests/s), p50 %d ms, p99 %d ms,"
                        + " max %d ms; heap after full GC: %s%n", REQUESTS, seconds, REQUESTS / seconds,
                sorted[REQUESTS / 2], sorted[(int) Math.ceil(REQUESTS * 0.99) - 1], sorted[REQUESTS - 1], trace);
        assertTrue(after <= baseline + MARGIN_BYTES, String.format(Locale.ROOT,
                "heap after %d uploads %.1f MB, after %d %.1f MB (margin %d MB): %s", REQUESTS, after / 1048576.0,
                WARM_UP, baseline / 1048576.0, MARGIN_BYTES >> 20, trace));
        assertEquals(0, api.get("/health").json().get("predictionsRunning").asInt());
    }

    /** The London portrait of the person the model never saw, shrunk to 192 x 192 and saved as a JPEG. */
    static byte[] smallPortrait() throws IOException {
        BufferedImage full = ImageIO.read(new ByteArrayInputStream(TestPhotos.read(
                TestPhotos.london("neutral", WebApiTest.PERSON))));
        BufferedImage small = new BufferedImage(192, 192, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(full, 0, 0, 192, 192, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(small, "jpg", out);
        return out.toByteArray();
    }

    /** The smallest heap in use seen over a few full collections (a collection may be cut short). */
    static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
