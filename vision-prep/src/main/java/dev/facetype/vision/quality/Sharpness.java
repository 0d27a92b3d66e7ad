package dev.facetype.vision.quality;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.crop.CropSettings;
import dev.facetype.vision.crop.FaceCropper;
import dev.facetype.vision.detect.FaceBox;
import dev.facetype.vision.ops.Resize;

/**
 * How sharp a face is: the variance of the Laplacian (Pech-Pacheco et al., 2000) of the face, measured on a
 * fixed-size gray square so that large and small faces are judged alike. Focused faces have strong edges
 * (eyes, lips, hair) and so a wide spread of Laplacian values; blurred ones do not.
 */
public final class Sharpness {

    /** Side of the square the face box is resampled to before measuring. */
    public static final int MEASURE_SIZE = 64;

    private Sharpness() {
    }

    /**
     * The sharpness of the face in {@code box}: the box made square about its centre, clamped to the photo,
     * resampled (area averaging) to {@value #MEASURE_SIZE} px gray.
     */
    public static double ofFace(RasterImage photo, FaceBox box) {
        FaceBox square = new FaceCropper(CropSettings.defaults().withMargin(0))
                .squareRegion(box, photo.width(), photo.height());
        RasterImage face = Resize.region(photo, square.x(), square.y(), square.width(), square.height(),
                MEASURE_SIZE, MEASURE_SIZE).toGray();
        return varianceOfLaplacian(face);
    }

    /**
     * The variance of the 4-neighbour Laplacian ({@code [0 1 0; 1 -4 1; 0 1 0]}) over the interior pixels of
     * the image's luma; 0 for images narrower or lower than 3 pixels.
     */
    public static double varianceOfLaplacian(RasterImage image) {
        RasterImage gray = image.toGray();
        int w = gray.width();
        int h = gray.height();
        if (w < 3 || h < 3) {
            return 0;
        }
        byte[] p = gray.toByteArray();
        double sum = 0;
        double sumSquares = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                int laplacian = (p[i - 1] & 0xFF) + (p[i + 1] & 0xFF) + (p[i - w] & 0xFF) + (p[i + w] & 0xFF)
                        - 4 * (p[i] & 0xFF);
                sum += laplacian;
                sumSquares += (double) laplacian * laplacian;
            }
        }
        double n = (double) (w - 2) * (h - 2);
        double mean = sum / n;
        return sumSquares / n - mean * mean;
    }
}
