package dev.facetype.cnn.reference;

/**
 * Direct grouped convolution with explicit padding, by definition. groups = 1 is an ordinary convolution,
 * groups = channels = filters a depthwise one.
 *
 * <pre>
 *   x (n, c, h, w), weights (filters, c/groups, k, k), bias (filters) -> y (n, filters, oh, ow)
 *   oh = (h + top + bottom - k) / s + 1, ow = (w + left + right - k) / s + 1
 *   y[b][f][oy][ox] = bias[f] + sum_{q < c/groups, i, j} weights[f][q][i][j]
 *                                 * x[b][g*(c/groups) + q][oy*s - top + i][ox*s - left + j],   g = f / (filters/groups)
 * </pre>
 */
public final class ReferenceGroupedConv2D {

    public final int batch;
    public final int channels;
    public final int height;
    public final int width;
    public final int filters;
    public final int kernel;
    public final int stride;
    public final int groups;
    public final int outHeight;
    public final int outWidth;
    private final int top;
    private final int left;

    public ReferenceGroupedConv2D(int batch, int channels, int height, int width, int filters, int kernel, int stride,
                                  int top, int left, int bottom, int right, int groups) {
        this.batch = batch;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.groups = groups;
        this.top = top;
        this.left = left;
        this.outHeight = (height + top + bottom - kernel) / stride + 1;
        this.outWidth = (width + left + right - kernel) / stride + 1;
    }

    private int groupChannels() {
        return channels / groups;
    }

    private int weightIndex(int f, int q, int i, int j) {
        return ((f * groupChannels() + q) * kernel + i) * kernel + j;
    }

    /** Index of the input value under tap (q, i, j) of filter f at (oy, ox), or -1 in the padding. */
    private int inputIndex(int b, int f, int q, int i, int j, int oy, int ox) {
        int iy = oy * stride - top + i;
        int ix = ox * stride - left + j;
        if (iy < 0 || iy >= height || ix < 0 || ix >= width) {
            return -1;
        }
        int channel = f / (filters / groups) * groupChannels() + q;
        return ((b * channels + channel) * height + iy) * width + ix;
    }

    public double[] forward(double[] x, double[] weights, double[] bias) {
        double[] y = new double[batch * filters * outHeight * outWidth];
        for (int b = 0; b < batch; b++) {
            for (int f = 0; f < filters; f++) {
                for (int oy = 0; oy < outHeight; oy++) {
                    for (int ox = 0; ox < outWidth; ox++) {
                        double sum = bias[f];
                        for (int q = 0; q < groupChannels(); q++) {
                            for (int i = 0; i < kernel; i++) {
                                for (int j = 0; j < kernel; j++) {
                                    int xi = inputIndex(b, f, q, i, j, oy, ox);
                                    if (xi >= 0) {
                                        sum += weights[weightIndex(f, q, i, j)] * x[xi];
                                    }
                                }
                            }
                        }
                        y[((b * filters + f) * outHeight + oy) * outWidth + ox] = sum;
                    }
                }
            }
        }
        return y;
    }

    /** Gradients with respect to x, weights and bias, given dLoss/dy. */
    public ReferenceConv2D.Gradients backward(double[] x, double[] weights, double[] dy) {
        double[] dx = new double[x.length];
        double[] dw = new double[weights.length];
        double[] db = new double[filters];
        for (int b = 0; b < batch; b++) {
            for (int f = 0; f < filters; f++) {
                for (int oy = 0; oy < outHeight; oy++) {
                    for (int ox = 0; ox < outWidth; ox++) {
                        double g = dy[((b * filters + f) * outHeight + oy) * outWidth + ox];
                        db[f] += g;
                        for (int q = 0; q < groupChannels(); q++) {
                            for (int i = 0; i < kernel; i++) {
                                for (int j = 0; j < kernel; j++) {
                                    int xi = inputIndex(b, f, q, i, j, oy, ox);
                                    if (xi >= 0) {
                                        int wi = weightIndex(f, q, i, j);
                                        dw[wi] += g * x[xi];
                                        dx[xi] += g * weights[wi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new ReferenceConv2D.Gradients(dx, dw, db);
    }
}
