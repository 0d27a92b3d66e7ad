package dev.facetype.cnn.reference;

import dev.facetype.cnn.layer.Padding;

/**
 * Direct convolution, seven nested loops.
 *
 * <pre>
 *   x (n, c, h, w), weights (filters, c, k, k), bias (filters) -> y (n, filters, oh, ow)
 *   y[b][f][oy][ox] = bias[f] + sum_{ch, i, j} weights[f][ch][i][j] * x[b][ch][oy*s - padTop + i][ox*s - padLeft + j]
 * </pre>
 */
public final class ReferenceConv2D {

    public final int batch;
    public final int channels;
    public final int height;
    public final int width;
    public final int filters;
    public final int kernel;
    public final int stride;
    public final int outHeight;
    public final int outWidth;
    private final int padTop;
    private final int padLeft;

    public ReferenceConv2D(int batch, int channels, int height, int width, int filters, int kernel, int stride,
                           Padding padding) {
        this.batch = batch;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.outHeight = padding.outputLength(height, kernel, stride);
        this.outWidth = padding.outputLength(width, kernel, stride);
        this.padTop = padding.padBefore(height, kernel, stride);
        this.padLeft = padding.padBefore(width, kernel, stride);
    }

    public double[] forward(double[] x, double[] weights, double[] bias) {
        double[] y = new double[batch * filters * outHeight * outWidth];
        for (int b = 0; b < batch; b++) {
            for (int f = 0; f < filters; f++) {
                for (int oy = 0; oy < outHeight; oy++) {
                    for (int ox = 0; ox < outWidth; ox++) {
                        double sum = bias[f];
                        for (int ch = 0; ch < channels; ch++) {
                            for (int i = 0; i < kernel; i++) {
                                for (int j = 0; j < kernel; j++) {
                                    int iy = oy * stride - padTop + i;
                                    int ix = ox * stride - padLeft + j;
                                    if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                                        sum += weights[((f * channels + ch) * kernel + i) * kernel + j]
                                                * x[((b * channels + ch) * height + iy) * width + ix];
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
    public Gradients backward(double[] x, double[] weights, double[] dy) {
        double[] dx = new double[x.length];
        double[] dw = new double[weights.length];
        double[] db = new double[filters];
        for (int b = 0; b < batch; b++) {
            for (int f = 0; f < filters; f++) {
                for (int oy = 0; oy < outHeight; oy++) {
                    for (int ox = 0; ox < outWidth; ox++) {
                        double g = dy[((b * filters + f) * outHeight + oy) * outWidth + ox];
                        db[f] += g;
                        for (int ch = 0; ch < channels; ch++) {
                            for (int i = 0; i < kernel; i++) {
                                for (int j = 0; j < kernel; j++) {
                                    int iy = oy * stride - padTop + i;
                                    int ix = ox * stride - padLeft + j;
                                    if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                                        int wi = ((f * channels + ch) * kernel + i) * kernel + j;
                                        int xi = ((b * channels + ch) * height + iy) * width + ix;
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
        return new Gradients(dx, dw, db);
    }

    /** dLoss/dInput, dLoss/dWeights, dLoss/dBias. */
    public record Gradients(double[] input, double[] weights, double[] bias) {
    }
}
