package dev.facetype.dataset.manifest;

/** What became of one file of the folder tree. */
public enum Decision {
    /** At least one face was cropped from the photo and is part of the dataset. */
    KEPT,
    /** A photo that preparation found unusable: no face, too small, blurry, damaged (the study removed these by hand). */
    REJECTED,
    /** A usable photo left out by a dataset rule: a second copy of a photo, or the same photo under two types. */
    EXCLUDED,
    /** Not a photo to prepare at all: hidden, not an image, unreadable, outside the layout. */
    SKIPPED
}
