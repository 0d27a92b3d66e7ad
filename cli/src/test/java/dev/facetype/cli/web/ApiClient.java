package dev.facetype.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** Talks to a {@link WebServer} over real HTTP, the way curl or the page would. */
final class ApiClient {

    static final String BOUNDARY = "----facetypeTestBoundary7MA4YWxkTrZu0gW";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    ApiClient(URI base) {
        this.base = base;
    }

    /** A response, its body also parsed as JSON when it is JSON. */
    record Response(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        /** Asserts an API error: the status, JSON, the code, a message, and no trace of Java internals. */
        JsonNode assertError(int expectedStatus, String expectedCode) {
            assertEquals(expectedStatus, status, body);
            assertTrue(contentType().startsWith("application/json"), "JSON error, got " + contentType());
            JsonNode error = json().get("error");
            assertEquals(expectedStatus, error.get("status").asInt(), body);
            assertEquals(expectedCode, error.get("code").asText(), body);
            assertFalse(error.get("message").asText().isBlank(), body);
            assertNoInternals();
            return error;
        }

        void assertNoInternals() {
            String lower = body.toLowerCase(Locale.ROOT);
            for (String leak : new String[] {"exception", "\tat ", "at dev.facetype", "at io.javalin", "jetty", ".java:"}) {
                assertFalse(lower.contains(leak), "response leaks '" + leak + "': " + body);
            }
        }
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Response postRaw(byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/predict"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** A browser-like form upload of one file. */
    Response postFile(String field, String fileName, String contentType, byte[] content) {
        return postForm("multipart/form-data; boundary=" + BOUNDARY, formBody(field, fileName, contentType, content));
    }

    Response postForm(String contentTypeHeader, byte[] body) {
        return send(HttpRequest.newBuilder(base.resolve("/api/predict")).header("Content-Type", contentTypeHeader)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** The body a browser sends for a form holding one file field, its name and type as given. */
    static byte[] formBody(String field, String fileName, String contentType, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"" + field + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
