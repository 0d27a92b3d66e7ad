package dev.facetype.examples;

import dev.facetype.classifier.ArchitecturePreset;
import dev.facetype.classifier.Evaluation;
import dev.facetype.classifier.FaceTypeClassifier;
import dev.facetype.classifier.Preprocessing;
import dev.facetype.classifier.TrainingConfig;
import dev.facetype.classifier.TrainingControl;
import dev.facetype.classifier.TrainingEvents;
import dev.facetype.classifier.TrainingListener;
import dev.facetype.classifier.TrainingResult;
import dev.facetype.dataset.DatasetSplit;
import dev.facetype.dataset.FaceSample;
import dev.facetype.dataset.SampleRef;
import dev.facetype.dataset.SplitMode;
import dev.facetype.vision.RasterImage;
import dev.facetype.vision.augment.AugmentationSettings;
import dev.facetype.vision.io.ColorMode;
import dev.facetype.vision.io.ImageLoader;
import dev.facetype.vision.io.LoadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The study's kind of benchmark on real data with a published table: FER-2013 (7 expressions, 48x48 gray
 * faces). Trains on the {@code Training_} files, picks nothing on the test files, and reports accuracy on the
 * {@code PrivateTest_} files (PublicTest is the validation side). Published: human about 65 %, the 2013
 * contest winner about 71 %, VGG19 73.1 %.
 *
 * <pre>
 *   examples/run FerBenchmark [--preset study|deep] [--epochs 12] [--batch 64] [--lr 1e-3] [--limit N]
 *                             [--normalise per-image|per-channel] [--mirror both|one] [--threads N]
 *                             [--data ../shared/data/fer2013]
 * </pre>
 *
 * With {@code --mirror both} (the default) each epoch sees every training face twice, as it is and mirrored;
 * with {@code --mirror one}, once, mirrored or not as a seeded coin decided before training. Either way with
 * small random shifts, zooms, rotations and brightness changes drawn afresh each epoch.
 */
public final class FerBenchmark {

    private static final List<String> EXPRESSIONS = List.of("angry", "disgust", "fear", "happy", "neutral", "sad", "surprise");

    private FerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = new Arguments(args);
        ArchitecturePreset preset = ArchitecturePreset.fromCliName(arguments.text("--preset", "deep"));
        int epochs = arguments.integer("--epochs", 12);
        int batch = arguments.integer("--batch", 64);
        double rate = Double.parseDouble(arguments.text("--lr", "1e-3"));
        int limit = arguments.integer("--limit", Integer.MAX_VALUE);
        int threads = arguments.integer("--threads", Runtime.getRuntime().availableProcessors());
        // Per image by default: FER's faces differ much in exposure, and each one standardised on its own
        // no longer carries it into the network.
        Preprocessing.Normalisation normalisation = Preprocessing.Normalisation.fromCliName(arguments.text("--normalise", "per-image"));
        String mirror = arguments.text("--mirror", "both");
        if (!mirror.equals("both") && !mirror.equals("one")) {
            throw new IllegalArgumentException("--mirror must be both or one, got " + mirror);
        }
        Path data = Path.of(arguments.text("--data", "../shared/data/fer2013"));

        long loadStart = System.nanoTime();
        List<FaceSample> training = read(data.resolve("train"), "Training_", limit);
        List<FaceSample> publicTest = read(data.resolve("test"), "PublicTest_", limit);
        List<FaceSample> privateTest = read(data.resolve("test"), "PrivateTest_", limit);
        System.out.printf(Locale.ROOT, "FER-2013: %d training, %d PublicTest (validation), %d PrivateTest faces, read in %.1f s%n",
                training.size(), publicTest.size(), privateTest.size(), (System.nanoTime() - loadStart) / 1e9);

        SplittableRandom flips = new SplittableRandom(2013);
        List<SampleRef> train = new ArrayList<>();
        for (FaceSample sample : training) {
            if (mirror.equals("both")) {
                // A face and its mirror image show the same expression: both views, every epoch.
                train.add(new SampleRef(sample, 0));
                train.add(new SampleRef(sample, 1)); // variant 1 = mirrored
            } else {
                train.add(new SampleRef(sample, flips.nextBoolean() ? 1 : 0));
            }
        }
        DatasetSplit split = new DatasetSplit(EXPRESSIONS, SplitMode.BY_PHOTO, 2013, "fer2013-Training-PublicTest-PrivateTest",
                train, originals(publicTest), originals(privateTest), List.of());

        AugmentationSettings augmentation = TrainingConfig.withJitter(AugmentationSettings.defaults().withNoiseSigma(0));
        TrainingConfig config = TrainingConfig.defaults().withEpochs(epochs).withBatchSize(batch)
                .withOptimizer("adam", rate).withAugmentation(augmentation);
        try (FaceTypeClassifier classifier = FaceTypeClassifier.builder()
                .setLabels(EXPRESSIONS).optInputSize(48).optGrayscale(true).optPreset(preset)
                .optNormalisation(normalisation).optSeed(2013).optThreads(threads).build()) {
            System.out.printf(Locale.ROOT, "network: %s preset, %d threads, batch %d, Adam %.0e cosine, %d epochs of %d images (mirror %s), %s normalisation%n",
                    preset.cliName(), threads, batch, rate, epochs, train.size(), mirror, normalisation.cliName());
            long start = System.nanoTime();
            TrainingResult result = classifier.train(split, config, new EpochPrinter());
            Evaluation test = result.test().orElseThrow();
            System.out.println();
            System.out.print(test.toTable());
            System.out.printf(Locale.ROOT, "time per epoch %.0f s, total %.1f min, %.0f images/s%n",
                    result.seconds() / result.history().size(), (System.nanoTime() - start) / 60e9, result.imagesPerSecond());
            System.out.printf(Locale.ROOT, "PrivateTest accuracy: %.4f%n", test.accuracy());
        }
    }

    private static List<SampleRef> originals(List<FaceSample> samples) {
        List<SampleRef> refs = new ArrayList<>();
        for (FaceSample sample : samples) {
            refs.add(SampleRef.original(sample));
        }
        return refs;
    }

    /** Every file of the split whose name starts with {@code prefix}, labelled by its folder. */
    private static List<FaceSample> read(Path root, String prefix, int limit) throws Exception {
        ImageLoader loader = new ImageLoader(LoadOptions.defaults().withColorMode(ColorMode.GRAY));
        List<FaceSample> samples = new ArrayList<>();
        for (int label = 0; label < EXPRESSIONS.size(); label++) {
            List<Path> files;
            try (Stream<Path> listing = Files.list(root.resolve(EXPRESSIONS.get(label)))) {
                files = listing.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
            }
            int take = (int) Math.min(files.size(), Math.max(1, (long) limit * files.size() / 28709));
            for (Path file : files.subList(0, limit == Integer.MAX_VALUE ? files.size() : take)) {
                RasterImage image = loader.load(file);
                String name = EXPRESSIONS.get(label) + "/" + file.getFileName();
                samples.add(new FaceSample(samples.size(), name, name, label, null, image));
            }
        }
        return samples;
    }

    /** One line per epoch: loss, accuracy, validation accuracy, time. */
    private static final class EpochPrinter implements TrainingListener {
        @Override
        public void onTrainingStart(TrainingEvents.Started event) {
            System.out.printf(Locale.ROOT, "%d parameters, %d batches per epoch%n", event.parameterCount(), event.batchesPerEpoch());
        }

        @Override
        public void onBatchEnd(TrainingEvents.BatchEnded event) {
            if (event.batch() % 50 == 0) {
                System.out.printf(Locale.ROOT, "\r  epoch %d batch %d/%d loss %.3f acc %.3f %.0f img/s ETA %.0f min   ",
                        event.epoch() + 1, event.batch(), event.batchesPerEpoch(), event.meanLoss(), event.accuracy(),
                        event.imagesPerSecond(), event.etaSeconds() / 60);
            }
        }

        @Override
        public void onEpochEnd(TrainingEvents.EpochEnded event, TrainingControl control) {
            System.out.printf(Locale.ROOT, "%nepoch %2d/%d  loss %.4f  train acc %.4f  PublicTest acc %.4f  %.0f s (%.0f img/s)%n",
                    event.epoch() + 1, event.epochs(), event.trainLoss(), event.trainAccuracy(),
                    event.validation().map(Evaluation::accuracy).orElse(Double.NaN), event.seconds(), event.imagesPerSecond());
        }
    }
}
