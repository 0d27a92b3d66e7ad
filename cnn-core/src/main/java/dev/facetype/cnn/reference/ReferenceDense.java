package dev.facetype.cnn.reference;

/** y[n][o] = bias[o] + sum_f weights[o][f] * x[n][f]. */
public final class ReferenceDense {

    public final int batch;
    public final int features;
    public final int units;

    public ReferenceDense(int batch, int features, int units) {
        this.batch = batch;
        this.features = features;
        this.units = units;
    }

    public double[] forward(double[] x, double[] weights, double[] bias) {
        double[] y = new double[batch * units];
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < units; o++) {
                double sum = bias[o];
                for (int f = 0; f < features; f++) {
                    sum += weights[o * features + f] * x[n * features + f];
                }
                y[n * units + o] = sum;
            }
        }
        return y;
    }

    public ReferenceConv2D.Gradients backward(double[] x, double[] weights, double[] dy) {
        double[] dx = new double[x.length];
        double[] dw = new double[weights.length];
        double[] db = new double[units];
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < units; o++) {
                double g = dy[n * units + o];
                db[o] += g;
                for (int f = 0; f < features; f++) {
                    dw[o * features + f] += g * x[n * features + f];
                    dx[n * features + f] += g * weights[o * features + f];
                }
            }
        }
        return new ReferenceConv2D.Gradients(dx, dw, db);
    }
}
