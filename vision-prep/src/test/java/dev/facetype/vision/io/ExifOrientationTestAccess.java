package dev.facetype.vision.io;

import dev.facetype.vision.RasterImage;

/** Lets tests in other packages build sideways photos the way {@link ExifOrientationTest} does. */
public final class ExifOrientationTestAccess {

    private ExifOrientationTestAccess() {
    }

    public static RasterImage storedAsCameraWould(RasterImage upright, int orientation) {
        return ExifOrientationTest.storedAsCameraWould(upright, orientation);
    }
}
