package dev.facetype.vision.detect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Creates the face detectors facetype ships. Both run on OpenCV (natives inside the OpenCV jar) and are safe
 * for concurrent use; close them when done.
 *
 * <ul>
 *   <li>{@link #yunet()}: the default. OpenCV Zoo's YuNet CNN (MIT, 230 KB, bundled). On the shared ground
 *       truth it finds every face with no false positive and gives five landmarks per face.</li>
 *   <li>{@link #haarCascade()}: OpenCV's frontal-face Haar cascade (Intel BSD-style licence, bundled), the
 *       study's detector, for comparison. It misses more faces and reports more false ones.</li>
 * </ul>
 */
public final class FaceDetectors {

    static final String YUNET_RESOURCE = "face_detection_yunet.onnx";
    static final String HAAR_RESOURCE = "haarcascade_frontalface_default.xml";

    private FaceDetectors() {
    }

    /** YuNet with {@link YuNetSettings#defaults()}. */
    public static FaceDetector yunet() {
        return yunet(YuNetSettings.defaults());
    }

    /** The bundled YuNet model with the given settings. */
    public static FaceDetector yunet(YuNetSettings settings) {
        return new YuNetFaceDetector(readResource(YUNET_RESOURCE), "(bundled) " + YUNET_RESOURCE,
                Objects.requireNonNull(settings, "settings"));
    }

    /** Another YuNet ONNX file, for example a newer OpenCV Zoo release. */
    public static FaceDetector yunet(Path onnxModel, YuNetSettings settings) {
        byte[] model;
        try {
            model = Files.readAllBytes(onnxModel);
        } catch (IOException e) {
            throw new FaceDetectorException("YuNet model " + onnxModel + " cannot be read: " + e, e);
        }
        return new YuNetFaceDetector(model, onnxModel.toString(), Objects.requireNonNull(settings, "settings"));
    }

    /** The bundled Haar cascade with {@link HaarSettings#defaults()}. */
    public static FaceDetector haarCascade() {
        return haarCascade(HaarSettings.defaults());
    }

    /** The bundled Haar cascade with the given settings. */
    public static FaceDetector haarCascade(HaarSettings settings) {
        Objects.requireNonNull(settings, "settings");
        // OpenCV's Java API loads cascades only from a file: copy the resource out for the time of loading.
        Path file = null;
        try (InputStream in = resource(HAAR_RESOURCE)) {
            file = Files.createTempFile("facetype-haarcascade-", ".xml");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return new HaarCascadeFaceDetector(file, settings);
        } catch (IOException e) {
            throw new FaceDetectorException("The bundled Haar cascade could not be unpacked: " + e, e);
        } finally {
            deleteQuietly(file);
        }
    }

    /** Another cascade XML file (for example OpenCV's {@code haarcascade_frontalface_alt2.xml}). */
    public static FaceDetector haarCascade(Path cascadeXml, HaarSettings settings) {
        return new HaarCascadeFaceDetector(cascadeXml, Objects.requireNonNull(settings, "settings"));
    }

    private static byte[] readResource(String name) {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new FaceDetectorException("The bundled model " + name + " cannot be read: " + e, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = FaceDetectors.class.getResourceAsStream(name);
        if (in == null) {
            throw new FaceDetectorException("The bundled model " + name + " is missing from the facetype "
                    + "vision-prep jar (package dev.facetype.vision.detect)");
        }
        return in;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
