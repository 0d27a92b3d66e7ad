package dev.facetype.vision.crop;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.FaceBox;
import dev.facetype.vision.detect.FaceLandmarks;
import dev.facetype.vision.ops.AffineWarp;
import dev.facetype.vision.ops.Resize;
import java.util.Objects;

/**
 * Cuts square face crops out of photos: a square around the face box's centre, grown by the margin, moved
 * (and if need be shrunk) to lie inside the photo, then resampled with area averaging to the output size.
 * With eye alignment the square is turned about its centre so the eye line becomes horizontal. Stateless
 * and safe for concurrent use.
 */
public final class FaceCropper {

    private final CropSettings settings;

    public FaceCropper(CropSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public CropSettings settings() {
        return settings;
    }

    /** Crops a detected face, levelling the eyes when the settings ask for it and the face has eye points. */
    public FaceCrop crop(RasterImage photo, DetectedFace face) {
        double angle = settings.alignEyes() ? face.landmarks().map(FaceLandmarks::eyeLineAngle).orElse(0.0) : 0.0;
        return crop(photo, face.box(), angle);
    }

    /** Crops the given box without rotation. */
    public FaceCrop crop(RasterImage photo, FaceBox box) {
        return crop(photo, box, 0.0);
    }

    private FaceCrop crop(RasterImage photo, FaceBox box, double angle) {
        FaceBox region = squareRegion(box, photo.width(), photo.height());
        int size = settings.outputSize();
        RasterImage pixels;
        if (angle == 0.0) {
            pixels = Resize.region(photo, region.x(), region.y(), region.width(), region.height(), size, size);
        } else {
            // Rotate at (at least) the source resolution, then shrink with area averaging like the plain path.
            int working = Math.max(size, (int) Math.ceil(region.width()));
            RasterImage turned = AffineWarp.rotatedSquare(photo, region.centerX(), region.centerY(), region.width(),
                    angle, working);
            pixels = working == size ? turned : Resize.to(turned, size, size);
        }
        return new FaceCrop(pixels.withChannels(settings.channels()), box, region, angle);
    }

    /**
     * The square to crop: side {@code longerSide * (1 + 2 * margin)} centred on the box, no larger than the
     * photo's shorter side, shifted to lie inside the photo.
     */
    public FaceBox squareRegion(FaceBox box, int photoWidth, int photoHeight) {
        double side = Math.max(box.width(), box.height()) * (1 + 2 * settings.margin());
        side = Math.max(1, Math.min(side, Math.min(photoWidth, photoHeight)));
        double x = clamp(box.centerX() - side / 2, 0, photoWidth - side);
        double y = clamp(box.centerY() - side / 2, 0, photoHeight - side);
        return new FaceBox(x, y, side, side);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
