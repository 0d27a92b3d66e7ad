package dev.facetype.cli.render;

import dev.facetype.classifier.Evaluation;
import dev.facetype.cli.i18n.Language;
import dev.facetype.cli.i18n.Messages;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints an {@link Evaluation}: the table, the most confused pairs and the one-line accuracy. */
public final class EvaluationReport {

    private EvaluationReport() {
    }

    /**
     * Prints in English.
     *
     * @param heading       what was evaluated, e.g. "test side: 62 faces of 31 people never seen in training"
     * @param accuracyLabel the last line's name, e.g. "test accuracy"
     */
    public static void print(PrintWriter out, String heading, Evaluation evaluation, String accuracyLabel) {
        print(out, heading, evaluation, accuracyLabel, Messages.of(Language.ENGLISH));
    }

    /** Prints with the words of {@code messages}; the table itself is the classifier's, in English. */
    public static void print(PrintWriter out, String heading, Evaluation evaluation, String accuracyLabel,
                             Messages messages) {
        out.println();
        out.println(heading);
        out.print(evaluation.toTable());
        List<Evaluation.ConfusedPair> confused = evaluation.mostConfused(3);
        if (!confused.isEmpty()) {
            StringBuilder line = new StringBuilder(messages.get("evaluation.mostConfused"));
            for (Evaluation.ConfusedPair pair : confused) {
                line.append(messages.get("evaluation.takenFor", pair.actual(), pair.predicted(), pair.count()));
            }
            out.println(line);
        }
        out.println(String.format(Locale.ROOT, "%s: %.2f", accuracyLabel, evaluation.accuracy()));
        out.flush();
    }
}
