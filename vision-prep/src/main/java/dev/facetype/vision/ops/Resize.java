package dev.facetype.vision.ops;

import dev.facetype.vision.RasterImage;
import java.util.Arrays;

/**
 * Resampling of an image or of a rectangular region of it. Shrinking averages every source pixel the output
 * pixel covers, weighted by the covered fraction (area averaging, OpenCV's {@code INTER_AREA}): no aliasing,
 * which matters when a 600 px face becomes a 48 px network input. Enlarging (a face smaller than the
 * output) interpolates bilinearly. Both work one axis after the other.
 */
public final class Resize {

    private Resize() {
    }

    /** The whole image resampled to {@code width x height}. */
    public static RasterImage to(RasterImage image, int width, int height) {
        return region(image, 0, 0, image.width(), image.height(), width, height);
    }

    /**
     * The region with top-left ({@code x}, {@code y}) and size {@code regionWidth x regionHeight} (fractions
     * allowed) resampled to {@code width x height}. Parts of the region outside the image repeat the
     * nearest border pixel.
     */
    public static RasterImage region(RasterImage image, double x, double y, double regionWidth, double regionHeight,
                                     int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Output size must be positive, got " + width + "x" + height);
        }
        if (!(regionWidth > 0) || !(regionHeight > 0)) {
            throw new IllegalArgumentException("Region size must be positive, got " + regionWidth + "x" + regionHeight);
        }
        int channels = image.channels();
        Taps horizontal = Taps.of(x, regionWidth, width, image.width());
        Taps vertical = Taps.of(y, regionHeight, height, image.height());
        byte[] src = image.toByteArray();
        int srcWidth = image.width();

        // Horizontal pass over only the source rows the vertical pass will read.
        int firstRow = vertical.minIndex();
        int rowCount = vertical.maxIndex() - firstRow + 1;
        int rowLength = width * channels;
        float[] rows = new float[rowCount * rowLength];
        int[] hStart = horizontal.start;
        int[] hIndex = horizontal.index;
        float[] hWeight = horizontal.weight;
        for (int r = 0; r < rowCount; r++) {
            int rowStart = (firstRow + r) * srcWidth * channels;
            int o = r * rowLength;
            if (channels == 3) {
                // The same sums as the general loop below, in the same order, for the three channels at once.
                for (int ox = 0; ox < width; ox++) {
                    float red = 0;
                    float green = 0;
                    float blue = 0;
                    for (int t = hStart[ox], end = hStart[ox + 1]; t < end; t++) {
                        float w = hWeight[t];
                        int p = rowStart + hIndex[t] * 3;
                        red += w * (src[p] & 0xFF);
                        green += w * (src[p + 1] & 0xFF);
                        blue += w * (src[p + 2] & 0xFF);
                    }
                    rows[o++] = red;
                    rows[o++] = green;
                    rows[o++] = blue;
                }
            } else {
                for (int ox = 0; ox < width; ox++) {
                    for (int c = 0; c < channels; c++) {
                        float sum = 0;
                        for (int t = hStart[ox], end = hStart[ox + 1]; t < end; t++) {
                            sum += hWeight[t] * (src[rowStart + hIndex[t] * channels + c] & 0xFF);
                        }
                        rows[o++] = sum;
                    }
                }
            }
        }
        // Vertical pass a whole output row at a time: each value still sums its taps in order from 0.
        byte[] out = new byte[width * height * channels];
        float[] sums = new float[rowLength];
        for (int oy = 0; oy < height; oy++) {
            Arrays.fill(sums, 0f);
            for (int t = vertical.start[oy]; t < vertical.start[oy + 1]; t++) {
                float w = vertical.weight[t];
                int base = (vertical.index[t] - firstRow) * rowLength;
                for (int i = 0; i < rowLength; i++) {
                    sums[i] += w * rows[base + i];
                }
            }
            int o = oy * rowLength;
            for (int i = 0; i < rowLength; i++) {
                out[o + i] = (byte) Math.max(0, Math.min(255, Math.round(sums[i])));
            }
        }
        return RasterImage.adopt(width, height, channels, out);
    }

    /**
     * For each output index along one axis, the source indices it reads and their weights (summing to 1),
     * stored flat: taps {@code start[o]..start[o+1]-1}.
     */
    private static final class Taps {
        final int[] start;
        final int[] index;
        final float[] weight;

        private Taps(int[] start, int[] index, float[] weight) {
            this.start = start;
            this.index = index;
            this.weight = weight;
        }

        int minIndex() {
            int min = Integer.MAX_VALUE;
            for (int i = 0; i < start[start.length - 1]; i++) {
                min = Math.min(min, index[i]);
            }
            return min;
        }

        int maxIndex() {
            int max = Integer.MIN_VALUE;
            for (int i = 0; i < start[start.length - 1]; i++) {
                max = Math.max(max, index[i]);
            }
            return max;
        }

        static Taps of(double origin, double length, int outputs, int sourceSize) {
            double scale = length / outputs;
            return scale >= 1 ? area(origin, scale, outputs, sourceSize) : bilinear(origin, scale, outputs, sourceSize);
        }

        /** Output pixel o covers source interval [origin + o*scale, origin + (o+1)*scale). */
        private static Taps area(double origin, double scale, int outputs, int sourceSize) {
            int maxTaps = (int) Math.ceil(scale) + 2;
            int[] start = new int[outputs + 1];
            int[] index = new int[outputs * maxTaps];
            float[] weight = new float[outputs * maxTaps];
            int n = 0;
            for (int o = 0; o < outputs; o++) {
                start[o] = n;
                double from = origin + o * scale;
                double to = from + scale;
                for (int s = (int) Math.floor(from); s < to; s++) {
                    double covered = Math.min(to, s + 1) - Math.max(from, s);
                    if (covered > 1e-9) {
                        index[n] = clamp(s, sourceSize);
                        weight[n] = (float) (covered / scale);
                        n++;
                    }
                }
            }
            start[outputs] = n;
            return new Taps(start, index, weight);
        }

        /** Output pixel centre maps to a source position between two pixel centres. */
        private static Taps bilinear(double origin, double scale, int outputs, int sourceSize) {
            int[] start = new int[outputs + 1];
            int[] index = new int[outputs * 2];
            float[] weight = new float[outputs * 2];
            for (int o = 0; o < outputs; o++) {
                double position = origin + (o + 0.5) * scale - 0.5;
                int left = (int) Math.floor(position);
                double fraction = position - left;
                start[o] = 2 * o;
                index[2 * o] = clamp(left, sourceSize);
                weight[2 * o] = (float) (1 - fraction);
                index[2 * o + 1] = clamp(left + 1, sourceSize);
                weight[2 * o + 1] = (float) fraction;
            }
            start[outputs] = 2 * outputs;
            return new Taps(start, index, weight);
        }

        private static int clamp(int i, int size) {
            return i < 0 ? 0 : Math.min(i, size - 1);
        }
    }
}
