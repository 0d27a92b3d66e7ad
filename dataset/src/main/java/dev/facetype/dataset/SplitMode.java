package dev.facetype.dataset;

import java.util.Locale;

/** How photos are divided between training and test. */
public enum SplitMode {
    /** No person on both sides (the default when the folders name persons). */
    BY_PERSON,
    /** A photo and all its augmented copies stay on one side (the default without person folders). */
    BY_PHOTO,
    /**
     * The study's own protocol: augment every photo x16 first, then split the copies 7:3. Copies of one
     * photo land on both sides, so test accuracy is inflated; kept only to reproduce the study's number.
     */
    STUDY;

    /** The command-line name: {@code by-person}, {@code by-photo} or {@code study}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a command-line name; the error lists the valid ones. */
    public static SplitMode fromCliName(String name) {
        for (SplitMode mode : values()) {
            if (mode.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown split mode '" + name + "'; use by-person, by-photo or study");
    }
}
