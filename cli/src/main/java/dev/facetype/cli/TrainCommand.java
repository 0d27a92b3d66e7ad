package dev.facetype.cli;

import dev.facetype.classifier.Preprocessing;
import dev.facetype.classifier.ArchitecturePreset;
import dev.facetype.classifier.Checkpoints;
import dev.facetype.classifier.EarlyStopping;
import dev.facetype.classifier.TrainingConfig;
import dev.facetype.classifier.TrainingListener;
import dev.facetype.cli.i18n.Messages;
import dev.facetype.cli.progress.PreparationProgressPrinter;
import dev.facetype.cli.progress.TrainingProgress;
import dev.facetype.cli.render.EvaluationReport;
import dev.facetype.dataset.DatasetSplit;
import dev.facetype.dataset.FaceDataset;
import dev.facetype.dataset.SplitMode;
import dev.facetype.dataset.SplitSettings;
import dev.facetype.dataset.summary.DatasetSummary;
import dev.facetype.dataset.summary.SummaryTable;
import dev.facetype.vision.crop.CropSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code facetype train <root> -o model.fty}: prepare, split, train, evaluate on the test side, save. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        exitCodeOnInvalidInput = 1, exitCodeOnExecutionException = 4, sortOptions = false,
        description = {
            "Trains a model on a photo folder <root>/<type>/<person>/<photo> (or <root>/<type>/<photo>):"
                    + " finds and crops the faces, leaves out unusable photos, splits 7:3 without putting a person"
                    + " (or photo) on both sides, trains on the training side augmented x16, and evaluates on the test"
                    + " side. Writes the model and, beside it, <model>.curves.png, <model>.confusion.png and"
                    + " <model>.test-faces.png. The photo folder is only read."
        })
final class TrainCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "<root>", description = "The photo folder: one folder per type.")
    Path root;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "<model.fty>", description = "The model file to write.")
    Path output;

    @Option(names = "--split", paramLabel = "MODE", description = "by-person (the default with person folders),"
            + " by-photo (the default without), or study: the study's protocol (augment, then split the copies), whose"
            + " test accuracy is inflated.")
    String split;

    @Option(names = "--test-fraction", paramLabel = "FRACTION", defaultValue = "0.3",
            description = "Share of people (or photos) kept for the test (default: ${DEFAULT-VALUE}, the study's 7:3).")
    double testFraction;

    @Option(names = "--validation-fraction", paramLabel = "FRACTION", defaultValue = "0",
            description = "Share kept aside to watch training, for --patience (default: none).")
    double validationFraction;

    @Option(names = "--patience", paramLabel = "EPOCHS",
            description = "Stop when the validation loss has not improved for this many epochs, and keep the best"
                    + " weights (needs --validation-fraction).")
    Integer patience;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "study",
            description = "Network: study (the study's 2 convolutions + dense 1024) or deep (default: ${DEFAULT-VALUE}).")
    String preset;

    @Mixin
    CropOptions crop = new CropOptions();

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training side (default: 10).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Images per step (default: 32).")
    Integer batch;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "adam or sgd (default: adam).")
    String optimizer;

    @Option(names = "--learning-rate", paramLabel = "RATE", description = "Initial learning rate (default: 0.001).")
    Double learningRate;

    @Option(names = "--schedule", paramLabel = "NAME", description = "cosine, step or constant (default: cosine).")
    String schedule;

    @Option(names = "--weight-decay", paramLabel = "DECAY", description = "L2 weight decay (default: 0.0001).")
    Double weightDecay;

    @Option(names = "--jitter", description = "Also turn, shift, scale and brighten the training faces at random"
            + " (on top of the study's 16 variants): helps with few photos.")
    boolean jitter;

    @Option(names = "--normalise", paramLabel = "HOW", defaultValue = "per-channel",
            description = "per-channel (mean and std of the training crops) or per-image (each crop to its own mean"
                    + " and contrast, so dim or dark faces are not fainter inputs) (default: ${DEFAULT-VALUE}).")
    String normalise;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the split and of training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-confidence", paramLabel = "P", defaultValue = "0",
            description = "Answers below this probability are marked uncertain when predicting (default: never).")
    double minConfidence;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Save a checkpoint after every epoch.")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "FILE", description = "Continue from a checkpoint of the same folder,"
            + " split and seed.")
    Path resume;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where face crops are cached (default: $XDG_CACHE_HOME/facetype or ~/.cache/facetype).")
    Path cache;

    @Option(names = "--no-pictures", description = "Do not write the PNG pictures beside the model.")
    boolean noPictures;

    @Override
    protected ExitCode run() {
        Messages messages = messages();
        ArchitecturePreset architecture = parsePreset(preset);
        Preprocessing.Normalisation normalisation = normalisation(normalise, messages);
        SplitSettings splitSettings = splitSettings();
        TrainingConfig config = trainingConfig();
        if (patience != null && validationFraction <= 0) {
            throw new CliException(ExitCode.USAGE, messages.get("error.patienceNeedsValidation"));
        }
        PhotoFolders.checkWritableOutside(output, root, "file.model", messages);
        if (checkpoint != null) {
            PhotoFolders.checkWritableOutside(checkpoint, root, "file.checkpoint", messages);
        }
        if (resume != null && !Files.isRegularFile(resume)) {
            throw new CliException(ExitCode.MODEL, messages.get("error.noCheckpoint", resume));
        }
        CropSettings cropSettings = crop.settings(CropOptions.DEFAULTS);
        FaceDataset dataset = PhotoFolders.prepare(root, cropSettings, cache, common.threads(),
                new PreparationProgressPrinter(progressLine(), messages));
        DatasetSplit split = dataset.split(splitSettings);
        printDataset(dataset, split, messages);
        LeftOutFiles.print(out(), dataset.manifest().problems(), messages);

        List<TrainingListener> listeners = new ArrayList<>(List.of(new TrainingProgress(progressLine(), messages)));
        if (patience != null) {
            listeners.add(new EarlyStopping(patience));
        }
        if (checkpoint != null) {
            listeners.add(new Checkpoints(checkpoint));
        }
        TrainingRun.ClassifierSettings settings = new TrainingRun.ClassifierSettings(architecture, cropSettings,
                normalisation, seed,
                common.threads(), minConfidence);
        String title = root.toAbsolutePath().normalize().getFileName() + " (" + split.mode().cliName() + " split, "
                + architecture.cliName() + ")";
        TrainingRun.Outcome outcome = TrainingRun.run(split, settings, config, output, !noPictures, title, listeners);
        printOutcome(outcome, split, messages);
        return ExitCode.OK;
    }

    private void printDataset(FaceDataset dataset, DatasetSplit split, Messages messages) {
        DatasetSummary summary = DatasetSummary.of(dataset, split);
        out().print(SummaryTable.flowChart(summary));
        out().println();
        out().print(SummaryTable.perType(summary));
        out().flush();
        int leftOut = dataset.manifest().problems().size();
        if (leftOut > 0) {
            note(messages.get("train.leftOut", leftOut, root));
        }
        dataset.warnings().forEach(w -> note(messages.get("note.warning", w)));
        split.warnings().forEach(w -> note(messages.get("note.warning", w)));
    }

    private void printOutcome(TrainingRun.Outcome outcome, DatasetSplit split, Messages messages) {
        out().println(messages.get("output.model", output));
        for (Path picture : outcome.pictures().files()) {
            out().println(messages.get("output.picture", picture));
        }
        out().flush();
        if (!outcome.pictures().fontNote().isEmpty()) {
            note(messages.get("note.note", outcome.pictures().fontNote()));
        }
        // The test accuracy comes last, where scripts and people look for it.
        outcome.result().test().ifPresentOrElse(
                test -> EvaluationReport.print(out(), testHeading(split, messages), test,
                        messages.get("train.testAccuracy"), messages),
                () -> out().println(messages.get("train.noTestSide")));
    }

    /** "test side: 62 faces of 31 people never seen in training" (or photos, for by-photo). */
    static String testHeading(DatasetSplit split, Messages messages) {
        long faces = split.test().stream().filter(r -> r.isOriginal() || split.mode() == SplitMode.STUDY).count();
        return switch (split.mode()) {
            case BY_PERSON -> messages.get("train.testSide.byPerson", faces,
                    split.test().stream().map(r -> r.sample().person()).distinct().count());
            case BY_PHOTO -> messages.get("train.testSide.byPhoto", faces);
            case STUDY -> messages.get("train.testSide.study", faces);
        };
    }

    static Preprocessing.Normalisation normalisation(String name, Messages messages) {
        try {
            return Preprocessing.Normalisation.fromCliName(name);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, messages.get("error.normalise", name));
        }
    }

    private SplitSettings splitSettings() {
        try {
            SplitMode mode = split == null ? null : SplitMode.fromCliName(split);
            return new SplitSettings(mode, testFraction, validationFraction, seed);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
    }

    static ArchitecturePreset parsePreset(String name) {
        try {
            return ArchitecturePreset.fromCliName(name);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
    }

    private TrainingConfig trainingConfig() {
        try {
            TrainingConfig config = TrainingConfig.defaults();
            if (epochs != null) {
                config = config.withEpochs(epochs);
            }
            if (batch != null) {
                config = config.withBatchSize(batch);
            }
            if (optimizer != null || learningRate != null) {
                config = config.withOptimizer(optimizer != null ? optimizer : config.optimizer(),
                        learningRate != null ? learningRate : config.learningRate());
            }
            if (schedule != null) {
                config = config.withSchedule(schedule);
            }
            if (weightDecay != null) {
                config = config.withWeightDecay(weightDecay);
            }
            if (jitter) {
                config = config.withAugmentation(TrainingConfig.withJitter(config.augmentation()));
            }
            if (resume != null) {
                config = config.withResumeFrom(resume);
            }
            return config;
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
    }
}
