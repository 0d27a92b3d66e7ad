package dev.facetype.vision.io;

import dev.facetype.vision.RasterImage;

/**
 * The eight values of the EXIF/TIFF {@code Orientation} tag (0x0112): how the stored pixels must be turned
 * to show the scene upright. Phones store the sensor's pixels as they come and set this tag instead of
 * rotating, so ignoring it leaves portraits lying on their side.
 *
 * <p>Each constant's comment says where the stored image's first row and first column belong in the
 * upright picture, as the EXIF specification words it.
 */
public enum ExifOrientation {
    /** 1: row 0 at the top, column 0 at the left (nothing to do). */
    NORMAL(1),
    /** 2: row 0 at the top, column 0 at the right (mirror left-right). */
    FLIP_HORIZONTAL(2),
    /** 3: row 0 at the bottom, column 0 at the right (turn 180 degrees). */
    ROTATE_180(3),
    /** 4: row 0 at the bottom, column 0 at the left (mirror top-bottom). */
    FLIP_VERTICAL(4),
    /** 5: row 0 at the left, column 0 at the top (mirror across the main diagonal). */
    TRANSPOSE(5),
    /** 6: row 0 at the right, column 0 at the top (turn 90 degrees clockwise). */
    ROTATE_90_CLOCKWISE(6),
    /** 7: row 0 at the right, column 0 at the bottom (mirror across the anti-diagonal). */
    TRANSVERSE(7),
    /** 8: row 0 at the left, column 0 at the bottom (turn 90 degrees counter-clockwise). */
    ROTATE_90_COUNTERCLOCKWISE(8);

    private final int tagValue;

    ExifOrientation(int tagValue) {
        this.tagValue = tagValue;
    }

    /** The tag value, 1..8. */
    public int tagValue() {
        return tagValue;
    }

    /** The orientation for a tag value; anything outside 1..8 (seen in broken files) counts as normal. */
    public static ExifOrientation fromTagValue(int value) {
        return value >= 1 && value <= 8 ? values()[value - 1] : NORMAL;
    }

    /** True for 5..8, whose upright picture has width and height swapped. */
    public boolean swapsDimensions() {
        return tagValue >= 5;
    }

    /** The upright picture of {@code stored}, an image whose file carried this orientation. */
    public RasterImage apply(RasterImage stored) {
        if (this == NORMAL) {
            return stored;
        }
        int w = stored.width();
        int h = stored.height();
        int c = stored.channels();
        int outW = swapsDimensions() ? h : w;
        int outH = swapsDimensions() ? w : h;
        byte[] in = stored.toByteArray();
        byte[] out = new byte[in.length];
        for (int sy = 0; sy < h; sy++) {
            for (int sx = 0; sx < w; sx++) {
                int ux;
                int uy;
                switch (this) {
                    case FLIP_HORIZONTAL -> { ux = w - 1 - sx; uy = sy; }
                    case ROTATE_180 -> { ux = w - 1 - sx; uy = h - 1 - sy; }
                    case FLIP_VERTICAL -> { ux = sx; uy = h - 1 - sy; }
                    case TRANSPOSE -> { ux = sy; uy = sx; }
                    case ROTATE_90_CLOCKWISE -> { ux = outW - 1 - sy; uy = sx; }
                    case TRANSVERSE -> { ux = outW - 1 - sy; uy = outH - 1 - sx; }
                    case ROTATE_90_COUNTERCLOCKWISE -> { ux = sy; uy = outH - 1 - sx; }
                    default -> throw new AssertionError(this);
                }
                System.arraycopy(in, (sy * w + sx) * c, out, (uy * outW + ux) * c, c);
            }
        }
        return RasterImage.adopt(outW, outH, c, out);
    }
}
