package dev.facetype.vision.detect;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.graph.InferenceGraph;
import dev.facetype.cnn.parallel.ComputePool;
import dev.facetype.vision.RasterImage;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One thread's YuNet: the graph for the last input size with its buffers, and the input tensor. Photos of the
 * same size reuse everything; another size builds a new graph (cheap: the weights are shared). The graph of a
 * large input (above {@value #KEEP_PIXELS} padded pixels; about 120 bytes a pixel, 160 MB at 1280 x 1024) is let
 * go after each photo, so an idle detector holds at most that of a 640 x 640 photo.
 */
final class YuNetRunner {

    /** YuNet's coarsest stride: the input is padded to a multiple of it, as OpenCV does. */
    private static final int DIVISOR = 32;
    /** Inputs up to this many padded pixels keep their graph and buffers between photos. */
    static final int KEEP_PIXELS = 640 * 640;

    private final OnnxGraphTranslator translator;
    private final ComputePool pool;
    private InferenceGraph graph;
    private Tensor input;

    YuNetRunner(OnnxGraphTranslator translator, ComputePool pool) {
        this.translator = translator;
        this.pool = pool;
    }

    /** Faces in pixels of {@code image}, most confident first. */
    List<DetectedFace> detect(RasterImage image, float scoreThreshold, float nmsThreshold) {
        return detect(image, scoreThreshold, nmsThreshold, null, null);
    }

    /**
     * {@link #detect(RasterImage, float, float)} that adds the time {@code clock} measures to {@code elapsed}:
     * [0] for filling the input, [1 + i] for the graph's step i, the last for decoding the boxes (for profiles;
     * {@code null} clock measures nothing).
     */
    List<DetectedFace> detect(RasterImage image, float scoreThreshold, float nmsThreshold, LongSupplier clock,
                              long[] elapsed) {
        int padWidth = padded(image.width());
        int padHeight = padded(image.height());
        Shape shape = Shape.of(3, padHeight, padWidth);
        if (graph == null || !graph.inputShape().equals(shape)) {
            graph = null;
            input = null;
            graph = translator.build(shape, pool);
            input = Tensor.zeros(shape.withBatch(1));
        }
        try {
            if (clock == null) {
                fillBgr(image, input.data(), padWidth, padHeight);
                return YuNetDecoder.decode(graph.forward(input), padWidth, padHeight, scoreThreshold, nmsThreshold);
            }
            int steps = graph.stepNames().size();
            if (elapsed.length != steps + 2) {
                throw new IllegalArgumentException("need " + (steps + 2) + " times, got " + elapsed.length);
            }
            long start = clock.getAsLong();
            fillBgr(image, input.data(), padWidth, padHeight);
            elapsed[0] += clock.getAsLong() - start;
            long[] stepTimes = new long[steps];
            Map<String, Tensor> outputs = graph.forward(input, clock, stepTimes);
            for (int i = 0; i < steps; i++) {
                elapsed[1 + i] += stepTimes[i];
            }
            start = clock.getAsLong();
            List<DetectedFace> faces = YuNetDecoder.decode(outputs, padWidth, padHeight, scoreThreshold, nmsThreshold);
            elapsed[steps + 1] += clock.getAsLong() - start;
            return faces;
        } finally {
            if (padWidth * padHeight > KEEP_PIXELS) {
                graph = null;
                input = null;
            }
        }
    }

    /** The names of the graph's steps for this shape of photo (for profiles). */
    List<String> stepNames(RasterImage image) {
        return translator.build(Shape.of(3, padded(image.height()), padded(image.width())), pool).stepNames();
    }

    /** The next multiple of 32, as OpenCV's {@code (size - 1) / 32 * 32 + 32}. */
    static int padded(int size) {
        return ((size - 1) / DIVISOR + 1) * DIVISOR;
    }

    /**
     * The image as OpenCV's {@code blobFromImage} sees a BGR picture padded with black at the bottom and right:
     * three planes, blue first, values 0..255 unscaled.
     */
    private static void fillBgr(RasterImage image, float[] planes, int padWidth, int padHeight) {
        ByteBuffer rgb = image.toRgb().pixelBuffer(); // a view, not a copy of the photo
        int width = image.width();
        int height = image.height();
        int plane = padWidth * padHeight;
        // A row at a time through an array: a get(index) on the view per byte took 5 % of a web request's CPU.
        byte[] rowBytes = new byte[width * 3];
        for (int y = 0; y < height; y++) {
            int row = y * padWidth;
            rgb.get(y * width * 3, rowBytes, 0, rowBytes.length);
            for (int x = 0; x < width; x++) {
                planes[row + x] = rowBytes[3 * x + 2] & 0xFF;
                planes[plane + row + x] = rowBytes[3 * x + 1] & 0xFF;
                planes[2 * plane + row + x] = rowBytes[3 * x] & 0xFF;
            }
        }
        // A smaller photo of the same padded size may follow a larger one: clear the padding every time.
        for (int c = 0; c < 3; c++) {
            int base = c * plane;
            for (int y = 0; y < height; y++) {
                Arrays.fill(planes, base + y * padWidth + width, base + (y + 1) * padWidth, 0f);
            }
            Arrays.fill(planes, base + height * padWidth, base + plane, 0f);
        }
    }
}
