package dev.facetype.vision.detect;

import dev.facetype.cnn.parallel.ComputePool;
import dev.facetype.vision.RasterImage;
import dev.facetype.vision.ops.Resize;
import java.io.IOException;
import java.util.List;

/**
 * YuNet run by facetype's own engine: the ONNX graph translated to cnn-core layers, OpenCV's
 * {@code FaceDetectorYN} pre- and post-processing reproduced ({@link YuNetRunner}, {@link YuNetDecoder}). No
 * native code. Safe for concurrent use: a pool of per-thread graphs (see {@link YuNetSettings#poolSize()});
 * each call also spreads its layers over the compute pool's threads.
 */
final class YuNetFaceDetector implements FaceDetector {

    private final YuNetSettings settings;
    private final DetectorPool<YuNetRunner> runners;

    YuNetFaceDetector(byte[] onnxModel, String modelName, YuNetSettings settings, ComputePool pool) {
        this.settings = settings;
        OnnxGraphTranslator translator;
        try {
            translator = new OnnxGraphTranslator(OnnxModel.read(onnxModel));
        } catch (IOException e) {
            throw new FaceDetectorException("YuNet model " + modelName + " is not a readable ONNX file: "
                    + e.getMessage(), e);
        } catch (FaceDetectorException e) {
            throw new FaceDetectorException("YuNet model " + modelName + ": " + e.getMessage(), e);
        }
        this.runners = new DetectorPool<>(settings.poolSize(), () -> new YuNetRunner(translator, pool));
    }

    @Override
    public List<DetectedFace> detect(RasterImage image) {
        double factor = downscaleFactor(image.width(), image.height(), settings.maxInputSide());
        RasterImage input = factor >= 1.0 ? image : Resize.to(image,
                (int) Math.max(1, Math.round(image.width() * factor)), (int) Math.max(1, Math.round(image.height() * factor)));
        List<DetectedFace> faces = runners.withDetector(runner -> runner.detect(input,
                (float) settings.scoreThreshold(), (float) settings.nmsThreshold()));
        if (factor >= 1.0) {
            return faces;
        }
        double back = 1.0 / factor;
        return faces.stream().map(face -> new DetectedFace(face.box().scaled(back), face.score(),
                face.landmarks().map(points -> points.scaled(back)))).toList();
    }

    /** The factor ({@code <= 1}) that brings the longer side down to {@code maxSide}. */
    static double downscaleFactor(int width, int height, int maxSide) {
        int longSide = Math.max(width, height);
        return longSide <= maxSide ? 1.0 : (double) maxSide / longSide;
    }

    @Override
    public String name() {
        return "yunet";
    }

    @Override
    public void close() {
        runners.close();
    }
}
