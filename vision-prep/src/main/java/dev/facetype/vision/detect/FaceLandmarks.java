package dev.facetype.vision.detect;

/**
 * Five facial points as YuNet gives them. "Right" and "left" are the person's own: in a frontal photo the
 * right eye appears on the image's left.
 */
public record FaceLandmarks(ImagePoint rightEye, ImagePoint leftEye, ImagePoint noseTip,
                            ImagePoint rightMouthCorner, ImagePoint leftMouthCorner) {

    /**
     * The angle in radians of the line from the right eye to the left eye, measured from the image's x axis
     * (positive when the left eye is lower, y pointing down); 0 when the eyes are level.
     */
    public double eyeLineAngle() {
        return Math.atan2(leftEye.y() - rightEye.y(), leftEye.x() - rightEye.x());
    }

    /** The midpoint between the eyes. */
    public ImagePoint eyeCenter() {
        return new ImagePoint((rightEye.x() + leftEye.x()) / 2, (rightEye.y() + leftEye.y()) / 2);
    }

    /** Every point multiplied by {@code factor}. */
    public FaceLandmarks scaled(double factor) {
        return new FaceLandmarks(rightEye.scaled(factor), leftEye.scaled(factor), noseTip.scaled(factor),
                rightMouthCorner.scaled(factor), leftMouthCorner.scaled(factor));
    }
}
