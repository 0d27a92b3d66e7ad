package dev.facetype.cli.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpStatus;

/** The API's endpoints and how their failures become JSON. */
final class ApiHandlers {

    /** The whole answer to an unexpected failure: the details are for the operator's log only. */
    static final String UNEXPECTED = "facetype failed on this request in a way it did not expect.";

    private final PredictionService predictions;
    private final AdmissionControl admission;
    private final UploadReader uploads;
    private final ApiJson.Limits limits;
    private final String pageLanguage;
    private final Consumer<String> log;

    ApiHandlers(PredictionService predictions, AdmissionControl admission, WebSettings settings, Consumer<String> log) {
        this.predictions = predictions;
        this.admission = admission;
        this.uploads = new UploadReader(settings.maxUploadBytes(), settings.uploadTimeout());
        this.pageLanguage = settings.pageLanguage();
        this.limits = new ApiJson.Limits(settings.maxUploadBytes(), settings.maxPixels(),
                settings.maxConcurrentPredictions());
        this.log = log;
    }

    /**
     * {@code POST /api/predict}: the photo as the raw body or as a form's file. The upload slot is taken before
     * the body is read, so the bodies in memory stay bounded; the prediction slot before decoding.
     */
    void predict(Context ctx) {
        long deadline = admission.deadline();
        AdmissionControl.Slot upload = admission.admitUpload(deadline);
        try {
            byte[] photo = uploads.read(ctx.req().getContentType(), ctx.req().getContentLengthLong(),
                    "100-continue".equalsIgnoreCase(ctx.header("Expect")), () -> ctx.req().getInputStream());
            AdmissionControl.Slot prediction = admission.admitPrediction(deadline);
            try {
                ctx.json(predictions.predict(photo));
            } finally {
                prediction.close();
            }
        } finally {
            upload.close();
        }
    }

    /** {@code GET /api/model}: the model's types, version and settings, and the upload limits. */
    void model(Context ctx) {
        ctx.json(new ApiJson.ModelAndLimits(predictions.model(), limits, pageLanguage));
    }

    /** {@code GET /health}: up, and how busy. */
    void health(Context ctx) {
        ctx.json(new ApiJson.Health("ok", admission.running(), admission.predictionSlots()));
    }

    /** An expected failure: its status, code and message. */
    void apiError(ApiException e, Context ctx) {
        if (e.problem() == ApiProblem.BUSY) {
            ctx.header("Retry-After", "1");
        }
        if (e.problem() == ApiProblem.UPLOAD_TOO_LARGE || e.problem() == ApiProblem.UPLOAD_TIMEOUT) {
            ctx.header("Connection", "close"); // the rest of the body may still be on its way
        }
        error(ctx, e.problem().status(), e.problem().code(), e.getMessage());
    }

    /** Javalin's own refusals (no such route, wrong method...), in the same shape. */
    void httpError(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        switch (status) {
            case 404 -> notFound(ctx);
            case 405 -> error(ctx, 405, ApiProblem.METHOD_NOT_ALLOWED.code(), "This endpoint does not accept "
                    + ctx.method().name() + "; see the README for the API.");
            default -> error(ctx, status, status >= 500 ? ApiProblem.INTERNAL.code() : "http_" + status,
                    HttpStatus.getMessage(status));
        }
    }

    /** No such page or endpoint (the path itself is not repeated). */
    void notFound(Context ctx) {
        error(ctx, 404, ApiProblem.NOT_FOUND.code(), "There is no such page or endpoint. The API is POST"
                + " /api/predict, GET /api/model and GET /health.");
    }

    /** Anything unexpected: logged for the operator, a plain 500 for the client. */
    void unexpected(Throwable e, Context ctx) {
        log.accept("facetype serve: unexpected error on " + ctx.method().name() + " " + ctx.path() + ": " + e);
        error(ctx, 500, ApiProblem.INTERNAL.code(), UNEXPECTED);
    }

    /**
     * An {@link Error} (out of memory, a class missing, a native failure in the detector): logged, and still a
     * JSON 500 without a stack trace.
     */
    void unexpectedError(HttpServletResponse response, Error e) {
        log.accept("facetype serve: unexpected error: " + e);
        try {
            response.setStatus(500);
            response.setContentType("application/json");
            response.getOutputStream().write(ApiJson.mapper().writeValueAsBytes(
                    ApiJson.ErrorBody.of(ApiProblem.INTERNAL, UNEXPECTED)));
        } catch (IOException | IllegalStateException ignored) {
            // The client is gone, or the response was already committed.
        }
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.status(status).json(new ApiJson.ErrorBody(new ApiJson.ErrorDetail(status, code, message)));
    }
}
