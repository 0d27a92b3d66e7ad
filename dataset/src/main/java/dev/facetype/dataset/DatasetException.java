package dev.facetype.dataset;

/**
 * A dataset cannot be built or split as asked: the folder is missing or empty, a type folder holds no
 * photos, two folder names clash, a setting does not fit the data. The message names the folder or file and
 * says what to change. Problems with single files are never thrown: they are reported in the manifest.
 */
public class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
