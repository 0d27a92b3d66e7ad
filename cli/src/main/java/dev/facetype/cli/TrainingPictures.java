package dev.facetype.cli;

import dev.facetype.classifier.Evaluation;
import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.classifier.LabelScore;
import dev.facetype.classifier.TrainingResult;
import dev.facetype.cli.pictures.ConfusionPicture;
import dev.facetype.cli.pictures.ContactSheet;
import dev.facetype.cli.pictures.FontChoice;
import dev.facetype.cli.pictures.Fonts;
import dev.facetype.cli.pictures.TrainingCurves;
import dev.facetype.dataset.SampleRef;
import dev.facetype.vision.RasterImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pictures written beside a model: {@code <model>.curves.png} (loss and accuracy per epoch),
 * {@code <model>.confusion.png} and {@code <model>.test-faces.png} (test faces with their predicted types).
 */
final class TrainingPictures {

    /** What was written, and a note when type names had to be drawn as numbers. */
    record Written(List<Path> files, String fontNote) {
    }

    private TrainingPictures() {
    }

    static Path curvesFile(Path model) {
        return ModelFiles.sibling(model, "curves.png");
    }

    static Path confusionFile(Path model) {
        return ModelFiles.sibling(model, "confusion.png");
    }

    static Path facesFile(Path model) {
        return ModelFiles.sibling(model, "test-faces.png");
    }

    static Written write(Path model, String title, TrainingResult result, List<SampleRef> test,
                         FaceTypeClassifier classifier) {
        List<String> labels = classifier.labels();
        FontChoice fonts = Fonts.forTexts(labels);
        List<Path> files = new ArrayList<>();
        try {
            write(TrainingCurves.draw(result.history(), TrainingCurves.accuracyOf(result.test()),
                    "training curves: " + title, fonts), curvesFile(model), files);
            Optional<Evaluation> evaluation = result.test();
            if (evaluation.isPresent()) {
                write(ConfusionPicture.draw(evaluation.get(), "test confusion matrix: " + title, fonts),
                        confusionFile(model), files);
                write(ContactSheet.draw(testFaces(test, classifier), labels, "test faces and predicted types: " + title,
                        fonts), facesFile(model), files);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pictures beside " + model + ": " + e.getMessage(), e);
        }
        return new Written(files, fonts.missingGlyphsNote(labels));
    }

    /** The test side's faces (crops as they are) with the model's answer for each. */
    static List<ContactSheet.Face> testFaces(List<SampleRef> test, FaceTypeClassifier classifier) {
        List<RasterImage> crops = new ArrayList<>();
        List<SampleRef> originals = new ArrayList<>();
        for (SampleRef ref : test) {
            if (ref.isOriginal() && crops.size() < ContactSheet.MAX_FACES * 4) {
                crops.add(ref.sample().crop());
                originals.add(ref);
            }
        }
        List<List<LabelScore>> scores = classifier.classifyCrops(crops);
        List<String> labels = classifier.labels();
        List<ContactSheet.Face> faces = new ArrayList<>();
        for (int i = 0; i < crops.size(); i++) {
            LabelScore top = scores.get(i).get(0);
            faces.add(new ContactSheet.Face(crops.get(i).toBufferedImage(), originals.get(i).sample().label(),
                    labels.indexOf(top.label()), top.probability()));
        }
        return faces;
    }

    private static void write(BufferedImage image, Path file, List<Path> files) throws IOException {
        dev.facetype.cli.pictures.PngFiles.write(image, file);
        files.add(file);
    }
}
