package dev.facetype.cli.render;

import dev.facetype.classifier.Evaluation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints an {@link Evaluation}: the table, the most confused pairs and the one-line accuracy. */
public final class EvaluationReport {

    private EvaluationReport() {
    }

    /**
     * @param heading       what was evaluated, e.g. "test side: 62 faces of 31 people never seen in training"
     * @param accuracyLabel the last line's name, e.g. "test accuracy"
     */
    public static void print(PrintWriter out, String heading, Evaluation evaluation, String accuracyLabel) {
        out.println();
        out.println(heading);
        out.print(evaluation.toTable());
        List<Evaluation.ConfusedPair> confused = evaluation.mostConfused(3);
        if (!confused.isEmpty()) {
            StringBuilder line = new StringBuilder("most confused:");
            for (Evaluation.ConfusedPair pair : confused) {
                line.append(String.format(Locale.ROOT, "  %s taken for %s (%d)", pair.actual(), pair.predicted(),
                        pair.count()));
            }
            out.println(line);
        }
        out.println(String.format(Locale.ROOT, "%s: %.2f", accuracyLabel, evaluation.accuracy()));
        out.flush();
    }
}
