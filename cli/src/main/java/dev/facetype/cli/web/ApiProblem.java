package dev.facetype.cli.web;

/**
 * Every way a request can fail, with its HTTP status and the stable {@code code} that JSON error bodies
 * carry (the page picks its Japanese or English text by this code).
 */
enum ApiProblem {
    /** The request's body is empty. */
    EMPTY_UPLOAD(400, "empty_upload"),
    /** A multipart body that cannot be parsed (no boundary, cut short, bad part headers). */
    BAD_MULTIPART(400, "bad_multipart"),
    /** A well-formed form without a file in it. */
    NO_PHOTO(400, "no_photo"),
    /** The upload could not be read from the connection. */
    UNREADABLE_UPLOAD(400, "unreadable_upload"),
    /** No such page or endpoint. */
    NOT_FOUND(404, "not_found"),
    /** The endpoint exists but not for this method. */
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    /** The body did not arrive within the upload timeout, or stalled for the idle timeout. */
    UPLOAD_TIMEOUT(408, "upload_timeout"),
    /** The upload is larger than the limit. */
    UPLOAD_TOO_LARGE(413, "upload_too_large"),
    /** The bytes are not an image in any format facetype reads. */
    NOT_AN_IMAGE(415, "not_an_image"),
    /** An image format facetype recognises but cannot decode (HEIC, WebP, ...). */
    UNSUPPORTED_FORMAT(415, "unsupported_format"),
    /** An image whose header declares more pixels than the limit: a decompression bomb or a huge photo. */
    TOO_MANY_PIXELS(422, "too_many_pixels"),
    /** An image cut short or damaged. */
    CORRUPT_IMAGE(422, "corrupt_image"),
    /** Every prediction slot stayed busy for the whole wait. */
    BUSY(503, "busy"),
    /** Anything unexpected; the response says no more than that. */
    INTERNAL(500, "internal_error");

    private final int status;
    private final String code;

    ApiProblem(int status, String code) {
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
