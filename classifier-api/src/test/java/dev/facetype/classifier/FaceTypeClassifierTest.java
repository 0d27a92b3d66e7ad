package dev.facetype.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facetype.cnn.io.ModelFileException;
import dev.facetype.dataset.DatasetSplit;
import dev.facetype.dataset.SampleRef;
import dev.facetype.testing.SharedData;
import dev.facetype.vision.RasterImage;
import dev.facetype.vision.augment.AugmentationSettings;
import dev.facetype.vision.crop.CropSettings;
import dev.facetype.vision.detect.FaceBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains once on real faces (London set, neutral vs smiling, split by person) and checks what a user
 * relies on: accuracy on people never seen, save/load giving identical answers, predictions on whole
 * photos with the face box where the face is.
 */
class FaceTypeClassifierTest {

    private static final int EPOCHS = 6;
    private static DatasetSplit split;
    private static FaceTypeClassifier classifier;
    private static TrainingResult result;
    private static final List<TrainingEvents.BatchEnded> batches = new ArrayList<>();

    @BeforeAll
    static void train() throws Exception {
        CropSettings crop = CompatibilityModelWriter.CROP;
        split = LondonFaces.split(crop, 7);
        classifier = FaceTypeClassifier.builder()
                .setLabels(split.labels())
                .optInputSize(crop.outputSize())
                .optCropMargin(crop.margin())
                .optAlignEyes(crop.alignEyes())
                .optNetwork(CompatibilityModelWriter.smallNetwork())
                .optSeed(7)
                .optMinConfidence(0.6)
                .build();
        TrainingConfig config = TrainingConfig.defaults().withEpochs(EPOCHS)
                .withAugmentation(TrainingConfig.withJitter(AugmentationSettings.defaults()));
        result = classifier.train(split, config, new TrainingListener() {
            @Override
            public void onBatchEnd(TrainingEvents.BatchEnded event) {
                batches.add(event);
            }
        });
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void recognisesSmilesOnPeopleItNeverSaw(TestReporter reporter) {
        Evaluation test = result.test().orElseThrow();
        reporter.publishEntry("test accuracy (unseen people)", String.valueOf(test.accuracy()));
        assertEquals(2 * 31, test.total(), "31 held-out people, two photos each");
        // chance is 0.5: 50 of 62 right by guessing has a probability of about 1e-6
        assertTrue(test.accuracy() >= 0.80, "accuracy on unseen people: " + test.accuracy() + "\n" + test.toTable());
        assertEquals(EPOCHS, result.history().size());
        assertTrue(result.history().get(EPOCHS - 1).trainLoss() < result.history().get(0).trainLoss(), "loss falls");
    }

    @Test
    void progressEventsCoverEveryStepWithAnEta() {
        int perEpoch = (split.train().size() + 31) / 32;
        assertEquals(EPOCHS * perEpoch, batches.size());
        TrainingEvents.BatchEnded last = batches.get(batches.size() - 1);
        assertEquals(EPOCHS - 1, last.epoch());
        assertEquals(perEpoch - 1, last.batch());
        assertEquals(0, last.etaSeconds(), 1e-6);
        assertTrue(batches.get(0).etaSeconds() > 0);
    }

    @Test
    void savedModelPredictsExactlyAsBefore(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("smiles.fty");
        classifier.save(file);
        List<RasterImage> crops = new ArrayList<>();
        for (SampleRef ref : split.test()) {
            crops.add(ref.sample().crop());
        }
        try (FaceTypeClassifier loaded = FaceTypeClassifier.load(file)) {
            assertEquals(classifier.labels(), loaded.labels());
            assertEquals(classifier.preprocessing(), loaded.preprocessing());
            assertEquals(classifier.minConfidence(), loaded.minConfidence());
            assertTrue(loaded.mirrorAveraging(), "mirror averaging is on by default and saved with the model");
            assertEquals(7L, ((Number) loaded.provenance().get("seed")).longValue());
            assertEquals("by-person", ((Map<?, ?>) loaded.provenance().get("split")).get("mode"));
            assertTrue(loaded.provenance().containsKey("jdk") && loaded.provenance().containsKey("facetypeVersion"));
            List<List<LabelScore>> before = classifier.classifyCrops(crops);
            List<List<LabelScore>> after = loaded.classifyCrops(crops);
            assertEquals(before, after, "bit-identical probabilities after save and load");
            assertEquals(classifier.evaluate(split.test()).accuracy(), loaded.evaluate(split.test()).accuracy());
        }
    }

    @Test
    void predictsWholePhotosWithTheBoxOnTheFace() throws Exception {
        Path frames = SharedData.require("data/london-faces/derived/frames_512");
        Map<String, FaceBox> truth = groundTruth(frames.resolve("neutral_face_boxes.csv"));
        int correct = 0;
        int total = 0;
        for (SampleRef ref : split.test()) {
            String person = ref.sample().person();
            String label = split.labels().get(ref.sample().label());
            PhotoPrediction answer = classifier.predict(frames.resolve(label).resolve(person + ".jpg"));
            assertEquals(1, answer.faces().size(), "one face in " + answer.source());
            FacePrediction face = answer.faces().get(0);
            assertEquals(1.0, face.scores().stream().mapToDouble(LabelScore::probability).sum(), 1e-5);
            assertEquals(face.label(), face.scores().get(0).label());
            assertEquals(face.confidence() < 0.6, face.uncertain());
            if (label.equals("neutral")) {
                assertTrue(face.box().iou(truth.get(person)) >= 0.5, "box " + face.box() + " vs " + truth.get(person));
            }
            if (face.label().equals(label)) {
                correct++;
            }
            total++;
        }
        // The photos go through the same decode, detect and crop as the training crops did, so the answers
        // on whole photos are exactly the evaluation's.
        Evaluation evaluation = result.test().orElseThrow();
        assertEquals(Math.round(evaluation.accuracy() * evaluation.total()), correct,
                "whole-photo predictions right for " + correct + " of " + total);
    }

    @Test
    void aPhotoWithoutAFaceIsAnAnswerNotAnError() {
        RasterImage wall = RasterImage.blank(300, 200, 3);
        PhotoPrediction answer = classifier.predict(wall, "wall.png");
        assertTrue(answer.noFaceFound());
        assertEquals(300, answer.width());
    }

    @Test
    void builderNamesEveryProblem() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> FaceTypeClassifier.builder().setLabels(List.of("only")).optInputSize(4).optThreads(0).validate());
        assertTrue(error.getMessage().contains("at least two types"), error.getMessage());
        assertTrue(error.getMessage().contains("input size"), error.getMessage());
        assertTrue(error.getMessage().contains("threads"), error.getMessage());
        assertThrows(IllegalStateException.class, () -> FaceTypeClassifier.builder().build());
    }

    @Test
    void trainingRefusesASplitWithOtherTypes() {
        try (FaceTypeClassifier other = FaceTypeClassifier.builder().setLabels(List.of("smiling", "neutral")).build()) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> other.train(split, TrainingConfig.defaults()));
            assertTrue(error.getMessage().contains("same order"), error.getMessage());
        }
    }

    @Test
    void aModelWithMoreTypesThanOutputsIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.fty");
        classifier.save(file);
        var contents = dev.facetype.cnn.io.ModelFile.read(file);
        @SuppressWarnings("unchecked")
        Map<String, Object> facetype = new java.util.LinkedHashMap<>((Map<String, Object>) contents.metadata().get("facetype"));
        facetype.put("labels", List.of("a", "b", "c"));
        Path broken = dir.resolve("broken.fty");
        dev.facetype.cnn.io.ModelFile.write(broken, new dev.facetype.cnn.io.ModelFile.Contents(contents.spec(),
                contents.seed(), Map.of("facetype", facetype), contents.sections()));
        ModelFileException error = assertThrows(ModelFileException.class, () -> FaceTypeClassifier.load(broken));
        assertEquals(ModelFileException.Reason.INCONSISTENT, error.reason());
        assertTrue(error.getMessage().contains("3 types") && error.getMessage().contains("2 outputs"), error.getMessage());
        assertFalse(Files.exists(dir.resolve("broken.fty.tmp")));
    }

    static Map<String, FaceBox> groundTruth(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",");
        List<String> columns = List.of(header);
        Map<String, FaceBox> boxes = new java.util.HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            String image = cells[columns.indexOf("image")];
            String id = image.substring(image.indexOf('/') + 1, image.lastIndexOf('.'));
            double x = Double.parseDouble(cells[columns.indexOf("box_x")]);
            double y = Double.parseDouble(cells[columns.indexOf("box_y")]);
            double w = Double.parseDouble(cells[columns.indexOf("box_w")]);
            double h = Double.parseDouble(cells[columns.indexOf("box_h")]);
            boxes.put(id, new FaceBox(x, y, w, h));
        }
        return boxes;
    }
}
