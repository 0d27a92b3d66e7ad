package dev.facetype.vision.opencv;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.DetectorPool;
import dev.facetype.vision.detect.FaceBox;
import dev.facetype.vision.detect.FaceDetector;
import dev.facetype.vision.detect.FaceDetectorException;
import dev.facetype.vision.detect.FaceLandmarks;
import dev.facetype.vision.detect.ImagePoint;
import dev.facetype.vision.detect.YuNetSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.objdetect.FaceDetectorYN;

/**
 * OpenCV's YuNet CNN face detector ({@code FaceDetectorYN}), the reference the pure-Java default is held to.
 * Safe for concurrent use: a pool of native detectors, one per calling thread (see
 * {@link YuNetSettings#poolSize()}).
 */
final class OpenCvYuNetDetector implements FaceDetector {

    /** Columns of a row of YuNet's output: box, five landmarks, score. */
    private static final int ROW_LENGTH = 15;

    private final YuNetSettings settings;
    private final DetectorPool<FaceDetectorYN> pool;

    OpenCvYuNetDetector(byte[] onnxModel, String modelName, YuNetSettings settings) {
        OpenCvSupport.ensureLoaded();
        this.settings = settings;
        this.pool = new DetectorPool<>(settings.poolSize(), () -> create(onnxModel, modelName, settings)).warmUp();
    }

    private static FaceDetectorYN create(byte[] onnxModel, String modelName, YuNetSettings settings) {
        try {
            return FaceDetectorYN.create("onnx", new MatOfByte(onnxModel), new MatOfByte(), new Size(320, 320),
                    (float) settings.scoreThreshold(), (float) settings.nmsThreshold(), 5000);
        } catch (RuntimeException e) {
            throw new FaceDetectorException("YuNet model " + modelName + " could not be loaded by OpenCV: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<DetectedFace> detect(RasterImage image) {
        double factor = OpenCvSupport.downscaleFactor(image.width(), image.height(), settings.maxInputSide());
        Mat input = OpenCvSupport.shrink(OpenCvSupport.toBgrMat(image), factor);
        Mat rows = new Mat();
        try {
            pool.withDetector(detector -> {
                detector.setInputSize(new Size(input.cols(), input.rows()));
                return detector.detect(input, rows);
            });
            return toFaces(rows, 1.0 / factor);
        } finally {
            input.release();
            rows.release();
        }
    }

    private static List<DetectedFace> toFaces(Mat rows, double backToImage) {
        List<DetectedFace> faces = new ArrayList<>(rows.rows());
        float[] row = new float[ROW_LENGTH];
        for (int r = 0; r < rows.rows(); r++) {
            rows.get(r, 0, row);
            FaceBox box = new FaceBox(row[0], row[1], Math.max(0, row[2]), Math.max(0, row[3]));
            FaceLandmarks landmarks = new FaceLandmarks(new ImagePoint(row[4], row[5]), new ImagePoint(row[6], row[7]),
                    new ImagePoint(row[8], row[9]), new ImagePoint(row[10], row[11]), new ImagePoint(row[12], row[13]));
            faces.add(new DetectedFace(box.scaled(backToImage), row[14], Optional.of(landmarks.scaled(backToImage))));
        }
        faces.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
        return List.copyOf(faces);
    }

    @Override
    public String name() {
        return "yunet-opencv";
    }

    @Override
    public void close() {
        pool.close();
    }
}
