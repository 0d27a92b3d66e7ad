package dev.facetype.examples;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Order statistics of measured values, for the calibration programs' tables. */
final class Distribution {

    private final double[] sorted;

    Distribution(List<? extends Number> values) {
        this.sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    }

    int count() {
        return sorted.length;
    }

    /** The value below which a fraction {@code p} of the values lie (nearest rank). */
    double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    double min() {
        return percentile(0);
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    long countBelow(double limit) {
        return Arrays.stream(sorted).filter(v -> v < limit).count();
    }

    long countAtMost(double limit) {
        return Arrays.stream(sorted).filter(v -> v <= limit).count();
    }

    static String percent(long part, int whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }
}
