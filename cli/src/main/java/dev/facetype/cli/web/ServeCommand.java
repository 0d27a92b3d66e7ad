package dev.facetype.cli.web;

import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.cli.CliException;
import dev.facetype.cli.CommonOptions;
import dev.facetype.cli.ExitCode;
import dev.facetype.cli.FaceTypeCommand;
import dev.facetype.cli.i18n.Language;
import dev.facetype.cnn.io.ModelFileException;
import dev.facetype.cnn.parallel.ComputePool;
import dev.facetype.vision.detect.FaceDetectors;
import dev.facetype.vision.detect.YuNetSettings;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code facetype serve model.fty}: the web page and JSON API for one model, until Ctrl-C. Prints the page's
 * address on stdout; unexpected server errors go to stderr, one line each.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves a web page where anyone can choose, drop or paste a photo and see every face boxed with its"
                    + " type, and its JSON API: POST /api/predict, GET /api/model, GET /health.",
            "Uploads stay in memory and are never stored. Stop it with Ctrl-C."
        })
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common = new CommonOptions();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (.fty) to answer with.")
    Path model;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "TCP port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every"
                    + " network interface).")
    String host;

    @Option(names = "--max-upload-mb", paramLabel = "MB", defaultValue = "10",
            description = "Largest photo accepted, in MB of 1024 x 1024 bytes; larger ones get 413 (default:"
                    + " ${DEFAULT-VALUE}).")
    int maxUploadMegabytes;

    @Option(names = "--max-megapixels", paramLabel = "MP", defaultValue = "50",
            description = "Largest photo accepted, in millions of pixels, read from its header before decoding;"
                    + " larger ones get 422 (default: ${DEFAULT-VALUE}).")
    int maxMegapixels;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Photos classified at the same time (default: the processors, fewer if the heap is small).")
    Integer concurrency;

    @Option(names = "--detect-max-side", paramLabel = "PX", defaultValue = "1280",
            description = "Photos are shrunk to at most this many pixels on their longer side to find the faces"
                    + " (the faces are still cropped from the whole photo); lower is faster but misses small faces"
                    + " (default: ${DEFAULT-VALUE}, as facetype predict).")
    int detectMaxSide;

    @Option(names = "--queue-wait-ms", paramLabel = "MS", defaultValue = "5000",
            description = "How long a request waits for a free slot before it gets 503 (default: ${DEFAULT-VALUE}).")
    long queueWaitMillis;

    @Option(names = "--idle-timeout-s", paramLabel = "S", defaultValue = "30",
            description = "An upload that stalls for this many seconds gets 408, and a kept-alive connection"
                    + " without a request that long is closed; the time spent answering does not count (default:"
                    + " ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    @Option(names = "--upload-timeout-s", paramLabel = "S", defaultValue = "60",
            description = "The whole photo must arrive within this many seconds, or the upload gets 408"
                    + " (default: ${DEFAULT-VALUE}).")
    int uploadTimeoutSeconds;

    @Override
    public Integer call() {
        WebSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Each prediction slot runs its prediction on its own request thread; by default the processors are
        // divided among the slots (one thread each with the default slots), so concurrent predictions do not
        // compete for, and spin waiting on, each other's compute threads.
        int threads = common.threadsAsked() ? common.threads() : settings.computeThreadsPerPrediction();
        try (ComputePool compute = ComputePool.create(threads);
             FaceTypeClassifier classifier = load(model, threads,
                     YuNetSettings.defaults().withMaxInputSide(detectMaxSide), compute);
             WebServer server = start(classifier, settings, err)) {
            server.warmUp();
            Thread shutdown = new Thread(server::close, "facetype-serve-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdown);
            if (!common.quiet()) {
                int slots = settings.maxConcurrentPredictions();
                err.println(FaceTypeCommand.messages(spec).get(slots == 1 ? "serve.started.one" : "serve.started",
                        model, String.join(", ", classifier.labels()), slots));
                err.flush();
            }
            out.println(server.uri());
            out.flush();
            try {
                server.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                removeHook(shutdown);
            }
        }
        return ExitCode.OK.code();
    }

    private WebSettings settings() {
        if (port < 0 || port > 65_535) {
            throw new CliException(ExitCode.USAGE, "--port must be in 0..65535, got " + port);
        }
        if (maxUploadMegabytes < 1 || maxUploadMegabytes > 1024) {
            throw new CliException(ExitCode.USAGE, "--max-upload-mb must be in 1..1024, got " + maxUploadMegabytes);
        }
        if (maxMegapixels < 1) {
            throw new CliException(ExitCode.USAGE, "--max-megapixels must be at least 1, got " + maxMegapixels);
        }
        if (concurrency != null && concurrency < 1) {
            throw new CliException(ExitCode.USAGE, "--concurrency must be at least 1, got " + concurrency);
        }
        if (detectMaxSide < 32) {
            throw new CliException(ExitCode.USAGE, "--detect-max-side must be at least 32, got " + detectMaxSide);
        }
        if (queueWaitMillis < 0) {
            throw new CliException(ExitCode.USAGE, "--queue-wait-ms must not be negative, got " + queueWaitMillis);
        }
        if (idleTimeoutSeconds < 1) {
            throw new CliException(ExitCode.USAGE, "--idle-timeout-s must be at least 1, got " + idleTimeoutSeconds);
        }
        if (uploadTimeoutSeconds < 1) {
            throw new CliException(ExitCode.USAGE, "--upload-timeout-s must be at least 1, got "
                    + uploadTimeoutSeconds);
        }
        long maxPixels = maxMegapixels * 1_000_000L;
        int slots = concurrency != null ? concurrency : WebSettings.defaultConcurrency(maxPixels,
                Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors());
        return WebSettings.defaults().withHost(host).withPort(port)
                .withMaxUploadBytes(maxUploadMegabytes * 1024L * 1024L).withMaxPixels(maxPixels)
                .withMaxConcurrentPredictions(slots).withQueueWait(Duration.ofMillis(queueWaitMillis))
                .withIdleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
                .withUploadTimeout(Duration.ofSeconds(uploadTimeoutSeconds))
                // The page speaks the language asked for with --lang; without it, each visitor's browser decides.
                .withPageLanguage(FaceTypeCommand.askedLanguage(spec).map(Language::tag).orElse(null));
    }

    private static FaceTypeClassifier load(Path model, int threads, YuNetSettings detection, ComputePool compute) {
        if (!Files.isRegularFile(model)) {
            throw new CliException(ExitCode.MODEL, model + (Files.isDirectory(model) ? " is a folder, not a model file"
                    : ": no such model file (train one with: facetype train <photo folder> -o " + model + ")"));
        }
        try {
            return FaceTypeClassifier.load(model, threads, () -> FaceDetectors.yunet(detection, compute));
        } catch (ModelFileException e) {
            String message = String.valueOf(e.getMessage());
            throw new CliException(ExitCode.MODEL, message.startsWith(model.toString()) ? message : model + ": " + message, e);
        } catch (IOException e) {
            throw new CliException(ExitCode.MODEL, model + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static WebServer start(FaceTypeClassifier classifier, WebSettings settings, PrintWriter err) {
        try {
            return WebServer.start(classifier, settings, line -> {
                synchronized (err) {
                    err.println(line);
                    err.flush();
                }
            });
        } catch (JavalinBindException e) {
            throw new CliException(ExitCode.USAGE, "cannot listen on " + settings.host() + " port " + settings.port()
                    + ": it is in use or not an address of this machine; choose another with --port or --host", e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running.
        }
    }
}
