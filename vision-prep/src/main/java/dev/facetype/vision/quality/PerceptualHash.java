package dev.facetype.vision.quality;

import dev.facetype.vision.RasterImage;
import dev.facetype.vision.ops.Resize;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 64-bit perceptual hash (the DCT "pHash"): the photo's luma shrunk to 32x32 with area averaging, its 2-D
 * DCT, and one bit per coefficient of the 8x8 lowest frequencies telling whether it lies above their median
 * (the DC term excluded from the median). Re-encoding, resizing, mild brightness or contrast changes move
 * few bits; a different photo moves about half of them. Compare two with {@link #distance(PerceptualHash)}.
 *
 * @param bits the 64 bits, row-major over the 8x8 coefficients, first coefficient in the highest bit
 */
public record PerceptualHash(long bits) {

    private static final int SIZE = 32;
    private static final int LOW = 8;
    private static final double[][] COSINES = cosineTable();

    /** The hash of an image (colour or gray). */
    public static PerceptualHash of(RasterImage image) {
        RasterImage small = Resize.to(image.toGray(), SIZE, SIZE);
        double[] pixels = new double[SIZE * SIZE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = small.sample(i % SIZE, i / SIZE, 0);
        }
        double[] coefficients = lowFrequencyDct(pixels);
        double[] sorted = Arrays.copyOfRange(coefficients, 1, coefficients.length);
        Arrays.sort(sorted);
        double median = (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        long bits = 0;
        for (double coefficient : coefficients) {
            bits = bits << 1 | (coefficient > median ? 1 : 0);
        }
        return new PerceptualHash(bits);
    }

    /** Parses the 16 hex digits written by {@link #toString()}. */
    public static PerceptualHash parse(String hex) {
        if (hex.length() != 16) {
            throw new IllegalArgumentException("A perceptual hash is 16 hex digits, got '" + hex + "'");
        }
        return new PerceptualHash(HexFormat.fromHexDigitsToLong(hex));
    }

    /** The Hamming distance: how many of the 64 bits differ (0 identical .. 64). */
    public int distance(PerceptualHash other) {
        return Long.bitCount(bits ^ other.bits);
    }

    /** The Hamming distance between two hashes. */
    public static int distance(PerceptualHash a, PerceptualHash b) {
        return a.distance(b);
    }

    /** 16 lower-case hex digits. */
    @Override
    public String toString() {
        return HexFormat.of().toHexDigits(bits);
    }

    /** The top-left 8x8 of the 32x32 DCT-II (unnormalised: only the order of values matters). */
    private static double[] lowFrequencyDct(double[] pixels) {
        double[] rows = new double[SIZE * LOW];
        for (int y = 0; y < SIZE; y++) {
            for (int u = 0; u < LOW; u++) {
                double sum = 0;
                for (int x = 0; x < SIZE; x++) {
                    sum += pixels[y * SIZE + x] * COSINES[u][x];
                }
                rows[y * LOW + u] = sum;
            }
        }
        double[] out = new double[LOW * LOW];
        for (int v = 0; v < LOW; v++) {
            for (int u = 0; u < LOW; u++) {
                double sum = 0;
                for (int y = 0; y < SIZE; y++) {
                    sum += rows[y * LOW + u] * COSINES[v][y];
                }
                out[v * LOW + u] = sum;
            }
        }
        return out;
    }

    private static double[][] cosineTable() {
        double[][] table = new double[LOW][SIZE];
        for (int u = 0; u < LOW; u++) {
            for (int x = 0; x < SIZE; x++) {
                table[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2 * SIZE));
            }
        }
        return table;
    }
}
