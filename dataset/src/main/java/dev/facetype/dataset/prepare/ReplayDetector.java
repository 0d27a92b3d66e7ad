package dev.facetype.dataset.prepare;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.FaceDetector;
import java.util.List;

/**
 * A "detector" that answers with faces found earlier and cached: lets {@link dev.facetype.vision.PhotoPreparer}
 * apply new crop and quality settings to a photo without running the real detector again.
 */
final class ReplayDetector implements FaceDetector {

    private final String name;
    private final List<DetectedFace> faces;

    ReplayDetector(String name, List<DetectedFace> faces) {
        this.name = name;
        this.faces = List.copyOf(faces);
    }

    @Override
    public List<DetectedFace> detect(RasterImage image) {
        return faces;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
    }
}
