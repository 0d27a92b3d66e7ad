package dev.facetype.vision.crop;

/**
 * How a face is cut out of a photo; immutable. Store these with a trained model: predictions must crop
 * exactly as training did.
 *
 * @param margin extra room around the face box on each side, as a fraction of the box's longer side: the
 *     crop's side is {@code longerSide * (1 + 2 * margin)} (default 0.2)
 * @param outputSize side of the square output in pixels (default 48, the study's network input)
 * @param channels 1 for gray (default, as the study) or 3 for RGB
 * @param alignEyes turn the crop so the eyes are level when the detector gives eye points (default off)
 */
public record CropSettings(double margin, int outputSize, int channels, boolean alignEyes) {

    public CropSettings {
        if (!(margin >= 0 && margin <= 2)) {
            throw new IllegalArgumentException("margin must be in 0..2 (a fraction of the face box), got " + margin);
        }
        if (outputSize < 8 || outputSize > 4096) {
            throw new IllegalArgumentException("outputSize must be in 8..4096 pixels, got " + outputSize);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (gray) or 3 (RGB), got " + channels);
        }
    }

    /** Margin 0.2, 48x48, gray, no eye alignment. */
    public static CropSettings defaults() {
        return new CropSettings(0.2, 48, 1, false);
    }

    public CropSettings withMargin(double value) {
        return new CropSettings(value, outputSize, channels, alignEyes);
    }

    public CropSettings withOutputSize(int value) {
        return new CropSettings(margin, value, channels, alignEyes);
    }

    public CropSettings withChannels(int value) {
        return new CropSettings(margin, outputSize, value, alignEyes);
    }

    public CropSettings withAlignEyes(boolean value) {
        return new CropSettings(margin, outputSize, channels, value);
    }
}
