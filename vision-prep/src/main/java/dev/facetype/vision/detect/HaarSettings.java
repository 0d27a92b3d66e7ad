package dev.facetype.vision.detect;

/**
 * Settings of the Haar cascade detector (OpenCV's {@code detectMultiScale}); immutable.
 *
 * @param scaleFactor step between the scales searched (default 1.1)
 * @param minNeighbors how many overlapping raw detections a face needs to be kept (default 3)
 * @param minFaceSize smallest face searched, in pixels of the (possibly shrunk) image (default 20)
 * @param maxInputSide images whose longer side exceeds this are shrunk before detection (default 1280)
 * @param poolSize how many cascades may run at once, one per calling thread (default min(processors, 4))
 */
public record HaarSettings(double scaleFactor, int minNeighbors, int minFaceSize, int maxInputSide, int poolSize) {

    public HaarSettings {
        if (!(scaleFactor > 1.0 && scaleFactor < 2.0)) {
            throw new IllegalArgumentException("scaleFactor must be in (1, 2), got " + scaleFactor);
        }
        if (minNeighbors < 0) {
            throw new IllegalArgumentException("minNeighbors must not be negative, got " + minNeighbors);
        }
        if (minFaceSize < 1) {
            throw new IllegalArgumentException("minFaceSize must be at least 1, got " + minFaceSize);
        }
        if (maxInputSide < 32) {
            throw new IllegalArgumentException("maxInputSide must be at least 32, got " + maxInputSide);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
        }
    }

    /** Scale step 1.1, 3 neighbours, faces from 20 px, longer side up to 1280 px, min(processors, 4) cascades. */
    public static HaarSettings defaults() {
        return new HaarSettings(1.1, 3, 20, 1280, YuNetSettings.defaultPoolSize());
    }

    public HaarSettings withScaleFactor(double value) {
        return new HaarSettings(value, minNeighbors, minFaceSize, maxInputSide, poolSize);
    }

    public HaarSettings withMinNeighbors(int value) {
        return new HaarSettings(scaleFactor, value, minFaceSize, maxInputSide, poolSize);
    }

    public HaarSettings withMinFaceSize(int value) {
        return new HaarSettings(scaleFactor, minNeighbors, value, maxInputSide, poolSize);
    }

    public HaarSettings withMaxInputSide(int value) {
        return new HaarSettings(scaleFactor, minNeighbors, minFaceSize, value, poolSize);
    }

    public HaarSettings withPoolSize(int value) {
        return new HaarSettings(scaleFactor, minNeighbors, minFaceSize, maxInputSide, value);
    }
}
