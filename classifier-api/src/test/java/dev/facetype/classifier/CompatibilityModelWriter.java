package dev.facetype.classifier;

import dev.facetype.cnn.NetworkSpec;
import dev.facetype.cnn.io.Json;
import dev.facetype.cnn.layer.Initializer;
import dev.facetype.dataset.DatasetSplit;
import dev.facetype.dataset.SampleRef;
import dev.facetype.testing.SharedData;
import dev.facetype.vision.RasterImage;
import dev.facetype.vision.augment.AugmentationSettings;
import dev.facetype.vision.crop.CropSettings;
import dev.facetype.vision.io.ImageLoader;
import dev.facetype.vision.ops.Resize;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the small London smile model that test-support ships (the classifier format 1 model every later
 * version must still load) and the predictions it gives on held-out photos, which
 * {@link ModelCompatibilityTest} holds it to. Run it only when a new format version is released
 * ({@code --answers-only} rewrites the answers of the existing model):
 *
 * <pre>
 *   java -cp ... dev.facetype.classifier.CompatibilityModelWriter &lt;repository root&gt; [--answers-only]
 * </pre>
 */
public final class CompatibilityModelWriter {

    static final CropSettings CROP = new CropSettings(0.1, 48, 3, true);
    static final String EXPECTED = "dev/facetype/classifier/london-smile-format1-expected.json";

    private CompatibilityModelWriter() {
    }

    /** A small network with every layer type of format 1: cheap to train and under 2 MB on disk. */
    static NetworkSpec smallNetwork() {
        return NetworkSpec.builder(3, 48, 48)
                .conv(16, 5).batchNorm().relu().maxPool(2)
                .conv(32, 5).batchNorm().relu().maxPool(2)
                .flatten().dense(64).batchNorm().relu().dropout(0.3)
                .dense(2, Initializer.GLOROT)
                .build();
    }

    public static void main(String[] args) throws Exception {
        Path repository = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        boolean answersOnly = args.length > 1 && args[1].equals("--answers-only");
        Path model = repository.resolve("test-support/src/main/resources/dev/facetype/testing/models/london-smile-format1.fty");
        Path expected = repository.resolve("classifier-api/src/test/resources/" + EXPECTED);
        DatasetSplit split = LondonFaces.split(CROP, 11);
        if (!answersOnly) {
            try (FaceTypeClassifier classifier = FaceTypeClassifier.builder()
                    .setLabels(split.labels())
                    .optInputSize(CROP.outputSize())
                    .optCropMargin(CROP.margin())
                    .optAlignEyes(CROP.alignEyes())
                    .optNetwork(smallNetwork())
                    .optSeed(11)
                    .build()) {
                TrainingResult result = classifier.train(split, TrainingConfig.defaults().withEpochs(10)
                        .withAugmentation(TrainingConfig.withJitter(AugmentationSettings.defaults())));
                System.out.println(result.test().orElseThrow().toTable());
                Files.createDirectories(model.getParent());
                classifier.save(model);
            }
        }
        try (FaceTypeClassifier classifier = FaceTypeClassifier.load(model)) {
            List<Object> answers = new ArrayList<>();
            List<SampleRef> test = split.test();
            for (int i = 0; i < test.size(); i += 8) {
                String photo = test.get(i).sample().relativePath();
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("photo", photo);
                answer.put("wholePhotoLabel", classifier.predict(frames().resolve(photo)).faces().get(0).label());
                Map<String, Object> probabilities = new LinkedHashMap<>();
                for (LabelScore score : classifier.classifyCrops(List.of(fixedCrop(photo))).get(0)) {
                    probabilities.put(score.label(), score.probability());
                }
                answer.put("fixedCropProbabilities", probabilities);
                answers.add(answer);
            }
            Files.createDirectories(expected.getParent());
            Files.writeString(expected, Json.write(Map.of("model", "london-smile-format1.fty", "answers", answers)) + "\n",
                    StandardCharsets.UTF_8);
            System.out.println("wrote " + expected + (answersOnly ? "" : " and " + model + " (" + Files.size(model) + " bytes)"));
        }
    }

    static Path frames() {
        return SharedData.require("data/london-faces/derived/frames_512");
    }

    /**
     * The set's ready-made face crop of {@code photo} resized to the model's input: decoded and resized in pure
     * Java, so it is the same on every machine (the detector's boxes may differ by a pixel between CPUs).
     */
    static RasterImage fixedCrop(String photo) throws Exception {
        Path file = SharedData.require("data/london-faces/derived/faces_128").resolve(photo);
        return Resize.to(new ImageLoader().load(file), CROP.outputSize(), CROP.outputSize()).withChannels(CROP.channels());
    }
}
