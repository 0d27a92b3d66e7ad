package dev.facetype.vision.quality;

/** Why a photo or a face was left out: the checks that replace the study's removal of photos by hand. */
public enum RejectReason {
    /** The detector found no face in the photo. */
    NO_FACE,
    /** The face's shorter side is below {@link QualitySettings#minFaceSize()} pixels. */
    FACE_TOO_SMALL,
    /** The face's variance of the Laplacian is below {@link QualitySettings#minSharpness()}. */
    BLURRY,
    /** The photo's perceptual hash is within {@link QualitySettings#maxHashDistance()} of an earlier photo's. */
    NEAR_DUPLICATE,
    /** The file could not be decoded (see the detail for the {@code ImageLoadException} reason). */
    UNREADABLE
}
