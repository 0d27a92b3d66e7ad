package dev.facetype.cnn.reference;

/** ReLU, dropout with a given mask, and softmax cross-entropy, by definition. */
public final class ReferenceActivations {

    private ReferenceActivations() {
    }

    public static double[] relu(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(0, x[i]);
        }
        return y;
    }

    public static double[] reluBackward(double[] x, double[] dy) {
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            dx[i] = x[i] > 0 ? dy[i] : 0;
        }
        return dx;
    }

    /** y = x * mask, where mask holds 0 or 1/(1 - rate). */
    public static double[] dropout(double[] x, double[] mask) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * mask[i];
        }
        return y;
    }

    /** Mean over the batch of -log softmax(logits[n])[label[n]], computed naively in double. */
    public static double softmaxCrossEntropy(double[] logits, int[] labels, int classes) {
        double total = 0;
        for (int n = 0; n < labels.length; n++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[n * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[n * classes + c] - max);
            }
            total += max + Math.log(sum) - logits[n * classes + labels[n]];
        }
        return total / labels.length;
    }

    /** dLoss/dLogits of {@link #softmaxCrossEntropy}. */
    public static double[] softmaxCrossEntropyBackward(double[] logits, int[] labels, int classes) {
        double[] grad = new double[logits.length];
        for (int n = 0; n < labels.length; n++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[n * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[n * classes + c] - max);
            }
            for (int c = 0; c < classes; c++) {
                double p = Math.exp(logits[n * classes + c] - max) / sum;
                grad[n * classes + c] = (p - (c == labels[n] ? 1 : 0)) / labels.length;
            }
        }
        return grad;
    }
}
