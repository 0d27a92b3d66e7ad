package dev.facetype.vision.ops;

import dev.facetype.vision.RasterImage;

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
        float[] rows = new float[rowCount * width * channels];
        for (int r = 0; r < rowCount; r++) {
            int rowStart = (firstRow + r) * srcWidth * channels;
            for (int ox = 0; ox < width; ox++) {
                for (int c = 0; c < channels; c++) {
                    float sum = 0;
                    for (int t = horizontal.start[ox]; t < horizontal.start[ox + 1]; t++) {
                        sum += horizontal.weight[t] * (src[rowStart + horizontal.index[t] * channels + c] & 0xFF);
                    }
                    rows[(r * width + ox) * channels + c] = sum;
                }
            }
        }
        byte[] out = new byte[width * height * channels];
        for (int oy = 0; oy < height; oy++) {
            for (int ox = 0; ox < width; ox++) {
                for (int c = 0; c < channels; c++) {
                    float sum = 0;
                    for (int t = vertical.start[oy]; t < vertical.start[oy + 1]; t++) {
                        sum += vertical.weight[t] * rows[((vertical.index[t] - firstRow) * width + ox) * channels + c];
                    }
                    out[(oy * width + ox) * channels + c] = (byte) Math.max(0, Math.min(255, Math.round(sum)));
                }
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
