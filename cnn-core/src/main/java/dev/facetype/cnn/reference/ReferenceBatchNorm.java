package dev.facetype.cnn.reference;

/**
 * Batch normalisation in training mode by definition: x (n, c, s) normalised per channel over n and s,
 * then y = gamma * xhat + beta.
 */
public final class ReferenceBatchNorm {

    private final int batch;
    private final int channels;
    private final int spatial;
    private final double epsilon;

    public ReferenceBatchNorm(int batch, int channels, int spatial, double epsilon) {
        this.batch = batch;
        this.channels = channels;
        this.spatial = spatial;
        this.epsilon = epsilon;
    }

    public double[] forward(double[] x, double[] gamma, double[] beta) {
        double[] y = new double[x.length];
        for (int c = 0; c < channels; c++) {
            double mean = mean(x, c);
            double inv = 1 / Math.sqrt(variance(x, c, mean) + epsilon);
            for (int n = 0; n < batch; n++) {
                for (int s = 0; s < spatial; s++) {
                    int i = (n * channels + c) * spatial + s;
                    y[i] = gamma[c] * (x[i] - mean) * inv + beta[c];
                }
            }
        }
        return y;
    }

    /** dLoss/dx, dLoss/dgamma, dLoss/dbeta given dLoss/dy, derived term by term (no shortcut formula). */
    public ReferenceConv2D.Gradients backward(double[] x, double[] gamma, double[] dy) {
        double[] dx = new double[x.length];
        double[] dgamma = new double[channels];
        double[] dbeta = new double[channels];
        int m = batch * spatial;
        for (int c = 0; c < channels; c++) {
            double mean = mean(x, c);
            double var = variance(x, c, mean);
            double inv = 1 / Math.sqrt(var + epsilon);
            double dVar = 0;
            double dMean = 0;
            for (int n = 0; n < batch; n++) {
                for (int s = 0; s < spatial; s++) {
                    int i = (n * channels + c) * spatial + s;
                    double xhat = (x[i] - mean) * inv;
                    dgamma[c] += dy[i] * xhat;
                    dbeta[c] += dy[i];
                    double dXhat = dy[i] * gamma[c];
                    dVar += dXhat * (x[i] - mean) * -0.5 * Math.pow(var + epsilon, -1.5);
                    dMean += -dXhat * inv;
                }
            }
            for (int n = 0; n < batch; n++) {
                for (int s = 0; s < spatial; s++) {
                    int i = (n * channels + c) * spatial + s;
                    dx[i] = dy[i] * gamma[c] * inv + dVar * 2 * (x[i] - mean) / m + dMean / m;
                }
            }
        }
        return new ReferenceConv2D.Gradients(dx, dgamma, dbeta);
    }

    private double mean(double[] x, int c) {
        double sum = 0;
        for (int n = 0; n < batch; n++) {
            for (int s = 0; s < spatial; s++) {
                sum += x[(n * channels + c) * spatial + s];
            }
        }
        return sum / (batch * spatial);
    }

    private double variance(double[] x, int c, double mean) {
        double sum = 0;
        for (int n = 0; n < batch; n++) {
            for (int s = 0; s < spatial; s++) {
                double d = x[(n * channels + c) * spatial + s] - mean;
                sum += d * d;
            }
        }
        return sum / (batch * spatial);
    }
}
