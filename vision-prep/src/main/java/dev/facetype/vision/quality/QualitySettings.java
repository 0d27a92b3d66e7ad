package dev.facetype.vision.quality;

/**
 * Limits of the {@link QualityFilter}; immutable.
 *
 * @param minFaceSize faces whose box has a shorter side below this many pixels are rejected as
 *     {@link RejectReason#FACE_TOO_SMALL} (default 48, the study's network input)
 * @param minSharpness faces whose {@link Sharpness#ofFace variance of the Laplacian} is below this are
 *     rejected as {@link RejectReason#BLURRY} (default {@value #DEFAULT_MIN_SHARPNESS}; calibration in the
 *     README: every one of the 1,019 faces of 48 px and more in the shared London, dlib, Yale, JAFFE and
 *     AT&amp;T photos measures 117 or more, while 99.5 % of them fall below it once blurred with a Gaussian
 *     of sigma 3 % of the face size)
 * @param maxHashDistance photos whose 256-bit {@link PerceptualHash} lies within this Hamming distance of an
 *     earlier photo's are {@link RejectReason#NEAR_DUPLICATE} (default 12; re-encoded, resized, blurred or
 *     gray copies of the London photos land at 0..6, 99 % of brightened ones within 12, photos of
 *     different people at 44 or more); -1 turns the check off
 */
public record QualitySettings(int minFaceSize, double minSharpness, int maxHashDistance) {

    /** The calibrated blur limit, see the README. */
    public static final double DEFAULT_MIN_SHARPNESS = 100;

    /** The calibrated near-duplicate limit, in bits of the 256-bit hash, see the README. */
    public static final int DEFAULT_MAX_HASH_DISTANCE = 12;

    public QualitySettings {
        if (minFaceSize < 0) {
            throw new IllegalArgumentException("minFaceSize must not be negative, got " + minFaceSize);
        }
        if (!(minSharpness >= 0)) {
            throw new IllegalArgumentException("minSharpness must not be negative, got " + minSharpness);
        }
        if (maxHashDistance < -1 || maxHashDistance > PerceptualHash.BITS) {
            throw new IllegalArgumentException("maxHashDistance must be in -1.." + PerceptualHash.BITS
                    + " (-1: no duplicate check), got "
                    + maxHashDistance);
        }
    }

    /** Faces from 48 px, sharpness from 100, duplicates within Hamming distance 12 (of 256 bits). */
    public static QualitySettings defaults() {
        return new QualitySettings(48, DEFAULT_MIN_SHARPNESS, DEFAULT_MAX_HASH_DISTANCE);
    }

    /** Accepts every face and never reports duplicates: for prediction, where the user chose the photo. */
    public static QualitySettings acceptAll() {
        return new QualitySettings(0, 0, -1);
    }

    public QualitySettings withMinFaceSize(int value) {
        return new QualitySettings(value, minSharpness, maxHashDistance);
    }

    public QualitySettings withMinSharpness(double value) {
        return new QualitySettings(minFaceSize, value, maxHashDistance);
    }

    public QualitySettings withMaxHashDistance(int value) {
        return new QualitySettings(minFaceSize, minSharpness, value);
    }
}
