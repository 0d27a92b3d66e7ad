package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import java.util.Arrays;

/**
 * The lowering of a k x k convolution with explicit {@link Pads} to a matrix product, for a slice of the
 * input's channels (one group of a grouped convolution):
 *
 * <pre>
 *   x     (channels, height, width); the slice is channels [c0, c0 + sliceChannels)
 *   col   (sliceChannels*k*k, outHeight*outWidth)
 *   col[(c*k + i)*k + j][oy*outWidth + ox] = x[c0 + c][oy*s - top + i][ox*s - left + j]   (zero outside)
 * </pre>
 *
 * {@link #im2col} builds any range of columns, so a worker can lower its own share of an image;
 * {@link #col2im} is its adjoint (the input gradient).
 */
public final class PaddedConvGeometry {

    private final int sliceChannels;
    private final int height;
    private final int width;
    private final int kernel;
    private final int stride;
    private final int top;
    private final int left;
    private final int outHeight;
    private final int outWidth;

    /**
     * @param input         (channels, height, width) of the whole input
     * @param sliceChannels how many channels one lowering covers (the group size)
     */
    public PaddedConvGeometry(Shape input, int sliceChannels, int kernel, int stride, Pads pads) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("A convolution needs (channels, height, width) input, got " + input);
        }
        if (kernel < 1 || stride < 1 || sliceChannels < 1 || sliceChannels > input.dim(0)) {
            throw new IllegalArgumentException("Bad convolution: kernel " + kernel + ", stride " + stride
                    + ", " + sliceChannels + " of " + input.dim(0) + " channels");
        }
        this.sliceChannels = sliceChannels;
        this.height = input.dim(1);
        this.width = input.dim(2);
        this.kernel = kernel;
        this.stride = stride;
        this.top = pads.top();
        this.left = pads.left();
        this.outHeight = pads.outHeight(height, kernel, stride);
        this.outWidth = pads.outWidth(width, kernel, stride);
        if (outHeight <= 0 || outWidth <= 0) {
            throw new IllegalArgumentException("A " + kernel + "x" + kernel + " window with padding " + pads
                    + " does not fit input " + input);
        }
    }

    /** Rows of the lowered matrix: sliceChannels * k * k. */
    public int patchSize() {
        return sliceChannels * kernel * kernel;
    }

    /** Columns of the lowered matrix: outHeight * outWidth. */
    public int outputPixels() {
        return outHeight * outWidth;
    }

    public int outHeight() {
        return outHeight;
    }

    public int outWidth() {
        return outWidth;
    }

    /** Values in one input channel plane. */
    public int planeSize() {
        return height * width;
    }

    /**
     * Writes columns {@code [first, last)} of the lowering of the slice starting at {@code xOffset} (the
     * slice's first channel plane) into {@code col}, row stride {@code ld}.
     */
    public void im2col(float[] x, int xOffset, int first, int last, float[] col, int ld) {
        for (int c = 0; c < sliceChannels; c++) {
            int plane = xOffset + c * height * width;
            for (int i = 0; i < kernel; i++) {
                for (int j = 0; j < kernel; j++) {
                    int rowStart = ((c * kernel + i) * kernel + j) * ld - first;
                    int p = first;
                    while (p < last) {
                        int oy = p / outWidth;
                        int ox = p - oy * outWidth;
                        int rowEnd = Math.min(last, p - ox + outWidth);
                        int iy = oy * stride - top + i;
                        if (iy < 0 || iy >= height) {
                            Arrays.fill(col, rowStart + p, rowStart + rowEnd, 0f);
                        } else {
                            copyRow(x, plane + iy * width, ox, rowEnd - p, j, col, rowStart + p);
                        }
                        p = rowEnd;
                    }
                }
            }
        }
    }

    /** x[row][ox*s - left + j] for ox in [ox0, ox0 + count), zero outside the row. */
    private void copyRow(float[] x, int rowBase, int ox0, int count, int j, float[] col, int dst) {
        int inside0 = Math.min(Math.max(firstInside(j), ox0), ox0 + count);
        int inside1 = Math.max(Math.min(lastInside(j), ox0 + count), inside0);
        Arrays.fill(col, dst, dst + inside0 - ox0, 0f);
        int src = rowBase - left + j;
        int out = dst - ox0;
        if (stride == 1) {
            System.arraycopy(x, src + inside0, col, out + inside0, inside1 - inside0);
        } else {
            for (int ox = inside0; ox < inside1; ox++) {
                col[out + ox] = x[src + ox * stride];
            }
        }
        Arrays.fill(col, out + inside1, dst + count, 0f);
    }

    /**
     * The adjoint of {@link #im2col} over all columns: adds each lowered value back onto the input pixel
     * it came from, in the slice starting at {@code dxOffset}. Zero {@code dx} first.
     */
    public void col2im(float[] col, int ld, float[] dx, int dxOffset) {
        for (int c = 0; c < sliceChannels; c++) {
            int plane = dxOffset + c * height * width;
            for (int i = 0; i < kernel; i++) {
                for (int j = 0; j < kernel; j++) {
                    int rowStart = ((c * kernel + i) * kernel + j) * ld;
                    int oxFirst = firstInside(j);
                    int oxLast = lastInside(j);
                    for (int oy = 0; oy < outHeight; oy++) {
                        int iy = oy * stride - top + i;
                        if (iy < 0 || iy >= height) {
                            continue;
                        }
                        int src = rowStart + oy * outWidth;
                        int rowBase = plane + iy * width - left + j;
                        for (int ox = oxFirst; ox < oxLast; ox++) {
                            dx[rowBase + ox * stride] += col[src + ox];
                        }
                    }
                }
            }
        }
    }

    /** First ox whose input column ox*s - left + j is inside the image. */
    int firstInside(int j) {
        int need = left - j;
        return need <= 0 ? 0 : Math.min(outWidth, (need + stride - 1) / stride);
    }

    /** One past the last ox whose input column is inside the image. */
    int lastInside(int j) {
        int limit = width - 1 + left - j;
        return limit < 0 ? 0 : Math.min(outWidth, limit / stride + 1);
    }
}
