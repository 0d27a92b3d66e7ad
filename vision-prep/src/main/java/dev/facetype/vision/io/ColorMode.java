package dev.facetype.vision.io;

/** The channels a loaded image gets, whatever the file holds. */
public enum ColorMode {
    /** Three channels, red, green, blue; gray files are copied into all three. */
    RGB,
    /** One channel; colour files become their ITU-R BT.601 luma. */
    GRAY;

    /** 3 for {@link #RGB}, 1 for {@link #GRAY}. */
    public int channels() {
        return this == RGB ? 3 : 1;
    }
}
