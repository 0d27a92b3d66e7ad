package dev.facetype.cli.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error pages (requests it refuses before they reach the API, such as a malformed request line or
 * headers that are too long) as JSON like the API's errors, with the status's standard phrase only: never a
 * stack trace and nothing the client sent.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final String JSON = "application/json";

    private final ObjectMapper mapper;

    JsonErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    private byte[] body(int status) {
        String code = status >= 500 ? ApiProblem.INTERNAL.code() : "http_" + status;
        try {
            return mapper.writeValueAsBytes(new ApiJson.ErrorBody(new ApiJson.ErrorDetail(status, code,
                    HttpStatus.getMessage(status))));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
