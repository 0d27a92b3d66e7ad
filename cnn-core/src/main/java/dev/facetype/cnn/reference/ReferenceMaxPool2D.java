package dev.facetype.cnn.reference;

import dev.facetype.cnn.layer.Padding;

/** Max pooling by definition: each output is the largest input in its window (positions outside never win). */
public final class ReferenceMaxPool2D {

    public final int planes;
    public final int height;
    public final int width;
    public final int size;
    public final int stride;
    public final int outHeight;
    public final int outWidth;
    private final int padTop;
    private final int padLeft;

    /** @param planes batch * channels */
    public ReferenceMaxPool2D(int planes, int height, int width, int size, int stride, Padding padding) {
        this.planes = planes;
        this.height = height;
        this.width = width;
        this.size = size;
        this.stride = stride;
        this.outHeight = padding.outputLength(height, size, stride);
        this.outWidth = padding.outputLength(width, size, stride);
        this.padTop = padding.padBefore(height, size, stride);
        this.padLeft = padding.padBefore(width, size, stride);
    }

    public double[] forward(double[] x) {
        double[] y = new double[planes * outHeight * outWidth];
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < outHeight; oy++) {
                for (int ox = 0; ox < outWidth; ox++) {
                    y[(p * outHeight + oy) * outWidth + ox] = x[argmax(x, p, oy, ox)];
                }
            }
        }
        return y;
    }

    public double[] backward(double[] x, double[] dy) {
        double[] dx = new double[x.length];
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < outHeight; oy++) {
                for (int ox = 0; ox < outWidth; ox++) {
                    dx[argmax(x, p, oy, ox)] += dy[(p * outHeight + oy) * outWidth + ox];
                }
            }
        }
        return dx;
    }

    private int argmax(double[] x, int p, int oy, int ox) {
        int best = -1;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                int iy = oy * stride - padTop + i;
                int ix = ox * stride - padLeft + j;
                if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                    int index = (p * height + iy) * width + ix;
                    if (best < 0 || x[index] > x[best]) {
                        best = index;
                    }
                }
            }
        }
        return best;
    }
}
