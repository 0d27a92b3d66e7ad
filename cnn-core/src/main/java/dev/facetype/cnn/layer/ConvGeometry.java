package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.kernel.FloatLoops;
import java.util.Arrays;

/**
 * The index arithmetic of a k x k window sliding over a (channels, height, width) image, and the
 * lowering of a convolution to a matrix product:
 *
 * <pre>
 *   col (channels*k*k, outHeight*outWidth):  col[(c*k + i)*k + j][oy*outWidth + ox] = x[c][oy*s - padTop + i][ox*s - padLeft + j]
 * </pre>
 *
 * (zero outside the image). {@link #im2col} builds any range of col's columns, so a worker can lower just
 * its share of one image; {@link #col2im} is its adjoint, used for the gradient with respect to the input.
 */
public final class ConvGeometry {

    final int channels;
    final int height;
    final int width;
    final int kernel;
    final int stride;
    final int padTop;
    final int padLeft;
    final int outHeight;
    final int outWidth;

    public ConvGeometry(Shape input, int kernel, int stride, Padding padding) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException("A convolution needs (channels, height, width) input, got " + input);
        }
        this.channels = input.dim(0);
        this.height = input.dim(1);
        this.width = input.dim(2);
        this.kernel = kernel;
        this.stride = stride;
        this.outHeight = padding.outputLength(height, kernel, stride);
        this.outWidth = padding.outputLength(width, kernel, stride);
        if (outHeight <= 0 || outWidth <= 0) {
            throw new IllegalArgumentException("A " + kernel + "x" + kernel + " window with " + padding
                    + " padding does not fit input " + input);
        }
        this.padTop = padding.padBefore(height, kernel, stride);
        this.padLeft = padding.padBefore(width, kernel, stride);
    }

    /** Rows of the lowered matrix: channels * k * k. */
    public int patchSize() {
        return channels * kernel * kernel;
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

    public int inputSize() {
        return channels * height * width;
    }

    /**
     * Writes columns {@code [first, last)} of one image's lowered matrix into {@code col}, row stride
     * {@code ld} (at least {@code last - first}).
     */
    public void im2col(float[] x, int xOffset, int first, int last, float[] col, int ld) {
        int rows = patchSize();
        for (int row = 0; row < rows; row++) {
            lowerRow(x, xOffset, row, first, last - first, col, row * ld);
        }
    }

    /**
     * Writes columns {@code [first, first + count)} of row {@code row} = (c*k + i)*k + j of one image's lowered
     * matrix to {@code dst[offset ..]}: the input pixels the kernel tap (c, i, j) sees for those outputs.
     */
    public void lowerRow(float[] x, int xOffset, int row, int first, int count, float[] dst, int offset) {
        if (rowsAligned()) {
            lowerAlignedRow(x, xOffset, row, first, count, dst, offset);
            return;
        }
        int j = row % kernel;
        int i = (row / kernel) % kernel;
        int c = row / (kernel * kernel);
        int plane = xOffset + c * height * width;
        int last = first + count;
        int p = first;
        while (p < last) {
            int oy = p / outWidth;
            int ox = p - oy * outWidth;
            int rowEnd = Math.min(last, p - ox + outWidth);
            int dstIndex = offset + (p - first);
            int iy = oy * stride - padTop + i;
            int run = rowEnd - p;
            if (iy < 0 || iy >= height) {
                Arrays.fill(dst, dstIndex, dstIndex + run, 0f);
            } else {
                copyRow(x, plane + iy * width, ox, run, j, dst, dstIndex);
            }
            p = rowEnd;
        }
    }

    /**
     * Whether output and input rows have the same length at stride 1 ({@code same} padding): a row of the
     * lowered matrix is then the input plane shifted by a constant, with a few border columns of each output
     * row set to zero.
     */
    private boolean rowsAligned() {
        return stride == 1 && outWidth == width;
    }

    /**
     * {@link #lowerRow} for aligned rows: one copy of the shifted plane, then the border columns that the shift
     * wrapped around to the neighbouring input row are zeroed (instead of a copy per output row).
     */
    private void lowerAlignedRow(float[] x, int xOffset, int row, int first, int count, float[] dst, int offset) {
        int dxs = row % kernel - padLeft;
        int dy = (row / kernel) % kernel - padTop;
        int plane = xOffset + row / (kernel * kernel) * height * width;
        int last = first + count;
        int validFirst = Math.min(last, Math.max(first, Math.max(0, -dy) * width));
        int validLast = Math.max(validFirst, Math.min(last, Math.min(outHeight, height - dy) * width));
        int base = offset - first;
        Arrays.fill(dst, offset, base + validFirst, 0f);
        Arrays.fill(dst, base + validLast, base + last, 0f);
        if (validFirst == validLast) {
            return;
        }
        int shift = dy * width + dxs;
        // Source positions before or after the plane are border columns, zeroed below.
        int lo = Math.max(validFirst + shift, 0);
        int hi = Math.min(validLast + shift, height * width);
        if (lo < hi) {
            System.arraycopy(x, plane + lo, dst, base + lo - shift, hi - lo);
        }
        zeroWrappedColumns(dxs, validFirst, validLast, dst, base);
    }

    /**
     * Zeroes, in pixels [from, to) of a lowered row (pixel p at {@code base + p}), the output columns whose
     * input column ox + dxs lies outside the image.
     */
    private void zeroWrappedColumns(int dxs, int from, int to, float[] row, int base) {
        if (dxs == 0) {
            return;
        }
        int colLo = dxs < 0 ? 0 : width - dxs;
        int colHi = dxs < 0 ? -dxs : width;
        colLo = Math.max(0, Math.min(width, colLo));
        colHi = Math.max(0, Math.min(width, colHi));
        for (int rowStart = from - from % width; rowStart < to; rowStart += width) {
            int a = Math.max(from, rowStart + colLo);
            int b = Math.min(to, rowStart + colHi);
            for (int p = a; p < b; p++) {
                row[base + p] = 0f;
            }
        }
    }

    /** One output row's worth of one col row: x[row][ox*s - padLeft + j] for ox in [ox0, ox0 + count). */
    private void copyRow(float[] x, int rowBase, int ox0, int count, int j, float[] col, int dst) {
        int ix0 = ox0 * stride - padLeft + j;
        if (stride == 1) {
            int before = Math.max(0, -ix0);
            int after = Math.max(0, ix0 + count - width);
            int inside = count - before - after;
            if (inside <= 0) {
                Arrays.fill(col, dst, dst + count, 0f);
                return;
            }
            if (before > 0) {
                Arrays.fill(col, dst, dst + before, 0f);
            }
            System.arraycopy(x, rowBase + ix0 + before, col, dst + before, inside);
            if (after > 0) {
                Arrays.fill(col, dst + before + inside, dst + count, 0f);
            }
            return;
        }
        for (int t = 0; t < count; t++) {
            int ix = ix0 + t * stride;
            col[dst + t] = ix >= 0 && ix < width ? x[rowBase + ix] : 0f;
        }
    }

    /**
     * The adjoint of {@link #im2col} over all columns: adds each lowered value back onto the input pixel
     * it came from. {@code dx} is accumulated into, so zero it first.
     */
    public void col2im(float[] col, int ld, float[] dx, int dxOffset) {
        for (int c = 0; c < channels; c++) {
            int plane = dxOffset + c * height * width;
            for (int i = 0; i < kernel; i++) {
                for (int j = 0; j < kernel; j++) {
                    int rowStart = ((c * kernel + i) * kernel + j) * ld;
                    for (int oy = 0; oy < outHeight; oy++) {
                        int iy = oy * stride - padTop + i;
                        if (iy < 0 || iy >= height) {
                            continue;
                        }
                        int src = rowStart + oy * outWidth;
                        int rowBase = plane + iy * width;
                        int oxFirst = firstInside(j);
                        int oxLast = lastInside(j);
                        if (stride == 1) {
                            int ix = oxFirst - padLeft + j;
                            for (int ox = oxFirst; ox < oxLast; ox++, ix++) {
                                dx[rowBase + ix] += col[src + ox];
                            }
                        } else {
                            for (int ox = oxFirst; ox < oxLast; ox++) {
                                dx[rowBase + ox * stride - padLeft + j] += col[src + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col} for columns {@code [first, last)} only: adds column {@code first + q} of each
     * row of {@code col} (row stride {@code ld}, column q at {@code q}) back onto the input pixel it came from.
     * Over a partition of all columns it adds the same values as {@link #col2im}. Entries of {@code col} that
     * map outside the image may be overwritten with zeros.
     */
    public void col2imColumns(float[] col, int ld, int first, int last, float[] dx, int dxOffset) {
        if (rowsAligned()) {
            col2imAlignedColumns(col, ld, first, last, dx, dxOffset);
            return;
        }
        for (int c = 0; c < channels; c++) {
            int plane = dxOffset + c * height * width;
            for (int i = 0; i < kernel; i++) {
                for (int j = 0; j < kernel; j++) {
                    int rowStart = ((c * kernel + i) * kernel + j) * ld - first;
                    int oxFirst = firstInside(j);
                    int oxLast = lastInside(j);
                    int p = first;
                    while (p < last) {
                        int oy = p / outWidth;
                        int rowOrigin = p - (p - oy * outWidth);
                        int from = Math.max(p - rowOrigin, oxFirst);
                        int to = Math.min(Math.min(last - rowOrigin, outWidth), oxLast);
                        p = rowOrigin + outWidth;
                        int iy = oy * stride - padTop + i;
                        if (iy < 0 || iy >= height || from >= to) {
                            continue;
                        }
                        int src = rowStart + rowOrigin;
                        int rowBase = plane + iy * width;
                        if (stride == 1) {
                            int shift = rowBase - padLeft + j;
                            for (int ox = from; ox < to; ox++) {
                                dx[shift + ox] += col[src + ox];
                            }
                        } else {
                            for (int ox = from; ox < to; ox++) {
                                dx[rowBase + ox * stride - padLeft + j] += col[src + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * {@link #col2imColumns} for aligned rows: the entries that map outside the image are zeroed in place, then
     * each row of {@code col} is added onto the shifted plane in one run (adding zero leaves a pixel as it was).
     */
    private void col2imAlignedColumns(float[] col, int ld, int first, int last, float[] dx, int dxOffset) {
        int rows = patchSize();
        for (int row = 0; row < rows; row++) {
            int dxs = row % kernel - padLeft;
            int dy = (row / kernel) % kernel - padTop;
            int plane = dxOffset + row / (kernel * kernel) * height * width;
            int validFirst = Math.min(last, Math.max(first, Math.max(0, -dy) * width));
            int validLast = Math.max(validFirst, Math.min(last, Math.min(outHeight, height - dy) * width));
            if (validFirst == validLast) {
                continue;
            }
            int base = row * ld - first;
            zeroWrappedColumns(dxs, validFirst, validLast, col, base);
            int shift = dy * width + dxs;
            int lo = Math.max(validFirst + shift, 0);
            int hi = Math.min(validLast + shift, height * width);
            if (lo < hi) {
                FloatLoops.addInto(dx, plane + lo, col, base + lo - shift, hi - lo);
            }
        }
    }

    /** First ox whose input column ox*s - padLeft + j is inside the image. */
    private int firstInside(int j) {
        int need = padLeft - j;
        if (need <= 0) {
            return 0;
        }
        return Math.min(outWidth, (need + stride - 1) / stride);
    }

    /** One past the last ox whose input column is inside the image. */
    private int lastInside(int j) {
        int limit = width - 1 + padLeft - j;
        if (limit < 0) {
            return 0;
        }
        return Math.min(outWidth, limit / stride + 1);
    }
}
