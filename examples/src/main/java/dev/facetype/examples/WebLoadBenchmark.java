package dev.facetype.examples;

import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.cli.web.WebServer;
import dev.facetype.cli.web.WebSettings;
import dev.facetype.cnn.parallel.ComputePool;
import dev.facetype.testing.TestModels;
import dev.facetype.vision.detect.FaceDetectors;
import dev.facetype.vision.detect.YuNetSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Load on the web page's API: {@code --clients} concurrent clients on loopback upload the London set's
 * 512 x 512 photos to {@code POST /api/predict} (as the page does: a multipart form) for {@code --seconds}, and
 * at least {@code --heap-requests} requests. Prints requests per second, p50/p99/max latency, errors (anything
 * but 200 with one face), the process's CPU time per request (which a busy machine inflates less than wall
 * time), and the heap after a full GC before, after those requests and after as many again.
 *
 * <p>The server runs in this JVM with {@link WebSettings#defaults()} and, as {@code facetype serve}, each
 * prediction on {@link WebSettings#computeThreadsPerPrediction()} compute threads ({@code --threads} sets
 * another number; as many as the processors is how the server ran at first, every prediction spread over all
 * of them), so the clients share its processors: the figure is what one machine serves to itself, a lower bound.
 *
 * <p>With {@code --url} the clients load a server already running in another process instead (for example
 * {@code ./facetype serve model.fty}); the server's heap and CPU are then its own to measure (for example
 * {@code jcmd <pid> GC.run} and {@code jcmd <pid> GC.heap_info}), and an answer counts as right with one face or
 * more, since that server's detector settings are not known here.
 *
 * <pre>
 *   examples/run WebLoadBenchmark [--model model.fty] [--clients 8] [--seconds 30] [--heap-requests 1000]
 *                                 [--detect-max-side 1280] [--threads N] [--data ../shared/data]
 *   examples/run WebLoadBenchmark --url http://127.0.0.1:8080/ [--clients 8] [--seconds 30] [--heap-requests 1000]
 * </pre>
 */
public final class WebLoadBenchmark {

    private static final String BOUNDARY = "----facetypeLoadBoundary";

    private WebLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = new Arguments(args);
        Path data = Path.of(arguments.text("--data", "../shared/data"));
        String modelOption = arguments.text("--model", "");
        Path model = modelOption.isEmpty() ? TestModels.londonSmile() : Path.of(modelOption);
        int clients = Math.max(1, arguments.integer("--clients", 8));
        int seconds = Math.max(1, arguments.integer("--seconds", 30));
        int heapRequests = Math.max(1, arguments.integer("--heap-requests", 1000));
        int detectMaxSide = arguments.integer("--detect-max-side", YuNetSettings.defaults().maxInputSide());
        List<byte[]> forms = londonForms(data.resolve("london-faces/derived/frames_512"));
        String url = arguments.text("--url", "");
        if (!url.isEmpty()) {
            loadRemote(URI.create(url), forms, clients, seconds, heapRequests);
            return;
        }

        YuNetSettings detection = YuNetSettings.defaults().withMaxInputSide(detectMaxSide);
        WebSettings settings = WebSettings.defaults().withPort(0);
        // As facetype serve: the processors divided among the prediction slots, unless --threads says otherwise.
        int threads = Math.max(1, arguments.integer("--threads", settings.computeThreadsPerPrediction()));
        try (ComputePool compute = ComputePool.create(threads);
             FaceTypeClassifier classifier = FaceTypeClassifier.load(model, threads,
                     () -> FaceDetectors.yunet(detection, compute));
             WebServer server = WebServer.start(classifier, settings)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI predict = server.uri().resolve("/api/predict");
            System.out.printf(Locale.ROOT, "Web load: %d clients, %d London photos (512x512), server %s with %d"
                            + " prediction slots of %d compute thread(s), detection on photos shrunk to at most %d px, %d"
                            + " processors, heap max %d MB%n", clients, forms.size(), server.uri(),
                    server.settings().maxConcurrentPredictions(), threads, detectMaxSide,
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            System.out.println("load average before: " + loadAverage());

            // Warm-up: one client first (the JIT and the detectors' first runs are slow), then all of them.
            Run warmUp = run(http, predict, forms, 1, 0, 10);
            warmUp = warmUp.and(run(http, predict, forms, clients, 0, 4 * clients));
            System.out.printf(Locale.ROOT, "warm-up: %d requests, %d errors%s%n", warmUp.requests(), warmUp.errors(),
                    warmUp.firstError().isEmpty() ? "" : " (first: " + warmUp.firstError() + ")");
            long heapBefore = heapAfterGc();
            long cpuBefore = processCpuNanos();
            Run measured = run(http, predict, forms, clients, seconds, heapRequests);
            long cpu = processCpuNanos() - cpuBefore;
            long heapAfter = heapAfterGc();
            Run again = run(http, predict, forms, clients, 0, heapRequests);
            long heapAfterAgain = heapAfterGc();

            System.out.printf(Locale.ROOT, "measured: %d requests in %.1f s = %.1f requests/s (each one prediction)%n",
                    measured.requests(), measured.seconds(), measured.requests() / measured.seconds());
            System.out.printf(Locale.ROOT, "latency: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", measured.percentile(50),
                    measured.percentile(99), measured.percentile(100));
            System.out.printf(Locale.ROOT, "errors: %d%s%n", measured.errors() + again.errors(),
                    measured.firstError().isEmpty() ? "" : " (first: " + measured.firstError() + ")");
            if (cpu > 0) {
                double cpuMillis = cpu / 1e6 / measured.requests();
                System.out.printf(Locale.ROOT, "CPU time: %.1f ms per request (server and clients), so at most %.0f"
                                + " requests/s on %d idle processors%n", cpuMillis,
                        Runtime.getRuntime().availableProcessors() * 1000 / cpuMillis,
                        Runtime.getRuntime().availableProcessors());
            }
            System.out.printf(Locale.ROOT, "heap after full GC: %.1f MB before, %.1f MB after %d requests, %.1f MB"
                            + " after %d more%n", heapBefore / 1e6, heapAfter / 1e6, measured.requests(),
                    heapAfterAgain / 1e6, again.requests());
            System.out.println("most predictions at once: " + server.peakConcurrentPredictions());
            System.out.println("load average after: " + loadAverage());
        }
    }

    /** The same runs against a server in another process: no heap or CPU figures from here. */
    private static void loadRemote(URI server, List<byte[]> forms, int clients, int seconds, int requests)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI predict = server.resolve("/api/predict");
        anyFace = true;
        System.out.printf(Locale.ROOT, "Web load: %d clients, %d London photos (512x512), server %s in another"
                + " process, %d processors here%n", clients, forms.size(), server,
                Runtime.getRuntime().availableProcessors());
        System.out.println("load average before: " + loadAverage());
        Run warmUp = run(http, predict, forms, 1, 0, 10);
        warmUp = warmUp.and(run(http, predict, forms, clients, 0, 4 * clients));
        System.out.printf(Locale.ROOT, "warm-up: %d requests, %d errors%s%n", warmUp.requests(), warmUp.errors(),
                warmUp.firstError().isEmpty() ? "" : " (first: " + warmUp.firstError() + ")");
        Run measured = run(http, predict, forms, clients, seconds, requests);
        Run again = run(http, predict, forms, clients, 0, requests);
        System.out.printf(Locale.ROOT, "measured: %d requests in %.1f s = %.1f requests/s (each one prediction)%n",
                measured.requests(), measured.seconds(), measured.requests() / measured.seconds());
        System.out.printf(Locale.ROOT, "latency: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", measured.percentile(50),
                measured.percentile(99), measured.percentile(100));
        System.out.printf(Locale.ROOT, "then %d more: p50 %.0f ms, p99 %.0f ms%n", again.requests(),
                again.percentile(50), again.percentile(99));
        Run all = measured.and(again);
        System.out.printf(Locale.ROOT, "errors: %d of %d%s%n", all.errors(), all.requests(),
                all.firstError().isEmpty() ? "" : " (first: " + all.firstError() + ")");
        System.out.println("load average after: " + loadAverage());
    }

    /** True when any number of faces above zero is a right answer (a server whose settings are not known). */
    private static volatile boolean anyFace;

    /** What a run measured. */
    private record Run(int requests, int errors, String firstError, double seconds, long[] latenciesNanos) {

        Run and(Run next) {
            long[] all = java.util.stream.LongStream.concat(Arrays.stream(latenciesNanos),
                    Arrays.stream(next.latenciesNanos)).sorted().toArray();
            return new Run(requests + next.requests, errors + next.errors, firstError.isEmpty() ? next.firstError
                    : firstError, seconds + next.seconds, all);
        }

        double percentile(int p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, index))] / 1e6;
        }
    }

    /** {@code clients} loops, each sending the next photo, until {@code seconds} passed and {@code minRequests} sent. */
    private static Run run(HttpClient http, URI predict, List<byte[]> forms, int clients, int seconds, int minRequests)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong firstErrorAt = new AtomicLong(Long.MAX_VALUE);
        String[] firstError = {""};
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> perClient = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    long[] latencies = new long[1024];
                    int count = 0;
                    while (true) {
                        int n = next.getAndIncrement();
                        if (n >= minRequests && System.nanoTime() >= deadline) {
                            break;
                        }
                        long sent = System.nanoTime();
                        String problem = send(http, predict, forms.get(n % forms.size()));
                        long took = System.nanoTime() - sent;
                        if (problem != null) {
                            errors.incrementAndGet();
                            synchronized (firstError) {
                                if (sent < firstErrorAt.get()) {
                                    firstErrorAt.set(sent);
                                    firstError[0] = problem;
                                }
                            }
                        }
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = took;
                    }
                    return Arrays.copyOf(latencies, count);
                }));
            }
            for (Future<long[]> future : futures) {
                perClient.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Run(all.length, errors.get(), firstError[0], elapsed, all);
    }

    /** Null when the answer is 200 with exactly one face, else what was wrong. */
    private static String send(HttpClient http, URI predict, byte[] form) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(predict)
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return "HTTP " + response.statusCode() + " " + response.body();
            }
            if (anyFace) {
                return response.body().contains("\"faceCount\":0,") ? "no face: " + response.body() : null;
            }
            return response.body().contains("\"faceCount\":1,") ? null : "not one face: " + response.body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    /** Every neutral and smiling 512 x 512 London photo, each wrapped in a form as the page sends it. */
    private static List<byte[]> londonForms(Path frames) throws IOException {
        List<byte[]> forms = new ArrayList<>();
        for (String label : List.of("neutral", "smiling")) {
            try (Stream<Path> files = Files.list(frames.resolve(label))) {
                for (Path photo : files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                    forms.add(form(Files.readAllBytes(photo)));
                }
            }
        }
        if (forms.isEmpty()) {
            throw new IllegalStateException("no London photos under " + frames + "; give --data <shared data folder>");
        }
        return forms;
    }

    private static byte[] form(byte[] photo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(photo.length + 256);
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"photo.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(photo);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** CPU time of this whole process (server and clients), or 0 where the JVM does not say. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2] + " (1, 5, 15 min)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
