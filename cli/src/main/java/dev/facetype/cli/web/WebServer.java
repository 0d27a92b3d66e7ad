package dev.facetype.cli.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facetype.classifier.FaceTypeClassifier;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The web page and its JSON API for one model, on an embedded Jetty 12 (through Javalin 7).
 *
 * <ul>
 *   <li>{@code GET /} — the page: choose, drop or paste a photo; every face boxed with its type.</li>
 *   <li>{@code POST /api/predict} — the photo as the raw body or a {@code multipart/form-data} file
 *       (field {@code photo}); answers every face's box, type and probabilities.</li>
 *   <li>{@code GET /api/model} — the model's types, version and settings, and the limits.</li>
 *   <li>{@code GET /health} — {@code {"status":"ok", ...}}.</li>
 * </ul>
 *
 * <p>Every error is JSON ({@code {"error": {"status", "code", "message"}}}) with its status: 413 for an upload
 * over the byte limit, 415 for what is not an image, 422 for a photo over the pixel limit or damaged, 503 when
 * every prediction slot stayed busy for the whole wait, 408 for an upload that stalled or came too slowly, 400 for
 * malformed requests. Uploads stay in memory and are bounded (see {@link WebSettings}). The server does not close
 * the classifier.
 *
 * <pre>{@code
 * try (FaceTypeClassifier model = FaceTypeClassifier.load(Path.of("model.fty"));
 *      WebServer server = WebServer.start(model, WebSettings.defaults().withPort(0))) {
 *     System.out.println("open " + server.uri());
 *     server.awaitStop();
 * }
 * }</pre>
 */
public final class WebServer implements AutoCloseable {

    /** Sent with every response: the page loads only its own files, and nothing may frame or sniff it. */
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:;"
                    + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY");

    private final Javalin app;
    private final WebSettings settings;
    private final AdmissionControl admission;
    private final Object stopLock = new Object();
    private boolean stopped;

    private final PredictionService predictions;

    private WebServer(Javalin app, WebSettings settings, AdmissionControl admission, PredictionService predictions) {
        this.app = app;
        this.settings = settings;
        this.admission = admission;
        this.predictions = predictions;
    }

    /** Starts serving {@code classifier} with {@code settings}; unexpected errors are not reported anywhere. */
    public static WebServer start(FaceTypeClassifier classifier, WebSettings settings) {
        return start(classifier, settings, message -> { });
    }

    /**
     * Starts serving {@code classifier} with {@code settings}, reporting unexpected errors (never the expected
     * refusals) as one line each to {@code errorLog}.
     *
     * @throws io.javalin.util.JavalinBindException when the port is taken
     */
    public static WebServer start(FaceTypeClassifier classifier, WebSettings settings, Consumer<String> errorLog) {
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(errorLog, "errorLog");
        AdmissionControl admission = new AdmissionControl(settings.maxConcurrentPredictions(),
                settings.maxUploadsInMemory(), settings.queueWait());
        PredictionService predictions = new PredictionService(classifier, settings);
        ApiHandlers api = new ApiHandlers(predictions, admission, settings, errorLog);
        StaticAssets assets = new StaticAssets();
        ObjectMapper mapper = ApiJson.mapper();
        Javalin app = Javalin.create(config -> configure(config, settings, mapper, api, assets));
        app.start();
        return new WebServer(app, settings, admission, predictions);
    }

    private static void configure(JavalinConfig config, WebSettings settings, ObjectMapper mapper, ApiHandlers api,
                                  StaticAssets assets) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.jsonMapper(new JavalinJackson(mapper, false));
        config.http.prefer405over404 = true;
        config.jetty.host = settings.host();
        config.jetty.port = settings.port();
        // Javalin's own connector, with the idle timeout: a connection that sends nothing that long is closed,
        // and a request whose body stalls that long gets 408.
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(settings.host());
            connector.setPort(settings.port());
            connector.setIdleTimeout(settings.idleTimeout().toMillis());
            return connector;
        });
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(mapper)));
        config.routes.before(ctx -> {
            SECURITY_HEADERS.forEach(ctx::header);
            ctx.header("Cache-Control", "no-store");
        });
        assets.byPath().forEach((path, asset) -> config.routes.get(path, ctx -> serve(ctx, asset)));
        config.routes.post("/api/predict", api::predict);
        config.routes.get("/api/model", api::model);
        config.routes.get("/health", api::health);
        config.routes.exception(ApiException.class, api::apiError);
        config.routes.exception(HttpResponseException.class, api::httpError);
        config.routes.exception(Exception.class, api::unexpected);
        config.routes.error(404, "*", api::notFound);
        config.router.javaLangErrorHandler(api::unexpectedError);
    }

    private static void serve(Context ctx, StaticAssets.Asset asset) {
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }

    /** The port it listens on (the chosen one when the settings asked for port 0). */
    public int port() {
        return app.port();
    }

    /** The settings it runs with. */
    public WebSettings settings() {
        return settings;
    }

    /** The page's address, for example {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        String host = settings.host();
        String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + port() + "/");
    }

    /** The most predictions that ran at the same time so far (never more than the configured slots). */
    public int peakConcurrentPredictions() {
        return admission.peakRunning();
    }

    /**
     * Answers one generated photo (no face) the whole way, to load the face detector and the decoders before
     * the first visitor comes: a second or two.
     */
    public void warmUp() {
        predictions.warmUp();
    }

    /** Blocks until {@link #close()} is called from another thread. */
    public void awaitStop() throws InterruptedException {
        synchronized (stopLock) {
            while (!stopped) {
                stopLock.wait();
            }
        }
    }

    /** Stops listening and ends the server's threads; requests in progress are cut off. */
    @Override
    public void close() {
        // Jetty's stop waits for its threads; a pending interrupt of the caller (Ctrl-C handling) must not cut it short.
        boolean interrupted = Thread.interrupted();
        try {
            app.stop();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (stopLock) {
            stopped = true;
            stopLock.notifyAll();
        }
    }
}
