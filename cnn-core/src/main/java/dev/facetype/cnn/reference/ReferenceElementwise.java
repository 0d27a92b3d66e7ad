package dev.facetype.cnn.reference;

/**
 * The shape-moving and element-wise operations of a detector's graph, by definition: nearest-neighbour
 * upsampling, sigmoid, moving channels last, and the sum of two tensors, each with its backward pass.
 */
public final class ReferenceElementwise {

    private ReferenceElementwise() {
    }

    /** x (planes, h, w) to y (planes, h*f, w*f), y[p][yy][xx] = x[p][yy/f][xx/f]. */
    public static double[] upsample(double[] x, int planes, int height, int width, int factor) {
        int outHeight = height * factor;
        int outWidth = width * factor;
        double[] y = new double[planes * outHeight * outWidth];
        for (int p = 0; p < planes; p++) {
            for (int yy = 0; yy < outHeight; yy++) {
                for (int xx = 0; xx < outWidth; xx++) {
                    y[(p * outHeight + yy) * outWidth + xx] = x[(p * height + yy / factor) * width + xx / factor];
                }
            }
        }
        return y;
    }

    /** dLoss/dx of {@link #upsample}: each input value collects the gradients of its f x f block. */
    public static double[] upsampleBackward(double[] dy, int planes, int height, int width, int factor) {
        int outHeight = height * factor;
        int outWidth = width * factor;
        double[] dx = new double[planes * height * width];
        for (int p = 0; p < planes; p++) {
            for (int yy = 0; yy < outHeight; yy++) {
                for (int xx = 0; xx < outWidth; xx++) {
                    dx[(p * height + yy / factor) * width + xx / factor] += dy[(p * outHeight + yy) * outWidth + xx];
                }
            }
        }
        return dx;
    }

    public static double[] sigmoid(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 1 / (1 + Math.exp(-x[i]));
        }
        return y;
    }

    /** dLoss/dx of {@link #sigmoid}: dy * s(x) * (1 - s(x)). */
    public static double[] sigmoidBackward(double[] x, double[] dy) {
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 1 / (1 + Math.exp(-x[i]));
            dx[i] = dy[i] * s * (1 - s);
        }
        return dx;
    }

    /** x (n, c, h, w) to y (n, h, w, c). */
    public static double[] channelsLast(double[] x, int batch, int channels, int height, int width) {
        double[] y = new double[x.length];
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < channels; c++) {
                for (int yy = 0; yy < height; yy++) {
                    for (int xx = 0; xx < width; xx++) {
                        y[((b * height + yy) * width + xx) * channels + c] = x[((b * channels + c) * height + yy) * width + xx];
                    }
                }
            }
        }
        return y;
    }

    /** dLoss/dx of {@link #channelsLast}: the gradient moved back to (n, c, h, w). */
    public static double[] channelsLastBackward(double[] dy, int batch, int channels, int height, int width) {
        double[] dx = new double[dy.length];
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < channels; c++) {
                for (int yy = 0; yy < height; yy++) {
                    for (int xx = 0; xx < width; xx++) {
                        dx[((b * channels + c) * height + yy) * width + xx] = dy[((b * height + yy) * width + xx) * channels + c];
                    }
                }
            }
        }
        return dx;
    }

    public static double[] add(double[] a, double[] b) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = a[i] + b[i];
        }
        return y;
    }
}
