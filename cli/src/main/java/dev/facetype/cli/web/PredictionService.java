package dev.facetype.cli.web;

import dev.facetype.classifier.FacePrediction;
import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.classifier.LabelScore;
import dev.facetype.classifier.PhotoPrediction;
import dev.facetype.vision.RasterImage;
import dev.facetype.vision.detect.FaceBox;
import dev.facetype.vision.io.ImageLoadException;
import dev.facetype.vision.io.ImageLoader;
import dev.facetype.vision.io.LoadOptions;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Turns uploaded bytes into the API's answer: decode with the server's limits, find faces, classify. */
final class PredictionService {

    /** The name uploads get inside facetype; the client's file name is never used, so never echoed. */
    private static final String SOURCE = "upload";

    private final FaceTypeClassifier classifier;
    private final ImageLoader loader;
    private final ApiJson.Model model;

    PredictionService(FaceTypeClassifier classifier, WebSettings settings) {
        this.classifier = classifier;
        this.loader = new ImageLoader(LoadOptions.defaults().withMaxPixels(settings.maxPixels())
                .withMaxFileBytes(settings.maxUploadBytes()));
        this.model = describe(classifier);
    }

    /** The served model, as {@code GET /api/model} shows it. */
    ApiJson.Model model() {
        return model;
    }

    /**
     * Decodes and classifies one photo. Thread-safe.
     *
     * @throws ApiException 415, 422 or 400 when the bytes are not a usable image
     */
    ApiJson.Prediction predict(byte[] photo) {
        long start = System.nanoTime();
        RasterImage image = decode(photo);
        PhotoPrediction answer = classifier.predict(image, SOURCE);
        List<ApiJson.Face> faces = new ArrayList<>();
        for (FacePrediction face : answer.faces()) {
            faces.add(face(face));
        }
        String message = faces.isEmpty()
                ? "No face was found in this photo. Try a photo where a face looks at the camera, well lit and not too small."
                : null;
        return new ApiJson.Prediction(answer.width(), answer.height(), faces.size(), faces, message,
                classifier.labels(), model, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Runs a small generated JPEG through decoding and detection, and a blank crop through the network, so
     * that loading the face detector, the decoders and the network's buffers does not fall on the first visitor.
     */
    void warmUp() {
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.LIGHT_GRAY, 160, 120, Color.DARK_GRAY));
        g.fillRect(0, 0, 160, 120);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", jpeg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        predict(jpeg.toByteArray());
        // The photo has no face, so run the network on its own too.
        int size = classifier.preprocessing().inputSize();
        classifier.classifyCrops(List.of(RasterImage.blank(size, size, classifier.preprocessing().channels())));
    }

    private RasterImage decode(byte[] photo) {
        try {
            return loader.load(photo, SOURCE);
        } catch (ImageLoadException e) {
            throw refusal(e);
        }
    }

    /** The status and words for each reason a photo cannot be read. */
    static ApiException refusal(ImageLoadException e) {
        String detail = detail(e);
        return switch (e.reason()) {
            case EMPTY -> new ApiException(ApiProblem.EMPTY_UPLOAD, "The upload is empty (0 bytes).");
            case NOT_AN_IMAGE -> new ApiException(ApiProblem.NOT_AN_IMAGE, "The upload is not an image: facetype reads"
                    + " JPEG, PNG, GIF, BMP, TIFF and PGM/PPM photos.");
            case UNSUPPORTED_FORMAT -> new ApiException(ApiProblem.UNSUPPORTED_FORMAT, "The upload " + detail + ".");
            case TOO_LARGE -> new ApiException(ApiProblem.TOO_MANY_PIXELS, "The photo has too many pixels to decode"
                    + " safely: " + detail + ".");
            case TRUNCATED_OR_CORRUPT -> new ApiException(ApiProblem.CORRUPT_IMAGE, "The photo is damaged or cut"
                    + " short and cannot be decoded (" + detail + ").");
            case UNREADABLE -> new ApiException(ApiProblem.UNREADABLE_UPLOAD, "The upload could not be read.");
        };
    }

    /** The loader's own description of the problem, without the source name it starts with. */
    private static String detail(ImageLoadException e) {
        String message = String.valueOf(e.getMessage());
        String prefix = SOURCE + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private ApiJson.Face face(FacePrediction face) {
        FaceBox box = face.box();
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (String label : classifier.labels()) {
            probabilities.put(label, 0.0);
        }
        for (LabelScore score : face.scores()) {
            probabilities.put(score.label(), score.probability());
        }
        return new ApiJson.Face(new ApiJson.Box(Math.round(box.x()), Math.round(box.y()), Math.round(box.width()),
                Math.round(box.height())), face.label(), face.confidence(), face.uncertain(), face.detectorScore(),
                probabilities);
    }

    private static ApiJson.Model describe(FaceTypeClassifier classifier) {
        Map<String, Object> provenance = classifier.provenance();
        Object accuracy = provenance.get("testAccuracy");
        return new ApiJson.Model(classifier.labels(), classifier.architecture(),
                text(provenance.get("facetypeVersion")), text(provenance.get("createdAt")),
                classifier.preprocessing().inputSize(), classifier.preprocessing().channels(),
                classifier.minConfidence(), accuracy instanceof Number n ? round(n.doubleValue(), 4) : null);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
