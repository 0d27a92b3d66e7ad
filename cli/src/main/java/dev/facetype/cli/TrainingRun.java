package dev.facetype.cli;

import dev.facetype.classifier.ArchitecturePreset;
import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.classifier.Preprocessing;
import dev.facetype.classifier.TrainingConfig;
import dev.facetype.classifier.TrainingListener;
import dev.facetype.classifier.TrainingResult;
import dev.facetype.dataset.DatasetSplit;
import dev.facetype.vision.crop.CropSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One training as the commands run it: build the classifier with the crop settings the photos were prepared
 * with, train on the split, save the model, and draw the pictures beside it. Shared by {@code train} and
 * {@code demo}; the learning itself is the classifier's.
 */
final class TrainingRun {

    /**
     * How the classifier is built.
     *
     * @param crop the settings the dataset was prepared with (they go into the model)
     */
    record ClassifierSettings(ArchitecturePreset preset, CropSettings crop, Preprocessing.Normalisation normalisation,
                              long seed, int threads, double minConfidence) {
    }

    /** What a run produced. */
    record Outcome(TrainingResult result, TrainingPictures.Written pictures) {
    }

    private TrainingRun() {
    }

    static Outcome run(DatasetSplit split, ClassifierSettings settings, TrainingConfig config, Path model,
                       boolean pictures, String title, List<TrainingListener> listeners) {
        FaceTypeClassifier.Builder builder = FaceTypeClassifier.builder()
                .setLabels(split.labels())
                .optPreset(settings.preset())
                .optInputSize(settings.crop().outputSize())
                .optGrayscale(settings.crop().channels() == 1)
                .optCropMargin(settings.crop().margin())
                .optAlignEyes(settings.crop().alignEyes())
                .optNormalisation(settings.normalisation())
                .optSeed(settings.seed())
                .optThreads(settings.threads())
                .optMinConfidence(settings.minConfidence());
        try {
            builder.validate();
        } catch (IllegalStateException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
        try (FaceTypeClassifier classifier = builder.build()) {
            TrainingResult result = train(classifier, split, config, listeners);
            classifier.save(model);
            TrainingPictures.Written written = pictures
                    ? TrainingPictures.write(model, title, result, split.test(), classifier)
                    : new TrainingPictures.Written(List.of(), "");
            return new Outcome(result, written);
        } catch (IOException e) {
            throw new UncheckedIOException(model + ": " + e.getMessage(), e);
        }
    }

    private static TrainingResult train(FaceTypeClassifier classifier, DatasetSplit split, TrainingConfig config,
                                        List<TrainingListener> listeners) throws IOException {
        try {
            return classifier.train(split, config, listeners.toArray(TrainingListener[]::new));
        } catch (dev.facetype.cnn.io.ModelFileException e) {
            throw new CliException(ExitCode.MODEL, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            if (config.resumeFrom().isPresent()) {
                // The checkpoint belongs to another folder, split or network.
                throw new CliException(ExitCode.MODEL, e.getMessage(), e);
            }
            throw e;
        }
    }
}
