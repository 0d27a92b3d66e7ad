package dev.facetype.cli.web;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Reads the photo out of a request body into memory, never more than the limit: either the raw body (any
 * content type but multipart) or the file of a {@code multipart/form-data} form (the field {@code photo}, else
 * the first file). Uploads are never written to disk.
 *
 * <p>The whole body must arrive within the upload timeout: a client that trickles its bytes gets 408 once that
 * time is over (checked between reads), and one that stalls gets 408 when the connection's idle timeout fails
 * the read that waits for it.
 */
final class UploadReader {

    /** The form field the page sends; other clients may use any field name for a single file. */
    static final String PHOTO_FIELD = "photo";
    /** Room for the multipart boundaries and part headers around a photo of the largest size. */
    static final int MULTIPART_OVERHEAD_BYTES = 64 * 1024;

    /**
     * An upload over the limit is read and thrown away up to this many bytes before the 413 is sent, so that
     * clients which only read the answer after sending everything (most do) see it instead of a reset
     * connection. Beyond this the connection is closed on them.
     */
    static final long DRAIN_LIMIT_BYTES = 64L * 1024 * 1024;

    private static final int CHUNK = 64 * 1024;

    private final long maxPhotoBytes;
    private final Duration uploadTimeout;

    UploadReader(long maxPhotoBytes) {
        this(maxPhotoBytes, WebSettings.DEFAULT_UPLOAD_TIMEOUT);
    }

    UploadReader(long maxPhotoBytes, Duration uploadTimeout) {
        this.maxPhotoBytes = maxPhotoBytes;
        this.uploadTimeout = uploadTimeout;
    }

    /**
     * The photo's bytes.
     *
     * @param contentType     the request's Content-Type, or null
     * @param contentLength   the request's declared length, or -1 when it is sent in chunks
     * @param expectsContinue true when the client waits for "100 Continue" before sending the body
     * @param body            opens the body
     * @throws ApiException 413 over the limit (refused before reading when the declared length says so),
     *     408 for a body that did not arrive within the upload timeout or stalled for the idle timeout,
     *     400 for an empty, unreadable or malformed body or a form without a file
     */
    byte[] read(String contentType, long contentLength, boolean expectsContinue, Body body) {
        long deadline = System.nanoTime() + uploadTimeout.toNanos();
        boolean multipart = MultipartForm.isMultipart(contentType);
        String boundary = multipart ? MultipartForm.boundary(contentType) : null;
        long bodyLimit = maxPhotoBytes + (multipart ? MULTIPART_OVERHEAD_BYTES : 0);
        if (contentLength > bodyLimit) {
            // A client waiting for "100 Continue" never sends the body if it is not read; others are drained.
            if (!expectsContinue && contentLength <= DRAIN_LIMIT_BYTES) {
                drain(open(body), deadline);
            }
            throw tooLarge();
        }
        byte[] bytes = readAtMost(open(body), contentLength, bodyLimit, deadline);
        if (bytes.length == 0) {
            throw new ApiException(ApiProblem.EMPTY_UPLOAD, "The upload is empty: send a photo as the request body"
                    + " or as the form field '" + PHOTO_FIELD + "'.");
        }
        if (!multipart) {
            return bytes;
        }
        MultipartForm.Part photo = photoPart(MultipartForm.parse(bytes, bytes.length, boundary));
        if (photo.length() > maxPhotoBytes) {
            throw tooLarge();
        }
        if (photo.length() == 0) {
            throw new ApiException(ApiProblem.EMPTY_UPLOAD, "The photo in the form is empty (0 bytes).");
        }
        return photo.content();
    }

    private static MultipartForm.Part photoPart(List<MultipartForm.Part> parts) {
        for (MultipartForm.Part part : parts) {
            if (part.name().equals(PHOTO_FIELD)) {
                return part;
            }
        }
        for (MultipartForm.Part part : parts) {
            if (part.isFile()) {
                return part;
            }
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        throw new ApiException(ApiProblem.NO_PHOTO, "The form holds no file: send the photo in the field '"
                + PHOTO_FIELD + "'.");
    }

    /** The request body, opened only when it is to be read (opening it may tell the client to send it). */
    @FunctionalInterface
    interface Body {
        InputStream open() throws IOException;
    }

    private static InputStream open(Body body) {
        try {
            return body.open();
        } catch (IOException e) {
            throw new ApiException(ApiProblem.UNREADABLE_UPLOAD, "The upload could not be read.");
        }
    }

    /**
     * The body, read as it arrives into a buffer that grows with it: exactly {@code declaredLength} bytes, or
     * when it is sent in chunks (-1) up to its end, but never past the limit.
     */
    private byte[] readAtMost(InputStream in, long declaredLength, long limit, long deadline) {
        long target = declaredLength >= 0 ? declaredLength : limit + 1;
        byte[] buffer = new byte[(int) Math.min(CHUNK, target)];
        int size = 0;
        try {
            while (size < target) {
                if (System.nanoTime() - deadline > 0) {
                    throw timedOut();
                }
                if (size == buffer.length) {
                    buffer = Arrays.copyOf(buffer, (int) Math.min((long) size * 2, target));
                }
                int read = in.read(buffer, size, buffer.length - size);
                if (read < 0) {
                    break;
                }
                size += read;
            }
            if (declaredLength >= 0 && size < declaredLength) {
                throw new ApiException(ApiProblem.UNREADABLE_UPLOAD, "The upload ended after " + size
                        + " of the " + declaredLength + " bytes its Content-Length announced.");
            }
            if (size > limit) {
                drain(in, deadline);
                throw tooLarge();
            }
            return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        } catch (IOException e) {
            if (isTimeout(e)) {
                throw stalled();
            }
            // Not the exception's name: the client gets facetype's words only.
            throw new ApiException(ApiProblem.UNREADABLE_UPLOAD, "The upload could not be read to its end: the"
                    + " connection broke off, or the body's chunks are malformed.");
        }
    }

    /**
     * Reads and discards the rest of the body, up to {@link #DRAIN_LIMIT_BYTES} or the deadline; errors end it
     * quietly.
     */
    private static void drain(InputStream in, long deadline) {
        byte[] sink = new byte[CHUNK];
        long drained = 0;
        try {
            int read;
            while (drained < DRAIN_LIMIT_BYTES && System.nanoTime() - deadline < 0 && (read = in.read(sink)) >= 0) {
                drained += read;
            }
        } catch (IOException e) {
            // The client gave up or stalled; the 413 goes out on a connection that will be closed.
        }
    }

    /** True when the read failed because the connection's idle timeout expired while it waited. */
    private static boolean isTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private ApiException timedOut() {
        return new ApiException(ApiProblem.UPLOAD_TIMEOUT, String.format(Locale.ROOT,
                "The upload did not arrive within %s: the connection is too slow, or the client stopped sending.",
                seconds(uploadTimeout)));
    }

    private static ApiException stalled() {
        return new ApiException(ApiProblem.UPLOAD_TIMEOUT,
                "The upload stopped arriving: nothing was received for too long, so the request was given up.");
    }

    /** {@code PT1M} as {@code "60 s"}, {@code PT0.5S} as {@code "0.5 s"}. */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private ApiException tooLarge() {
        return new ApiException(ApiProblem.UPLOAD_TOO_LARGE, String.format(Locale.ROOT,
                "The upload is larger than the limit of %s (%d bytes) per photo.", megabytes(maxPhotoBytes),
                maxPhotoBytes));
    }

    /** {@code 10485760} as {@code "10 MB"}, {@code 524288} as {@code "0.5 MB"}: three significant digits at most. */
    static String megabytes(long bytes) {
        BigDecimal mb = BigDecimal.valueOf(bytes / (1024.0 * 1024.0)).round(new MathContext(3));
        return mb.stripTrailingZeros().toPlainString() + " MB";
    }
}
