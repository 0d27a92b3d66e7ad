package dev.facetype.vision.detect;

/** A detector could not be created or run: the native library or the model file is missing or broken. */
public final class FaceDetectorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FaceDetectorException(String message, Throwable cause) {
        super(message, cause);
    }

    public FaceDetectorException(String message) {
        super(message);
    }
}
