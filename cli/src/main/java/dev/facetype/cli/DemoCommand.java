package dev.facetype.cli;

import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.classifier.PhotoPrediction;
import dev.facetype.cli.i18n.Messages;
import dev.facetype.cli.progress.PreparationProgressPrinter;
import dev.facetype.cli.progress.ProgressLine;
import dev.facetype.cli.progress.TrainingProgress;
import dev.facetype.cli.render.EvaluationReport;
import dev.facetype.cli.render.PredictionText;
import dev.facetype.dataset.DatasetSplit;
import dev.facetype.dataset.FaceDataset;
import dev.facetype.dataset.SampleRef;
import dev.facetype.dataset.SplitMode;
import dev.facetype.dataset.SplitSettings;
import dev.facetype.dataset.summary.DatasetSummary;
import dev.facetype.dataset.summary.SummaryTable;
import dev.facetype.vision.io.ImageLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facetype demo}: the whole study on the embedded London set, neutral vs smiling: prepare, split by
 * person, train with augmentation, evaluate on people never seen, save the model, and check a held-out photo.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        exitCodeOnInvalidInput = 1, exitCodeOnExecutionException = 4, sortOptions = false,
        description = {
            "Runs the whole study on photos shipped with facetype: 204 whole photos of 102 people (the Face Research"
                    + " Lab London Set, CC BY 4.0), neutral and smiling. Finds and crops the faces, splits 7:3 by"
                    + " person, trains with the study's x16 augmentation, evaluates on the people it did not train on,"
                    + " saves the model with its pictures, and checks one held-out photo. A few minutes on 2 cores."
        })
final class DemoCommand extends Subcommand {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "facetype-demo",
            description = "Where the model and pictures go (default: ${DEFAULT-VALUE} in the working directory).")
    Path outFolder;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training side (default: "
            + DemoSettings.EPOCHS + ").")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the split and of training (default: "
            + DemoSettings.SEED + ").")
    Long seed;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where face crops are cached (default: $XDG_CACHE_HOME/facetype or ~/.cache/facetype).")
    Path cache;

    @Override
    protected ExitCode run() throws IOException {
        long start = System.nanoTime();
        Messages messages = messages();
        Path model = outFolder.resolve("model.fty");
        PhotoFolders.checkWritableOutside(model, null, "file.demoModel", messages);
        out().println(messages.get("demo.title"));
        out().println(DemoData.ATTRIBUTION);
        out().flush();
        Path photos = Files.createTempDirectory("facetype-demo-photos-");
        try {
            DemoData.extractTo(photos);
            FaceDataset dataset = PhotoFolders.prepare(photos, DemoSettings.CROP, cache, common.threads(),
                    new PreparationProgressPrinter(progressLine(), messages));
            long usedSeed = seed == null ? DemoSettings.SEED : seed;
            DatasetSplit split = dataset.split(new SplitSettings(SplitMode.BY_PERSON, DemoSettings.TEST_FRACTION, 0,
                    usedSeed));
            DatasetSummary summary = DatasetSummary.of(dataset, split);
            out().println();
            out().print(SummaryTable.flowChart(summary));
            out().flush();
            split.warnings().forEach(w -> note(messages.get("note.warning", w)));

            TrainingRun.ClassifierSettings settings = new TrainingRun.ClassifierSettings(DemoSettings.PRESET,
                    DemoSettings.CROP, DemoSettings.NORMALISATION, usedSeed, common.threads(), 0);
            int epochCount = epochs == null ? DemoSettings.EPOCHS : epochs;
            if (epochCount < 1) {
                throw new CliException(ExitCode.USAGE, messages.get("error.epochs", epochCount));
            }
            TrainingRun.Outcome outcome = TrainingRun.run(split, settings, DemoSettings.training(epochCount), model,
                    true, "London neutral vs smiling (by person)",
                    List.of(new TrainingProgress(progressLine(), messages)));

            out().println();
            checkHeldOutPhoto(model, photos, split, messages);
            out().println();
            out().println(messages.get("output.model", model));
            outcome.pictures().files().forEach(p -> out().println(messages.get("output.picture", p)));
            if (!outcome.pictures().fontNote().isEmpty()) {
                note(messages.get("note.note", outcome.pictures().fontNote()));
            }
            note(messages.get("demo.finished", ProgressLine.clock((System.nanoTime() - start) / 1e9)));
            EvaluationReport.print(out(), TrainCommand.testHeading(split, messages), outcome.result().test()
                    .orElseThrow(() -> new IllegalStateException("the demo split has no test side")),
                    messages.get("train.testAccuracy"), messages);
        } finally {
            DemoData.delete(photos);
        }
        return ExitCode.OK;
    }

    /** Loads the saved model, as a user would, and answers one photo of a person it never saw. */
    private void checkHeldOutPhoto(Path model, Path photos, DatasetSplit split, Messages messages) {
        SampleRef heldOut = split.test().stream().filter(SampleRef::isOriginal)
                .filter(r -> split.labels().get(r.sample().label()).equals("smiling")).findFirst()
                .orElse(split.test().get(0));
        Path photo = photos.resolve(heldOut.sample().relativePath());
        try (FaceTypeClassifier classifier = ModelFiles.load(model, common.threads(), messages)) {
            PhotoPrediction prediction = classifier.predict(photo);
            String shown = heldOut.sample().relativePath();
            out().println(messages.get("demo.heldOut", shown, split.labels().get(heldOut.sample().label())));
            out().print(PredictionText.render("  facetype predict " + model + " " + shown, prediction,
                    classifier.labels(), messages));
            out().flush();
        } catch (ImageLoadException e) {
            // The photo was prepared a minute ago: failing to read it now is a bug, not the user's data.
            throw new CliException(ExitCode.INTERNAL, messages.get("error.demoPhoto", e.getMessage()), e);
        }
    }
}
