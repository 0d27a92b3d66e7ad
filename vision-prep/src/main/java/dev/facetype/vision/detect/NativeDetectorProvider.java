package dev.facetype.vision.detect;

import java.nio.file.Path;

/**
 * Detectors that run on native code, supplied by an optional module and found with
 * {@link java.util.ServiceLoader}: {@code facetype-vision-opencv} provides OpenCV's Haar cascade and OpenCV's
 * own YuNet. Without such a module on the class path, {@link FaceDetectors#haarCascade()} and
 * {@link FaceDetectors#openCvYuNet()} throw a {@link FaceDetectorException} that says what to add.
 */
public interface NativeDetectorProvider {

    /** A Haar cascade detector loading the cascade from {@code cascadeXml} (the file may be deleted afterwards). */
    FaceDetector haarCascade(Path cascadeXml, HaarSettings settings);

    /** OpenCV's {@code FaceDetectorYN} on the given ONNX model bytes; {@code modelName} names it in errors. */
    FaceDetector yunet(byte[] onnxModel, String modelName, YuNetSettings settings);
}
