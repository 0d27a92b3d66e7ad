package dev.facetype.examples;

import dev.facetype.cnn.kernel.Sgemm;
import dev.facetype.cnn.parallel.ComputePool;
import dev.facetype.dataset.DatasetPreparer;
import dev.facetype.dataset.DatasetSplit;
import dev.facetype.dataset.FaceDataset;
import dev.facetype.dataset.SplitMode;
import dev.facetype.dataset.SplitSettings;
import dev.facetype.dataset.prepare.PreparationListener;
import dev.facetype.dataset.prepare.PreparationProgress;
import dev.facetype.dataset.prepare.PreparationTimings;
import dev.facetype.dataset.summary.DatasetSummary;
import dev.facetype.dataset.summary.SummaryTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The leak the study could not see, on real Japanese faces. JAFFE (10 women x 7 expressions) is laid out as
 * {@code <expression>/<woman>/<photo>}, prepared once (a second preparation is timed to show the cache), and
 * the same small CNN is trained twice with the same seed and epochs: on the study's split (augment x16, then
 * split the copies 7:3, so copies of every test photo were trained on) and on a by-person split (7 women to
 * train, 3 never seen to test). Both test accuracies are printed side by side with their confusion matrices.
 *
 * <pre>
 *   examples/run JaffeLeakExample [--epochs 8] [--seed 1] [--threads N] [--data ../shared/data/jaffe]
 *                                 [--cache DIR]   (default: a fresh temporary cache, deleted at the end)
 * </pre>
 */
public final class JaffeLeakExample {

    private JaffeLeakExample() {
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = new Arguments(args);
        int epochs = arguments.integer("--epochs", 8);
        long seed = arguments.integer("--seed", 1);
        int threads = arguments.integer("--threads", ComputePool.defaultThreadCount());
        Path jaffe = Path.of(arguments.text("--data", "../shared/data/jaffe"));
        String cacheOption = arguments.text("--cache", null);

        Path work = Files.createTempDirectory("facetype-jaffe-");
        Path cache = cacheOption == null ? work.resolve("cache") : Path.of(cacheOption);
        try {
            Path tree = work.resolve("jaffe-by-expression");
            int photos = JaffeStudyLayout.build(jaffe, tree);
            System.out.printf(Locale.ROOT, "JAFFE: %d photos from %s, laid out as <expression>/<woman>/ in %s%n",
                    photos, jaffe, tree);
            FaceDataset dataset = prepareTwice(tree, cache, threads);
            System.out.println();
            System.out.print(SummaryTable.perType(DatasetSummary.of(dataset)));
            if (!dataset.nearDuplicateGroups().isEmpty()) {
                System.out.printf(Locale.ROOT, "near-duplicate groups (kept on one side): %s%n", dataset.nearDuplicateGroups());
            }

            try (ComputePool pool = ComputePool.create(threads)) {
                JaffeNetwork network = new JaffeNetwork(dataset.labels().size(), epochs, seed, pool);
                System.out.printf(Locale.ROOT, "%nnetwork (%d threads, %s kernels): %s%n", threads, Sgemm.implementation(),
                        JaffeNetwork.spec(dataset.labels().size()));
                List<JaffeNetwork.Result> results = new ArrayList<>();
                List<DatasetSplit> splits = new ArrayList<>();
                for (SplitMode mode : List.of(SplitMode.STUDY, SplitMode.BY_PERSON)) {
                    DatasetSplit split = dataset.split(SplitSettings.of(seed).withMode(mode));
                    splits.add(split);
                    System.out.printf(Locale.ROOT, "%n== %s split, seed %d: %,d training and %,d test entries%n",
                            mode.cliName(), seed, split.train().size(), split.test().size());
                    split.warnings().forEach(w -> System.out.println("  warning: " + w));
                    if (mode == SplitMode.BY_PERSON) {
                        System.out.println("  women tested (never seen in training): " + persons(split));
                    }
                    JaffeNetwork.Result result = network.trainAndTest(split, System.out::println);
                    results.add(result);
                    System.out.printf(Locale.ROOT, "  %s: test accuracy %.1f %% in %.0f s%n", mode.cliName(),
                            100 * result.testAccuracy(), result.seconds());
                }
                report(dataset.labels(), splits, results);
            }
        } finally {
            JaffeStudyLayout.delete(work);
        }
    }

    /** Prepares the tree, then again, and prints both timings: the second run reads the cache. */
    private static FaceDataset prepareTwice(Path tree, Path cache, int threads) {
        DatasetPreparer preparer = DatasetPreparer.builder().cacheDirectory(cache).threads(threads)
                .listener(new ProgressLine()).build();
        FaceDataset first = preparer.prepare(tree);
        PreparationTimings cold = first.timings().orElseThrow();
        System.out.println("first preparation:  " + cold.describe());
        FaceDataset second = preparer.prepare(tree);
        PreparationTimings warm = second.timings().orElseThrow();
        System.out.println("second preparation: " + warm.describe());
        System.out.printf(Locale.ROOT, "speed-up of the second run: %.1fx (cache %s)%n", warm.speedUpOver(cold), cache);
        first.warnings().forEach(w -> System.out.println("warning: " + w));
        System.out.println();
        System.out.print(SummaryTable.flowChart(DatasetSummary.of(second)));
        return second;
    }

    private static void report(List<String> labels, List<DatasetSplit> splits, List<JaffeNetwork.Result> results) {
        JaffeNetwork.Result study = results.get(0);
        JaffeNetwork.Result byPerson = results.get(1);
        System.out.printf(Locale.ROOT, "%n%-28s %12s %12s%n", "", "study", "by-person");
        System.out.printf(Locale.ROOT, "%-28s %12s %12s%n", "test entries", String.format(Locale.ROOT, "%,d", study.testCount()),
                String.format(Locale.ROOT, "%,d", byPerson.testCount()));
        System.out.printf(Locale.ROOT, "%-28s %10.1f %% %10.1f %%%n", "test accuracy", 100 * study.testAccuracy(),
                100 * byPerson.testAccuracy());
        System.out.printf(Locale.ROOT, "%-28s %10.1f %%%n", "chance (7 expressions)", 100.0 / labels.size());
        System.out.printf(Locale.ROOT, "gap: %.1f percentage points — the study's protocol tests on copies of training "
                + "photos; by-person tests on faces never seen.%n", 100 * (study.testAccuracy() - byPerson.testAccuracy()));
        System.out.printf(Locale.ROOT, "%nconfusion matrices (rows: true expression, columns: predicted)%n");
        List<String> left = matrix("study", labels, study.confusion());
        List<String> right = matrix("by-person", labels, byPerson.confusion());
        int width = left.stream().mapToInt(String::length).max().orElse(0) + 6;
        for (int i = 0; i < left.size(); i++) {
            System.out.println(String.format(Locale.ROOT, "%-" + width + "s", left.get(i)) + right.get(i));
        }
    }

    private static List<String> matrix(String title, List<String> labels, int[][] confusion) {
        List<String> lines = new ArrayList<>();
        lines.add(title);
        StringBuilder header = new StringBuilder("    ");
        for (String label : labels) {
            header.append(String.format(Locale.ROOT, "%5s", code(label)));
        }
        lines.add(header.toString());
        for (int i = 0; i < labels.size(); i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-4s", code(labels.get(i))));
            for (int j = 0; j < labels.size(); j++) {
                row.append(String.format(Locale.ROOT, "%5d", confusion[i][j]));
            }
            lines.add(row.toString());
        }
        return lines;
    }

    private static String code(String label) {
        return label.substring(0, 2).toUpperCase(Locale.ROOT);
    }

    private static Set<String> persons(DatasetSplit split) {
        Set<String> persons = new TreeSet<>();
        split.test().forEach(r -> persons.add(r.sample().person()));
        return persons;
    }

    /** One line of preparation progress, rewritten in place. */
    private static final class ProgressLine implements PreparationListener {
        @Override
        public void progress(PreparationProgress p) {
            if (p.done() == p.total() || p.done() % 10 == 0) {
                System.out.printf(Locale.ROOT, "\r%-9s %4d/%d  cache hits %d  ETA %s   ",
                        p.phase().name().toLowerCase(Locale.ROOT), p.done(), p.total(), p.cacheHits(),
                        p.eta().map(d -> d.toSeconds() + " s").orElse("-"));
                if (p.done() == p.total()) {
                    System.out.print("\r" + " ".repeat(60) + "\r");
                }
            }
        }
    }
}
