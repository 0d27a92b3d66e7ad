package dev.facetype.cli.web;

import dev.facetype.vision.io.LoadOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WebServer} listens and what it accepts; immutable, change one value with the {@code with...}
 * methods.
 *
 * @param host                  the address to listen on (default {@code 127.0.0.1}: this machine only)
 * @param port                  the TCP port, or 0 for any free port (default 8080)
 * @param maxUploadBytes        the largest photo accepted, in bytes (default 10 MiB); larger uploads get 413
 * @param maxPixels             the largest photo accepted, in pixels, read from its header before decoding
 *                              (default 50 million); larger photos, such as decompression bombs, get 422
 * @param maxConcurrentPredictions photos decoded and classified at the same time; each may need about
 *                              {@link #BYTES_PER_PIXEL_IN_FLIGHT} bytes per pixel of heap
 * @param maxUploadsInMemory    uploads held in memory at once, waiting or being classified (at least
 *                              {@code maxConcurrentPredictions})
 * @param queueWait             how long a request waits for a free slot before it gets 503
 * @param idleTimeout           how long the server waits for a client that sends nothing: a request whose body
 *                              stalls that long gets 408 and its connection is closed, and a kept-alive
 *                              connection without a request that long is closed; the time spent answering does
 *                              not count (default 30 s)
 * @param uploadTimeout         how long the whole body of one upload may take to arrive: a client that keeps
 *                              trickling bytes slower than that gets 408 (default 60 s, 10 MB at 1.4 Mbit/s)
 * @param pageLanguage          the page's language until the visitor picks one on the page: {@code ja}, {@code en},
 *                              or {@code null} (the default) for the browser's preferred language
 */
public record WebSettings(String host, int port, long maxUploadBytes, long maxPixels, int maxConcurrentPredictions,
                          int maxUploadsInMemory, Duration queueWait, Duration idleTimeout, Duration uploadTimeout,
                          String pageLanguage) {

    /** The default upload limit: 10 MiB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 10L * 1024 * 1024;
    /**
     * Heap one photo may need while it is decoded and classified, per pixel: the decoded image, its upright
     * RGB copy and the detector's working copies (a 49-megapixel JPEG peaked at about 9 bytes per pixel).
     */
    public static final long BYTES_PER_PIXEL_IN_FLIGHT = 10;
    /** The default time a request waits for a free slot. */
    public static final Duration DEFAULT_QUEUE_WAIT = Duration.ofSeconds(5);
    /** The default time a connection may send nothing. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** The default time the body of one upload may take. */
    public static final Duration DEFAULT_UPLOAD_TIMEOUT = Duration.ofSeconds(60);

    public WebSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(queueWait, "queueWait");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(uploadTimeout, "uploadTimeout");
        if (pageLanguage != null && !pageLanguage.equals("ja") && !pageLanguage.equals("en")) {
            throw new IllegalArgumentException("pageLanguage must be ja, en or null, got " + pageLanguage);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (maxUploadBytes < 1 || maxUploadBytes > Integer.MAX_VALUE - 1024 * 1024) {
            throw new IllegalArgumentException("maxUploadBytes must be in 1.." + (Integer.MAX_VALUE - 1024 * 1024)
                    + ", got " + maxUploadBytes);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        if (maxConcurrentPredictions < 1) {
            throw new IllegalArgumentException("maxConcurrentPredictions must be at least 1, got "
                    + maxConcurrentPredictions);
        }
        if (maxUploadsInMemory < maxConcurrentPredictions) {
            throw new IllegalArgumentException("maxUploadsInMemory (" + maxUploadsInMemory
                    + ") must be at least maxConcurrentPredictions (" + maxConcurrentPredictions + ")");
        }
        if (queueWait.isNegative()) {
            throw new IllegalArgumentException("queueWait must not be negative, got " + queueWait);
        }
        if (idleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("idleTimeout must be at least 1 ms, got " + idleTimeout);
        }
        if (uploadTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("uploadTimeout must be at least 1 ms, got " + uploadTimeout);
        }
    }

    /**
     * Loopback on port 8080, 10 MiB and 50 megapixels per photo, as many predictions at once as there are
     * processors (fewer if the heap could not hold that many of the largest photos), four uploads in memory
     * per prediction slot, five seconds of waiting, 30 seconds of silence and 60 seconds for a whole upload.
     */
    public static WebSettings defaults() {
        int concurrent = defaultConcurrency(LoadOptions.DEFAULT_MAX_PIXELS, Runtime.getRuntime().maxMemory(),
                Runtime.getRuntime().availableProcessors());
        return new WebSettings("127.0.0.1", 8080, DEFAULT_MAX_UPLOAD_BYTES, LoadOptions.DEFAULT_MAX_PIXELS,
                concurrent, 4 * concurrent, DEFAULT_QUEUE_WAIT, DEFAULT_IDLE_TIMEOUT, DEFAULT_UPLOAD_TIMEOUT, null);
    }

    /**
     * Predictions that may run at once: one per processor, but no more than half the heap can hold at
     * {@link #BYTES_PER_PIXEL_IN_FLIGHT} bytes per pixel of the largest accepted photo, and at least one.
     */
    static int defaultConcurrency(long maxPixels, long maxHeapBytes, int processors) {
        long byMemory = maxHeapBytes / 2 / Math.max(1, maxPixels * BYTES_PER_PIXEL_IN_FLIGHT);
        return (int) Math.max(1, Math.min(processors, byMemory));
    }

    /**
     * Compute threads for each prediction (the face detector's and the network's loops) when
     * {@code processors} are shared by {@code slots} predictions at once: the processors divided among the
     * slots, at least one. With one slot per processor (the default) every prediction runs on its own request
     * thread; giving each several threads as well would only make the predictions wait for each other's threads
     * (the compute pool spins while it waits), costing CPU time without answering sooner.
     */
    public static int computeThreadsPerPrediction(int slots, int processors) {
        return Math.max(1, processors / Math.max(1, slots));
    }

    /** {@link #computeThreadsPerPrediction(int, int)} for these settings on this machine's processors. */
    public int computeThreadsPerPrediction() {
        return computeThreadsPerPrediction(maxConcurrentPredictions, Runtime.getRuntime().availableProcessors());
    }

    public WebSettings withHost(String value) {
        return new WebSettings(value, port, maxUploadBytes, maxPixels, maxConcurrentPredictions, maxUploadsInMemory,
                queueWait, idleTimeout, uploadTimeout, pageLanguage);
    }

    public WebSettings withPort(int value) {
        return new WebSettings(host, value, maxUploadBytes, maxPixels, maxConcurrentPredictions, maxUploadsInMemory,
                queueWait, idleTimeout, uploadTimeout, pageLanguage);
    }

    public WebSettings withMaxUploadBytes(long value) {
        return new WebSettings(host, port, value, maxPixels, maxConcurrentPredictions, maxUploadsInMemory, queueWait,
                idleTimeout, uploadTimeout, pageLanguage);
    }

    public WebSettings withMaxPixels(long value) {
        return new WebSettings(host, port, maxUploadBytes, value, maxConcurrentPredictions, maxUploadsInMemory,
                queueWait, idleTimeout, uploadTimeout, pageLanguage);
    }

    /** Sets the prediction slots, and the uploads in memory to four per slot. */
    public WebSettings withMaxConcurrentPredictions(int value) {
        return new WebSettings(host, port, maxUploadBytes, maxPixels, value, 4 * Math.max(1, value), queueWait,
                idleTimeout, uploadTimeout, pageLanguage);
    }

    public WebSettings withMaxUploadsInMemory(int value) {
        return new WebSettings(host, port, maxUploadBytes, maxPixels, maxConcurrentPredictions, value, queueWait,
                idleTimeout, uploadTimeout, pageLanguage);
    }

    public WebSettings withQueueWait(Duration value) {
        return new WebSettings(host, port, maxUploadBytes, maxPixels, maxConcurrentPredictions, maxUploadsInMemory,
                value, idleTimeout, uploadTimeout, pageLanguage);
    }

    public WebSettings withIdleTimeout(Duration value) {
        return new WebSettings(host, port, maxUploadBytes, maxPixels, maxConcurrentPredictions, maxUploadsInMemory,
                queueWait, value, uploadTimeout, pageLanguage);
    }

    public WebSettings withUploadTimeout(Duration value) {
        return new WebSettings(host, port, maxUploadBytes, maxPixels, maxConcurrentPredictions, maxUploadsInMemory,
                queueWait, idleTimeout, value, pageLanguage);
    }

    /** The page's language until the visitor picks one: {@code ja}, {@code en}, or null for the browser's. */
    public WebSettings withPageLanguage(String value) {
        return new WebSettings(host, port, maxUploadBytes, maxPixels, maxConcurrentPredictions, maxUploadsInMemory,
                queueWait, idleTimeout, uploadTimeout, value);
    }
}
