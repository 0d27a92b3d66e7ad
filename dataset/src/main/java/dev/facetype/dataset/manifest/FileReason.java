package dev.facetype.dataset.manifest;

import dev.facetype.vision.io.ImageLoadException;
import dev.facetype.vision.quality.RejectReason;

/** Why a file got its {@link Decision}; each reason belongs to exactly one decision. */
public enum FileReason {
    /** A face was kept. */
    OK(Decision.KEPT),

    /** The detector found no face. */
    NO_FACE(Decision.REJECTED),
    /** The face is smaller than the quality settings allow. */
    FACE_TOO_SMALL(Decision.REJECTED),
    /** The face is too blurred. */
    BLURRY(Decision.REJECTED),
    /** The file starts like an image but its data is cut short or damaged. */
    DAMAGED_IMAGE(Decision.REJECTED),
    /** The image has more pixels or bytes than the loader accepts. */
    TOO_LARGE(Decision.REJECTED),

    /** The same bytes as an earlier file of the same type: only the first copy is used. */
    DUPLICATE(Decision.EXCLUDED),
    /** The same bytes appear under two or more types: no copy is used, the label is ambiguous. */
    CONFLICTING_LABELS(Decision.EXCLUDED),

    /** A hidden file or folder (name starting with a dot, or hidden by the file system). */
    HIDDEN(Decision.SKIPPED),
    /** The content is not an image (recognised by its first bytes, whatever the file is called). */
    NOT_AN_IMAGE(Decision.SKIPPED),
    /** An image format that cannot be decoded (HEIC, WebP, ...). */
    UNSUPPORTED_FORMAT(Decision.SKIPPED),
    /** The file holds no bytes. */
    EMPTY_FILE(Decision.SKIPPED),
    /** The file or folder cannot be read: permission denied, a broken link, an I/O error, not a regular file. */
    UNREADABLE(Decision.SKIPPED),
    /** A symbolic link that leads back into a folder it is inside of. */
    SYMLINK_LOOP(Decision.SKIPPED),
    /** A person folder with nothing in it. */
    EMPTY_FOLDER(Decision.SKIPPED),
    /** A file directly inside the root: photos belong in a type folder. */
    NOT_IN_TYPE_FOLDER(Decision.SKIPPED),
    /** A file directly inside a type folder whose photos are in person folders. */
    NOT_IN_PERSON_FOLDER(Decision.SKIPPED);

    private final Decision decision;

    FileReason(Decision decision) {
        this.decision = decision;
    }

    /** The decision this reason explains. */
    public Decision decision() {
        return decision;
    }

    /** A short lower-case phrase for tables, e.g. {@code "no face"}. */
    public String phrase() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** The reason for a quality rejection of vision-prep. */
    public static FileReason of(RejectReason reason) {
        return switch (reason) {
            case NO_FACE -> NO_FACE;
            case FACE_TOO_SMALL -> FACE_TOO_SMALL;
            case BLURRY -> BLURRY;
            // not produced here: the dataset keeps near-duplicates and only groups them
            case NEAR_DUPLICATE -> DUPLICATE;
            case UNREADABLE -> DAMAGED_IMAGE;
        };
    }

    /** The reason for a decoder failure of vision-prep. */
    public static FileReason of(ImageLoadException.Reason reason) {
        return switch (reason) {
            case EMPTY -> EMPTY_FILE;
            case NOT_AN_IMAGE -> NOT_AN_IMAGE;
            case UNSUPPORTED_FORMAT -> UNSUPPORTED_FORMAT;
            case TRUNCATED_OR_CORRUPT -> DAMAGED_IMAGE;
            case TOO_LARGE -> TOO_LARGE;
            case UNREADABLE -> UNREADABLE;
        };
    }
}
