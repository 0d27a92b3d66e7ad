package dev.facetype.vision.detect;

import dev.facetype.cnn.parallel.ComputePool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Creates the face detectors facetype ships. All are safe for concurrent use; close them when done.
 *
 * <ul>
 *   <li>{@link #yunet()}: the default. OpenCV Zoo's YuNet CNN (MIT, 230 KB, bundled) run by facetype's own
 *       engine (cnn-core) in pure Java, with OpenCV's pre- and post-processing reproduced: its boxes agree with
 *       OpenCV's to a thousandth of a pixel. On the shared ground truth it finds every face with no false
 *       positive and gives five landmarks per face.</li>
 *   <li>{@link #openCvYuNet()}: the same model run by OpenCV's {@code FaceDetectorYN} (native code), for
 *       comparison.</li>
 *   <li>{@link #haarCascade()}: OpenCV's frontal-face Haar cascade (Intel BSD-style licence, bundled), the
 *       study's detector, for comparison. It misses more faces and reports more false ones.</li>
 * </ul>
 *
 * The last two need the optional module {@code dev.facetype:facetype-vision-opencv} (and its 105 MB OpenCV
 * jar) on the class path; without it they throw a {@link FaceDetectorException} saying so.
 */
public final class FaceDetectors {

    static final String YUNET_RESOURCE = "face_detection_yunet.onnx";
    static final String HAAR_RESOURCE = "haarcascade_frontalface_default.xml";

    private FaceDetectors() {
    }

    /** YuNet in pure Java with {@link YuNetSettings#defaults()}, on the shared compute pool. */
    public static FaceDetector yunet() {
        return yunet(YuNetSettings.defaults());
    }

    /** The bundled YuNet model in pure Java with the given settings, on the shared compute pool. */
    public static FaceDetector yunet(YuNetSettings settings) {
        return yunet(settings, ComputePool.shared());
    }

    /**
     * The bundled YuNet model in pure Java, its layers spread over {@code pool}'s threads (the caller keeps the
     * pool and closes it after the detector).
     */
    public static FaceDetector yunet(YuNetSettings settings, ComputePool pool) {
        return new YuNetFaceDetector(readResource(YUNET_RESOURCE), "(bundled) " + YUNET_RESOURCE,
                Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(pool, "pool"));
    }

    /** Another YuNet ONNX file (for example a newer OpenCV Zoo release) in pure Java. */
    public static FaceDetector yunet(Path onnxModel, YuNetSettings settings) {
        return new YuNetFaceDetector(readFile(onnxModel), onnxModel.toString(),
                Objects.requireNonNull(settings, "settings"), ComputePool.shared());
    }

    /** The bundled YuNet model run by OpenCV's {@code FaceDetectorYN}, with {@link YuNetSettings#defaults()}. */
    public static FaceDetector openCvYuNet() {
        return openCvYuNet(YuNetSettings.defaults());
    }

    /** The bundled YuNet model run by OpenCV's {@code FaceDetectorYN}; needs facetype-vision-opencv. */
    public static FaceDetector openCvYuNet(YuNetSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return nativeProvider("OpenCV's YuNet").yunet(readResource(YUNET_RESOURCE), "(bundled) " + YUNET_RESOURCE,
                settings);
    }

    /** The bundled Haar cascade with {@link HaarSettings#defaults()}; needs facetype-vision-opencv. */
    public static FaceDetector haarCascade() {
        return haarCascade(HaarSettings.defaults());
    }

    /** The bundled Haar cascade with the given settings; needs facetype-vision-opencv. */
    public static FaceDetector haarCascade(HaarSettings settings) {
        Objects.requireNonNull(settings, "settings");
        NativeDetectorProvider provider = nativeProvider("The Haar cascade");
        // OpenCV's Java API loads cascades only from a file: copy the resource out for the time of loading.
        Path file = null;
        try (InputStream in = resource(HAAR_RESOURCE)) {
            file = Files.createTempFile("facetype-haarcascade-", ".xml");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return provider.haarCascade(file, settings);
        } catch (IOException e) {
            throw new FaceDetectorException("The bundled Haar cascade could not be unpacked: " + e, e);
        } finally {
            deleteQuietly(file);
        }
    }

    /** Another cascade XML file (for example OpenCV's {@code haarcascade_frontalface_alt2.xml}). */
    public static FaceDetector haarCascade(Path cascadeXml, HaarSettings settings) {
        return nativeProvider("The Haar cascade").haarCascade(cascadeXml, Objects.requireNonNull(settings, "settings"));
    }

    /** Whether the optional native detectors (Haar cascade, OpenCV's YuNet) are on the class path. */
    public static boolean nativeDetectorsAvailable() {
        return ServiceLoader.load(NativeDetectorProvider.class, FaceDetectors.class.getClassLoader()).findFirst()
                .isPresent();
    }

    private static NativeDetectorProvider nativeProvider(String what) {
        return ServiceLoader.load(NativeDetectorProvider.class, FaceDetectors.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new FaceDetectorException(what + " runs on OpenCV's native code, which is not "
                        + "part of this installation: add dev.facetype:facetype-vision-opencv to the class path "
                        + "(it brings org.openpnp:opencv), or use the default pure-Java YuNet detector"));
    }

    private static byte[] readFile(Path onnxModel) {
        try {
            return Files.readAllBytes(onnxModel);
        } catch (IOException e) {
            throw new FaceDetectorException("YuNet model " + onnxModel + " cannot be read: " + e, e);
        }
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
