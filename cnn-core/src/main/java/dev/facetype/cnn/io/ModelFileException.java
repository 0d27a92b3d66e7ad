package dev.facetype.cnn.io;

import java.io.IOException;

/** A model file could not be read; {@link #reason()} says why in a form a program can act on. */
public final class ModelFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Reason {
        /** The file does not start with the model file signature. */
        NOT_A_MODEL,
        /** Written in a newer format than this version reads. */
        UNSUPPORTED_VERSION,
        /** The file ends before the length its preamble declares. */
        TRUNCATED,
        /** A checksum does not match: bytes changed after writing. */
        CORRUPT,
        /** The checksums match but the contents contradict each other (e.g. weight count vs architecture). */
        INCONSISTENT
    }

    private final Reason reason;

    public ModelFileException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ModelFileException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
