package dev.facetype.vision.detect;

import dev.facetype.cnn.parallel.ComputePool;
import dev.facetype.vision.RasterImage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where the pure-Java YuNet spends its time: the bundled model run on one thread (every layer inline on the
 * caller), each step timed by the calling thread's CPU time, which other work on the machine barely changes.
 * For benchmarks ({@code DetectorBenchmark --profile}); the photos' detections are those of
 * {@link FaceDetectors#yunet()} on one thread.
 */
public final class YuNetLayerProfile {

    /** One step: its description and the median over the passes of its CPU milliseconds per photo. */
    public record Step(String name, double cpuMillis) {
    }

    private YuNetLayerProfile() {
    }

    /**
     * Runs every photo once to warm up, then {@code passes} times, and returns per photo the median CPU time
     * of: filling the input, each graph step in order, and decoding the boxes. All photos should pad to one size
     * (the step names are those of the first).
     */
    public static List<Step> measure(List<RasterImage> photos, int passes) {
        if (photos.isEmpty() || passes < 1) {
            throw new IllegalArgumentException("need photos and at least one pass");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new UnsupportedOperationException("this JVM cannot measure a thread's CPU time");
        }
        OnnxGraphTranslator translator;
        try (InputStream model = FaceDetectors.class.getResourceAsStream(FaceDetectors.YUNET_RESOURCE)) {
            translator = new OnnxGraphTranslator(OnnxModel.read(Objects.requireNonNull(model, "bundled model")
                    .readAllBytes()));
        } catch (IOException e) {
            throw new FaceDetectorException("the bundled YuNet model is not readable: " + e.getMessage(), e);
        }
        YuNetSettings settings = YuNetSettings.defaults();
        float score = (float) settings.scoreThreshold();
        float nms = (float) settings.nmsThreshold();
        try (ComputePool pool = ComputePool.create(1)) {
            YuNetRunner runner = new YuNetRunner(translator, pool);
            List<String> names = new ArrayList<>();
            names.add("input: BGR planes");
            names.addAll(runner.stepNames(photos.get(0)));
            names.add("decode: boxes, NMS");
            int count = names.size();
            photos.forEach(photo -> runner.detect(photo, score, nms));
            double[][] perPass = new double[count][passes];
            for (int pass = 0; pass < passes; pass++) {
                long[] elapsed = new long[count];
                for (RasterImage photo : photos) {
                    runner.detect(photo, score, nms, threads::getCurrentThreadCpuTime, elapsed);
                }
                for (int i = 0; i < count; i++) {
                    perPass[i][pass] = elapsed[i] / 1e6 / photos.size();
                }
            }
            List<Step> steps = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                steps.add(new Step(names.get(i), median(perPass[i])));
            }
            return steps;
        }
    }

    static double median(double[] values) {
        double[] sorted = Objects.requireNonNull(values).clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
