package dev.facetype.dataset.prepare;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.detect.DetectedFace;
import dev.facetype.vision.detect.FaceDetector;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the runs of a detector, so the timings can show that a cached run detected nothing. */
final class CountingDetector implements FaceDetector {

    private final FaceDetector detector;
    private final AtomicInteger runs;

    CountingDetector(FaceDetector detector, AtomicInteger runs) {
        this.detector = detector;
        this.runs = runs;
    }

    @Override
    public List<DetectedFace> detect(RasterImage image) {
        runs.incrementAndGet();
        return detector.detect(image);
    }

    @Override
    public String name() {
        return detector.name();
    }

    @Override
    public void close() {
        detector.close();
    }
}
