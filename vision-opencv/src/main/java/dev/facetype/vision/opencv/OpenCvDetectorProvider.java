package dev.facetype.vision.opencv;

import dev.facetype.vision.detect.FaceDetector;
import dev.facetype.vision.detect.HaarSettings;
import dev.facetype.vision.detect.NativeDetectorProvider;
import dev.facetype.vision.detect.YuNetSettings;
import java.nio.file.Path;

/**
 * OpenCV's detectors for {@link dev.facetype.vision.detect.FaceDetectors#haarCascade()} and
 * {@link dev.facetype.vision.detect.FaceDetectors#openCvYuNet()}, registered with {@link java.util.ServiceLoader}.
 * Having this module (and its OpenCV jar, natives for Linux, macOS and Windows inside) on the class path is
 * all it takes; the native library is loaded when the first detector is made.
 */
public final class OpenCvDetectorProvider implements NativeDetectorProvider {

    @Override
    public FaceDetector haarCascade(Path cascadeXml, HaarSettings settings) {
        return new OpenCvHaarCascadeDetector(cascadeXml, settings);
    }

    @Override
    public FaceDetector yunet(byte[] onnxModel, String modelName, YuNetSettings settings) {
        return new OpenCvYuNetDetector(onnxModel, modelName, settings);
    }
}
