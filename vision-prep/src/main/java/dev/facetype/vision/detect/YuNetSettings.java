package dev.facetype.vision.detect;

/**
 * Settings of the YuNet detectors (the pure-Java default and OpenCV's); immutable, change one value with the
 * {@code with...} methods.
 *
 * @param scoreThreshold faces scoring below this are dropped (default 0.7: on the shared London and dlib
 *     sets it keeps every labelled face and admits no false positive)
 * @param nmsThreshold overlap (IoU) above which the weaker of two boxes is suppressed (default 0.3)
 * @param maxInputSide images whose longer side exceeds this are shrunk (area averaging) before detection
 *     and the boxes scaled back, which bounds the time per photo (default 1280; YuNet finds faces down to
 *     about 10 px, so a 4000 px photo still yields faces of about 30 px and more)
 * @param poolSize how many detections may run at once, each on a per-thread copy of the network's buffers
 *     (default: the number of processors, at most 4)
 */
public record YuNetSettings(double scoreThreshold, double nmsThreshold, int maxInputSide, int poolSize) {

    public YuNetSettings {
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("scoreThreshold must be in 0..1, got " + scoreThreshold);
        }
        if (!(nmsThreshold > 0 && nmsThreshold <= 1)) {
            throw new IllegalArgumentException("nmsThreshold must be in (0, 1], got " + nmsThreshold);
        }
        if (maxInputSide < 32) {
            throw new IllegalArgumentException("maxInputSide must be at least 32, got " + maxInputSide);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
        }
    }

    /** Score 0.7, NMS 0.3, longer side up to 1280 px, a pool of min(processors, 4). */
    public static YuNetSettings defaults() {
        return new YuNetSettings(0.7, 0.3, 1280, defaultPoolSize());
    }

    public YuNetSettings withScoreThreshold(double value) {
        return new YuNetSettings(value, nmsThreshold, maxInputSide, poolSize);
    }

    public YuNetSettings withNmsThreshold(double value) {
        return new YuNetSettings(scoreThreshold, value, maxInputSide, poolSize);
    }

    public YuNetSettings withMaxInputSide(int value) {
        return new YuNetSettings(scoreThreshold, nmsThreshold, value, poolSize);
    }

    public YuNetSettings withPoolSize(int value) {
        return new YuNetSettings(scoreThreshold, nmsThreshold, maxInputSide, value);
    }

    static int defaultPoolSize() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }
}
