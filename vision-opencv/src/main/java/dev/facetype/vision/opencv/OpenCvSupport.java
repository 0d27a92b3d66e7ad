package dev.facetype.vision.opencv;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.detect.FaceDetectorException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Loads OpenCV's native library once and moves images between {@link RasterImage} and OpenCV. */
final class OpenCvSupport {

    private static volatile boolean loaded;

    private OpenCvSupport() {
    }

    /** Loads the native library bundled in the OpenCV jar (extracted to a temporary folder) once per JVM. */
    static void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (OpenCvSupport.class) {
            if (!loaded) {
                try {
                    nu.pattern.OpenCV.loadLocally();
                } catch (Throwable e) {
                    throw new FaceDetectorException("OpenCV's native library could not be loaded on "
                            + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                            + "; face detection needs it (" + e + ")", e);
                }
                loaded = true;
            }
        }
    }

    /** A BGR {@code CV_8UC3} matrix (OpenCV's channel order) of the image; gray is copied to all three. */
    static Mat toBgrMat(RasterImage image) {
        byte[] rgb = image.toRgb().toByteArray();
        for (int i = 0; i < rgb.length; i += 3) {
            byte red = rgb[i];
            rgb[i] = rgb[i + 2];
            rgb[i + 2] = red;
        }
        Mat mat = new Mat(image.height(), image.width(), CvType.CV_8UC3);
        mat.put(0, 0, rgb);
        return mat;
    }

    /** A {@code CV_8UC1} matrix of the image's luma. */
    static Mat toGrayMat(RasterImage image) {
        Mat mat = new Mat(image.height(), image.width(), CvType.CV_8UC1);
        mat.put(0, 0, image.toGray().toByteArray());
        return mat;
    }

    /**
     * The factor ({@code <= 1}) that brings the longer side of a {@code width x height} image down to
     * {@code maxSide}.
     */
    static double downscaleFactor(int width, int height, int maxSide) {
        int longSide = Math.max(width, height);
        return longSide <= maxSide ? 1.0 : (double) maxSide / longSide;
    }

    /**
     * {@code mat} shrunk by {@code factor} with area averaging (the original is released, a large photo's
     * native memory should not wait for the garbage collector); the matrix itself when the factor is 1.
     */
    static Mat shrink(Mat mat, double factor) {
        if (factor >= 1.0) {
            return mat;
        }
        Mat small = new Mat();
        Size size = new Size(Math.max(1, Math.round(mat.cols() * factor)), Math.max(1, Math.round(mat.rows() * factor)));
        Imgproc.resize(mat, small, size, 0, 0, Imgproc.INTER_AREA);
        mat.release();
        return small;
    }
}
