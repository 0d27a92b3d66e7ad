package dev.facetype.dataset.prepare;

import dev.facetype.vision.detect.FaceDetector;
import dev.facetype.vision.detect.FaceDetectors;
import dev.facetype.vision.detect.HaarSettings;
import dev.facetype.vision.detect.YuNetSettings;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Which face detector preparation uses, described well enough to key the cache: the identity names the
 * detector, its model file (by hash) and every threshold that changes what it finds. The pool size is left
 * out, as it changes only the speed. Immutable; equal when the identities are.
 */
public final class DetectorSpec {

    private final String identity;
    private final IntFunction<FaceDetector> factory;

    private DetectorSpec(String identity, IntFunction<FaceDetector> factory) {
        this.identity = identity;
        this.factory = factory;
    }

    /** The default: the bundled YuNet with {@link YuNetSettings#defaults()}. */
    public static DetectorSpec yunet() {
        return yunet(YuNetSettings.defaults());
    }

    /** The bundled YuNet with these settings. */
    public static DetectorSpec yunet(YuNetSettings settings) {
        Objects.requireNonNull(settings, "settings");
        String identity = "yunet:model=" + BundledModels.YUNET + ";score=" + settings.scoreThreshold()
                + ";nms=" + settings.nmsThreshold() + ";maxInputSide=" + settings.maxInputSide();
        return new DetectorSpec(identity, threads -> FaceDetectors.yunet(settings.withPoolSize(threads)));
    }

    /** The bundled Haar cascade (the study's detector) with {@link HaarSettings#defaults()}. */
    public static DetectorSpec haarCascade() {
        return haarCascade(HaarSettings.defaults());
    }

    /** The bundled Haar cascade with these settings. */
    public static DetectorSpec haarCascade(HaarSettings settings) {
        Objects.requireNonNull(settings, "settings");
        String identity = "haar:model=" + BundledModels.HAAR + ";scaleFactor=" + settings.scaleFactor()
                + ";minNeighbors=" + settings.minNeighbors() + ";minFaceSize=" + settings.minFaceSize()
                + ";maxInputSide=" + settings.maxInputSide();
        return new DetectorSpec(identity, threads -> FaceDetectors.haarCascade(settings.withPoolSize(threads)));
    }

    /**
     * Any other detector. {@code identity} must change whenever the detector would find other faces (a new
     * model or threshold), or the cache would hand back the old detector's crops.
     */
    public static DetectorSpec custom(String identity, Supplier<FaceDetector> factory) {
        if (Objects.requireNonNull(identity, "identity").isBlank()) {
            throw new IllegalArgumentException("a custom detector needs an identity for the cache key");
        }
        Objects.requireNonNull(factory, "factory");
        return new DetectorSpec("custom:" + identity, threads -> factory.get());
    }

    /** What the cache key says about the detector. */
    public String identity() {
        return identity;
    }

    /** A new detector able to serve {@code threads} threads at once; the caller closes it. */
    public FaceDetector create(int threads) {
        return factory.apply(threads);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DetectorSpec that && identity.equals(that.identity);
    }

    @Override
    public int hashCode() {
        return identity.hashCode();
    }

    @Override
    public String toString() {
        return identity;
    }

    /** Short hashes of the model files inside vision-prep, read once, so a new model means a new cache key. */
    private static final class BundledModels {
        static final String YUNET = hash("face_detection_yunet.onnx");
        static final String HAAR = hash("haarcascade_frontalface_default.xml");

        private static String hash(String resource) {
            try (InputStream in = FaceDetectors.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return "missing";
                }
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                return HexFormat.of().formatHex(digest.digest(in.readAllBytes())).substring(0, 16);
            } catch (IOException | NoSuchAlgorithmException e) {
                return "unreadable";
            }
        }
    }
}
