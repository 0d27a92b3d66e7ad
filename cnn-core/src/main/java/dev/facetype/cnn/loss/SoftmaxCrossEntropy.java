package dev.facetype.cnn.loss;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.ShapeMismatchException;
import dev.facetype.cnn.Tensor;

/**
 * Softmax followed by cross-entropy against integer labels, averaged over the batch.
 *
 * <pre>
 *   logits (N, C), labels N ints in [0, C)
 *   loss = mean_n ( logsumexp(logits[n]) - logits[n][label[n]] )
 *   dLoss/dLogits[n][c] = (softmax(logits[n])[c] - [c == label[n]]) / N
 * </pre>
 *
 * The log-sum-exp subtracts each row's maximum first, so large logits never overflow.
 */
public final class SoftmaxCrossEntropy {

    private Tensor probabilities;
    private Tensor gradient;
    private int[] labels;
    private int correct;

    /** Computes the mean loss of a batch and keeps what {@link #backward()} needs. */
    public float forward(Tensor logits, int[] labels) {
        Shape shape = logits.shape();
        if (shape.rank() != 2) {
            throw new ShapeMismatchException("softmax cross-entropy: expected logits of shape [N, classes] but got " + shape);
        }
        int batch = shape.dim(0);
        int classes = shape.dim(1);
        if (labels.length != batch) {
            throw new IllegalArgumentException("softmax cross-entropy: " + batch + " logit rows but " + labels.length + " labels");
        }
        if (probabilities == null || !probabilities.shape().equals(shape)) {
            probabilities = Tensor.zeros(shape);
            gradient = Tensor.zeros(shape);
        }
        float[] z = logits.data();
        float[] p = probabilities.data();
        double total = 0;
        correct = 0;
        for (int n = 0; n < batch; n++) {
            int label = labels[n];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("softmax cross-entropy: label " + label + " of sample " + n
                        + " is outside [0, " + classes + ")");
            }
            int row = n * classes;
            double logSumExp = softmax(z, row, classes, p, row);
            total += logSumExp - z[row + label];
            if (argmax(z, row, classes) == label) {
                correct++;
            }
        }
        this.labels = labels.clone();
        return (float) (total / batch);
    }

    /** dLoss/dLogits of the last {@link #forward} call. */
    public Tensor backward() {
        if (labels == null) {
            throw new IllegalStateException("softmax cross-entropy: backward() before forward()");
        }
        int batch = probabilities.shape().dim(0);
        int classes = probabilities.shape().dim(1);
        float[] p = probabilities.data();
        float[] g = gradient.data();
        float scale = 1f / batch;
        for (int n = 0; n < batch; n++) {
            int row = n * classes;
            for (int c = 0; c < classes; c++) {
                g[row + c] = (p[row + c] - (c == labels[n] ? 1f : 0f)) * scale;
            }
        }
        return gradient;
    }

    /** Softmax of the last forward call's logits. */
    public Tensor probabilities() {
        return probabilities;
    }

    /** How many samples of the last batch had their label as the highest logit. */
    public int correct() {
        return correct;
    }

    /**
     * Writes softmax(z[offset .. offset+count)) to out and returns log(sum(exp(z))), computed stably.
     */
    public static double softmax(float[] z, int offset, int count, float[] out, int outOffset) {
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < count; c++) {
            max = Math.max(max, z[offset + c]);
        }
        double sum = 0;
        for (int c = 0; c < count; c++) {
            sum += Math.exp(z[offset + c] - max);
        }
        for (int c = 0; c < count; c++) {
            out[outOffset + c] = (float) (Math.exp(z[offset + c] - max) / sum);
        }
        return max + Math.log(sum);
    }

    /** Index of the largest value in z[offset .. offset+count); the first one on ties. */
    public static int argmax(float[] z, int offset, int count) {
        int best = 0;
        for (int c = 1; c < count; c++) {
            if (z[offset + c] > z[offset + best]) {
                best = c;
            }
        }
        return best;
    }
}
