package dev.facetype.vision.io;

import java.util.Objects;

/**
 * A photo that could not be turned into an image. {@link #reason()} says what kind of problem it was and the
 * message names the file and the problem in words a user can act on.
 */
public final class ImageLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that sort failures (a report of rejected files, an HTTP status). */
    public enum Reason {
        /** The file or stream holds no bytes. */
        EMPTY,
        /** The content is not an image in any format facetype reads (text, an archive, a document...). */
        NOT_AN_IMAGE,
        /** An image format facetype recognises but cannot decode, such as HEIC or WebP. */
        UNSUPPORTED_FORMAT,
        /** The file starts like an image of a known format, but its data is cut short or damaged. */
        TRUNCATED_OR_CORRUPT,
        /** The header declares more pixels (or the file holds more bytes) than the configured limit. */
        TOO_LARGE,
        /** The file could not be read at all: missing, a directory, no permission, an I/O error. */
        UNREADABLE
    }

    private final Reason reason;
    private final String sourceName;

    /** A failure for {@code sourceName}; the message is prefixed with the source name. */
    public ImageLoadException(Reason reason, String sourceName, String problem, Throwable cause) {
        super(sourceName + ": " + problem, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.sourceName = sourceName;
    }

    /** A failure without an underlying exception. */
    public ImageLoadException(Reason reason, String sourceName, String problem) {
        this(reason, sourceName, problem, null);
    }

    /** What kind of problem this is. */
    public Reason reason() {
        return reason;
    }

    /** The file path or name given by the caller. */
    public String sourceName() {
        return sourceName;
    }
}
