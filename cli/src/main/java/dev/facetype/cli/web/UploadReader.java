package dev.facetype.cli.web;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the photo out of a request body into memory, never more than the limit: either the raw body (any
 * content type but multipart) or the file of a {@code multipart/form-data} form (the field {@code photo}, else
 * the first file). Uploads are never written to disk.
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

    UploadReader(long maxPhotoBytes) {
        this.maxPhotoBytes = maxPhotoBytes;
    }

    /**
     * The photo's bytes.
     *
     * @param contentType     the request's Content-Type, or null
     * @param contentLength   the request's declared length, or -1 when it is sent in chunks
     * @param expectsContinue true when the client waits for "100 Continue" before sending the body
     * @param body            opens the body
     * @throws ApiException 413 over the limit (refused before reading when the declared length says so),
     *     400 for an empty, unreadable or malformed body or a form without a file
     */
    byte[] read(String contentType, long contentLength, boolean expectsContinue, Body body) {
        boolean multipart = MultipartForm.isMultipart(contentType);
        String boundary = multipart ? MultipartForm.boundary(contentType) : null;
        long bodyLimit = maxPhotoBytes + (multipart ? MULTIPART_OVERHEAD_BYTES : 0);
        if (contentLength > bodyLimit) {
            // A client waiting for "100 Continue" never sends the body if it is not read; others are drained.
            if (!expectsContinue && contentLength <= DRAIN_LIMIT_BYTES) {
                drain(open(body));
            }
            throw tooLarge();
        }
        byte[] bytes = readAtMost(open(body), contentLength, bodyLimit);
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
            throw new ApiException(ApiProblem.UNREADABLE_UPLOAD, "The upload could not be read ("
                    + e.getClass().getSimpleName() + ").");
        }
    }

    private byte[] readAtMost(InputStream in, long declaredLength, long limit) {
        try {
            if (declaredLength >= 0) {
                byte[] bytes = in.readNBytes((int) declaredLength);
                if (bytes.length < declaredLength) {
                    throw new ApiException(ApiProblem.UNREADABLE_UPLOAD, "The upload ended after " + bytes.length
                            + " of the " + declaredLength + " bytes its Content-Length announced.");
                }
                return bytes;
            }
            // Sent in chunks: grow a buffer, but never past the limit.
            byte[] buffer = new byte[(int) Math.min(CHUNK, limit + 1)];
            int size = 0;
            while (true) {
                if (size == buffer.length) {
                    if (size > limit) {
                        drain(in);
                        throw tooLarge();
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min((long) size * 2, limit + 1));
                }
                int read = in.read(buffer, size, buffer.length - size);
                if (read < 0) {
                    break;
                }
                size += read;
            }
            if (size > limit) {
                throw tooLarge();
            }
            return Arrays.copyOf(buffer, size);
        } catch (IOException e) {
            throw new ApiException(ApiProblem.UNREADABLE_UPLOAD, "The upload could not be read to its end ("
                    + e.getClass().getSimpleName() + ").");
        }
    }

    /** Reads and discards the rest of the body, up to {@link #DRAIN_LIMIT_BYTES}; errors end it quietly. */
    private static void drain(InputStream in) {
        byte[] sink = new byte[CHUNK];
        long drained = 0;
        try {
            int read;
            while (drained < DRAIN_LIMIT_BYTES && (read = in.read(sink)) >= 0) {
                drained += read;
            }
        } catch (IOException e) {
            // The client gave up; the 413 goes out on a connection that will be closed.
        }
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
