package dev.facetype.cli;

import dev.facetype.classifier.Evaluation;
import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.cli.i18n.Messages;
import dev.facetype.cli.pictures.ConfusionPicture;
import dev.facetype.cli.pictures.ContactSheet;
import dev.facetype.cli.pictures.FontChoice;
import dev.facetype.cli.pictures.Fonts;
import dev.facetype.cli.pictures.PngFiles;
import dev.facetype.cli.progress.PreparationProgressPrinter;
import dev.facetype.cli.render.EvaluationReport;
import dev.facetype.dataset.FaceDataset;
import dev.facetype.dataset.FaceSample;
import dev.facetype.dataset.SampleRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code facetype evaluate model.fty <root>}: how well a model sorts the faces of a labelled photo folder. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        exitCodeOnInvalidInput = 1, exitCodeOnExecutionException = 4, sortOptions = false,
        description = {
            "Evaluates a model on a labelled photo folder laid out like the training folder: accuracy, precision,"
                    + " recall and F1 per type, the confusion matrix. Faces are cropped with the model's own settings."
                    + " Photos the model was trained on (recorded in the model) are left out, so evaluating on the"
                    + " training folder measures its test side only. The photo folder is only read."
        })
final class EvaluateCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "<model.fty>", description = "A model written by 'facetype train'.")
    Path model;

    @Parameters(index = "1", paramLabel = "<root>", description = "A photo folder with type folders named as the model's types.")
    Path root;

    @Option(names = "--pictures", paramLabel = "DIR",
            description = "Also write confusion.png and faces.png (faces with their predicted types) into DIR.")
    Path pictures;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where face crops are cached (default: $XDG_CACHE_HOME/facetype or ~/.cache/facetype).")
    Path cache;

    @Override
    protected ExitCode run() {
        Messages messages = messages();
        if (pictures != null) {
            PhotoFolders.checkWritableOutside(pictures.resolve("confusion.png"), root, "file.pictures", messages);
        }
        try (FaceTypeClassifier classifier = ModelFiles.load(model, common.threads(), messages)) {
            FaceDataset dataset = PhotoFolders.prepare(root, classifier.preprocessing().crop(), cache, common.threads(),
                    new PreparationProgressPrinter(progressLine(), messages));
            dataset.warnings().forEach(w -> note(messages.get("note.warning", w)));
            Set<String> trained = trainingPhotos(classifier.provenance());
            List<SampleRef> samples = new ArrayList<>();
            int leftOut = 0;
            for (FaceSample sample : dataset.samples()) {
                if (trained.contains(sample.sha256())) {
                    leftOut++;
                    continue;
                }
                int label = modelLabel(dataset.labels().get(sample.label()), classifier.labels(), messages);
                samples.add(SampleRef.original(new FaceSample(samples.size(), sample.relativePath(), sample.sha256(), label,
                        sample.person(), sample.crop())));
            }
            if (samples.isEmpty()) {
                throw new CliException(ExitCode.BAD_INPUT, leftOut > 0 ? messages.get("error.allTrainedOn", root)
                        : messages.get("error.noUsableFace", root, root));
            }
            Evaluation evaluation = classifier.evaluate(samples);
            String heading = messages.get("evaluate.heading", samples.size(), root,
                    leftOut > 0 ? messages.get("evaluate.trainedLeftOut", leftOut) : "");
            EvaluationReport.print(out(), heading, evaluation, messages.get("evaluate.accuracy"), messages);
            if (pictures != null) {
                writePictures(evaluation, samples, classifier, messages);
            }
        }
        return ExitCode.OK;
    }

    private void writePictures(Evaluation evaluation, List<SampleRef> samples, FaceTypeClassifier classifier,
                               Messages messages) {
        FontChoice fonts = Fonts.forTexts(classifier.labels());
        String title = model.getFileName() + " on " + root.toAbsolutePath().normalize().getFileName();
        Path confusion = pictures.resolve("confusion.png");
        Path faces = pictures.resolve("faces.png");
        try {
            PngFiles.write(ConfusionPicture.draw(evaluation, "confusion matrix: " + title, fonts), confusion);
            PngFiles.write(ContactSheet.draw(TrainingPictures.testFaces(samples, classifier), classifier.labels(),
                    "faces and predicted types: " + title, fonts), faces);
        } catch (IOException e) {
            throw new UncheckedIOException(pictures + ": " + e.getMessage(), e);
        }
        out().println(messages.get("output.picture", confusion));
        out().println(messages.get("output.picture", faces));
        out().flush();
        if (!fonts.missingGlyphsNote(classifier.labels()).isEmpty()) {
            note(messages.get("note.note", fonts.missingGlyphsNote(classifier.labels())));
        }
    }

    private int modelLabel(String folderType, List<String> modelTypes, Messages messages) {
        int index = modelTypes.indexOf(folderType);
        if (index < 0) {
            throw new CliException(ExitCode.BAD_INPUT, messages.get("error.notAModelType", root.resolve(folderType),
                    folderType, String.join(", ", modelTypes)));
        }
        return index;
    }

    /** The file hashes of the photos on the training side, as recorded in the model's provenance. */
    static Set<String> trainingPhotos(Map<String, Object> provenance) {
        Set<String> hashes = new HashSet<>();
        if (provenance.get("split") instanceof Map<?, ?> split && split.get("train") instanceof List<?> train) {
            for (Object key : train) {
                String text = String.valueOf(key);
                int hash = text.indexOf('#');
                hashes.add(hash < 0 ? text : text.substring(0, hash));
            }
        }
        return hashes;
    }
}
