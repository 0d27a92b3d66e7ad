package dev.facetype.classifier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How well predictions match the truth on a labelled set: accuracy, per-type precision, recall and F1,
 * their macro averages, balanced accuracy, the confusion matrix and the most confused pairs. Immutable.
 *
 * <p>A type that was never predicted has precision 0 (not undefined) and a type absent from the truth has
 * recall 0, so macro averages are always defined; balanced accuracy averages recall over the types present
 * in the truth.
 */
public final class Evaluation {

    /** {@code count} samples of type {@code actual} predicted as {@code predicted}. */
    public record ConfusedPair(String actual, String predicted, int count) {
    }

    private final List<String> labels;
    private final int[][] confusion;
    private final int total;

    private Evaluation(List<String> labels, int[][] confusion) {
        this.labels = List.copyOf(labels);
        this.confusion = confusion;
        int sum = 0;
        for (int[] row : confusion) {
            for (int count : row) {
                sum += count;
            }
        }
        this.total = sum;
    }

    /**
     * @param labels    the type names, in index order
     * @param actual    true type index of each sample
     * @param predicted predicted type index of each sample
     */
    public static Evaluation of(List<String> labels, int[] actual, int[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " true labels but " + predicted.length + " predictions");
        }
        int classes = labels.size();
        int[][] confusion = new int[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 0 || actual[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
                throw new IllegalArgumentException("sample " + i + " has a label index outside [0, " + classes + ")");
            }
            confusion[actual[i]][predicted[i]]++;
        }
        return new Evaluation(labels, confusion);
    }

    /** Rebuilds an evaluation from a confusion matrix ({@code [actual][predicted]} counts). */
    public static Evaluation ofConfusion(List<String> labels, int[][] confusion) {
        int[][] copy = new int[labels.size()][];
        if (confusion.length != labels.size()) {
            throw new IllegalArgumentException("confusion matrix has " + confusion.length + " rows for " + labels.size() + " labels");
        }
        for (int i = 0; i < copy.length; i++) {
            if (confusion[i].length != labels.size()) {
                throw new IllegalArgumentException("confusion matrix row " + i + " has " + confusion[i].length + " columns");
            }
            copy[i] = confusion[i].clone();
        }
        return new Evaluation(labels, copy);
    }

    public List<String> labels() {
        return labels;
    }

    /** Number of samples evaluated. */
    public int total() {
        return total;
    }

    /** A copy of the confusion matrix: {@code [actual][predicted]} counts. */
    public int[][] confusionMatrix() {
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** Fraction of samples predicted correctly. */
    public double accuracy() {
        int correct = 0;
        for (int i = 0; i < confusion.length; i++) {
            correct += confusion[i][i];
        }
        return total == 0 ? 0 : (double) correct / total;
    }

    /** Of the samples predicted as type {@code c}, the fraction that are {@code c}. */
    public double precision(int c) {
        int predicted = 0;
        for (int[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    /** Of the samples of type {@code c}, the fraction predicted as {@code c}. */
    public double recall(int c) {
        int actual = support(c);
        return actual == 0 ? 0 : (double) confusion[c][c] / actual;
    }

    /** Harmonic mean of precision and recall. */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Number of samples of type {@code c}. */
    public int support(int c) {
        int sum = 0;
        for (int count : confusion[c]) {
            sum += count;
        }
        return sum;
    }

    /** Unweighted mean of the per-type F1 scores. */
    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < labels.size(); c++) {
            sum += f1(c);
        }
        return sum / labels.size();
    }

    /** Unweighted mean of the per-type recalls: accuracy that a majority type cannot inflate. */
    public double balancedAccuracy() {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < labels.size(); c++) {
            if (support(c) > 0) {
                sum += recall(c);
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }

    /** The off-diagonal cells with the most samples, largest first (ties in label order). */
    public List<ConfusedPair> mostConfused(int limit) {
        List<ConfusedPair> pairs = new ArrayList<>();
        for (int a = 0; a < confusion.length; a++) {
            for (int p = 0; p < confusion.length; p++) {
                if (a != p && confusion[a][p] > 0) {
                    pairs.add(new ConfusedPair(labels.get(a), labels.get(p), confusion[a][p]));
                }
            }
        }
        pairs.sort(Comparator.comparingInt(ConfusedPair::count).reversed());
        return pairs.subList(0, Math.min(limit, pairs.size()));
    }

    /** A plain-text report: summary line, per-type table and confusion matrix. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "accuracy %.4f   balanced accuracy %.4f   macro-F1 %.4f   (%d samples)%n",
                accuracy(), balancedAccuracy(), macroF1(), total));
        int width = Math.max(8, labels.stream().mapToInt(Evaluation::displayWidth).max().orElse(8));
        out.append(pad("type", width)).append("  precision  recall      F1  support\n");
        for (int c = 0; c < labels.size(); c++) {
            out.append(pad(labels.get(c), width)).append(String.format(Locale.ROOT, "  %9.4f  %6.4f  %6.4f  %7d%n",
                    precision(c), recall(c), f1(c), support(c)));
        }
        out.append("confusion matrix (rows: true type, columns: predicted)\n");
        out.append(pad("", width));
        for (int c = 0; c < labels.size(); c++) {
            out.append("  ").append(pad(labels.get(c), width));
        }
        out.append('\n');
        for (int a = 0; a < labels.size(); a++) {
            out.append(pad(labels.get(a), width));
            for (int p = 0; p < labels.size(); p++) {
                out.append("  ").append(pad(Integer.toString(confusion[a][p]), width));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Columns a label takes in a terminal: wide (East Asian) characters count double. */
    static int displayWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += isWide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return width;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }

    private static String pad(String text, int width) {
        StringBuilder out = new StringBuilder(text);
        for (int w = displayWidth(text); w < width; w++) {
            out.append(' ');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Evaluation[accuracy=%.4f, macroF1=%.4f, n=%d]", accuracy(), macroF1(), total);
    }
}
