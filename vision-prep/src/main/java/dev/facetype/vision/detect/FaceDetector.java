package dev.facetype.vision.detect;

import dev.facetype.vision.RasterImage;
import java.util.List;

/**
 * Finds faces in an image. Implementations say whether they are safe for concurrent use; the ones from
 * {@link FaceDetectors} are (each keeps a small pool of native detectors and hands one to each calling
 * thread).
 *
 * <p>Close a detector to let go of its native resources; using it afterwards throws
 * {@link IllegalStateException}.
 */
public interface FaceDetector extends AutoCloseable {

    /**
     * The faces in {@code image}, most confident first; an empty list when there is none. Gray and RGB
     * images are both accepted.
     */
    List<DetectedFace> detect(RasterImage image);

    /** A short name for reports, such as {@code "yunet"} or {@code "haar"}. */
    String name();

    @Override
    void close();
}
