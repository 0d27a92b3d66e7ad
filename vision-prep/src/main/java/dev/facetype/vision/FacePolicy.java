package dev.facetype.vision;

/** Which faces of a photo with several are used. */
public enum FacePolicy {
    /** Only the face with the largest box: the subject of a portrait, for training (default). */
    LARGEST,
    /** Every face found, each checked on its own: for prediction on group photos. */
    ALL
}
