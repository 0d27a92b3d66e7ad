package dev.facetype.vision.opencv;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.DetectorPool;
import dev.facetype.vision.detect.FaceBox;
import dev.facetype.vision.detect.FaceDetector;
import dev.facetype.vision.detect.FaceDetectorException;
import dev.facetype.vision.detect.HaarSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.objdetect.CascadeClassifier;

/**
 * OpenCV's Viola-Jones Haar cascade on the gray image, the kind of detector the study used. Kept to compare
 * with it; YuNet finds more faces and far fewer false ones. Safe for concurrent use (a pool of cascades).
 * The score of a face is the number of raw detections merged into it.
 */
final class OpenCvHaarCascadeDetector implements FaceDetector {

    private final HaarSettings settings;
    private final DetectorPool<CascadeClassifier> pool;

    /** All cascades are loaded now, so {@code cascadeFile} may be deleted when this returns. */
    OpenCvHaarCascadeDetector(Path cascadeFile, HaarSettings settings) {
        OpenCvSupport.ensureLoaded();
        this.settings = settings;
        this.pool = new DetectorPool<>(settings.poolSize(), () -> load(cascadeFile));
        for (int i = 0; i < settings.poolSize(); i++) {
            pool.warmUp();
        }
    }

    private static CascadeClassifier load(Path cascadeFile) {
        if (!Files.isRegularFile(cascadeFile)) {
            throw new FaceDetectorException("Haar cascade " + cascadeFile + " does not exist or is not a file");
        }
        CascadeClassifier cascade = new CascadeClassifier();
        if (!cascade.load(cascadeFile.toAbsolutePath().toString()) || cascade.empty()) {
            throw new FaceDetectorException("Haar cascade " + cascadeFile + " could not be loaded by OpenCV "
                    + "(missing, or not a cascade XML file)");
        }
        return cascade;
    }

    @Override
    public List<DetectedFace> detect(RasterImage image) {
        double factor = OpenCvSupport.downscaleFactor(image.width(), image.height(), settings.maxInputSide());
        Mat gray = OpenCvSupport.shrink(OpenCvSupport.toGrayMat(image), factor);
        MatOfRect boxes = new MatOfRect();
        MatOfInt neighbours = new MatOfInt();
        try {
            Size minSize = new Size(settings.minFaceSize(), settings.minFaceSize());
            pool.withDetector(cascade -> {
                cascade.detectMultiScale2(gray, boxes, neighbours, settings.scaleFactor(), settings.minNeighbors(),
                        0, minSize);
                return null;
            });
            Rect[] rects = boxes.toArray();
            int[] counts = neighbours.toArray();
            List<DetectedFace> faces = new ArrayList<>(rects.length);
            for (int i = 0; i < rects.length; i++) {
                FaceBox box = new FaceBox(rects[i].x, rects[i].y, rects[i].width, rects[i].height);
                faces.add(new DetectedFace(box.scaled(1.0 / factor), i < counts.length ? counts[i] : 0));
            }
            faces.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
            return List.copyOf(faces);
        } finally {
            gray.release();
            boxes.release();
            neighbours.release();
        }
    }

    @Override
    public String name() {
        return "haar";
    }

    @Override
    public void close() {
        pool.close();
    }
}
