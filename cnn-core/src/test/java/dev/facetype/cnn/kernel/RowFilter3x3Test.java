package dev.facetype.cnn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every row filter (plain, 256-bit, 512-bit) against the nine-tap sum written out, with rows in the padding,
 * offsets below zero, widths around the vector lengths, and with and without the fused ReLU.
 */
class RowFilter3x3Test {

    @Test
    void everyImplementationComputesTheNineTapSum() {
        List<RowFilter3x3> filters = new ArrayList<>(List.of(RowFilter3x3.named("scalar")));
        if (Sgemm.vectorAvailable()) {
            filters.add(RowFilter3x3.named("vector"));
            filters.add(RowFilter3x3.named("vector-256"));
            filters.add(RowFilter3x3.named("vector-512"));
        }
        filters.add(RowFilter3x3.selected());
        for (int width : new int[] {4, 9, 17, 37, 50, 83}) {
            for (boolean relu : new boolean[] {false, true}) {
                check(filters, width, relu);
            }
        }
    }

    private static void check(List<RowFilter3x3> filters, int width, boolean relu) {
        SplittableRandom random = new SplittableRandom(61 + width);
        float[] in = new float[3 * width];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) random.nextGaussian();
        }
        float[] w = new float[12];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        int none = RowFilter3x3.NO_ROW;
        // rows shifted left by one column: the first row's offset is -1, a legitimate offset
        int[][] rowSets = {{-1, width - 1, 2 * width - 1}, {none, -1, width - 1}, {width - 1, 2 * width - 1, none},
                {none, none, none}, {none, width - 1, none}};
        for (RowFilter3x3 filter : filters) {
            for (int[] rows : rowSets) {
                float[] out = new float[width + 4];
                int from = 1;
                int to = width - 1;
                if (relu) {
                    filter.filterRow(in, rows[0], rows[1], rows[2], w, 3, 0.5f, out, 2, from, to, true);
                } else {
                    filter.filterRow(in, rows[0], rows[1], rows[2], w, 3, 0.5f, out, 2, from, to);
                }
                for (int x = 0; x < out.length; x++) {
                    int column = x - 2;
                    double expected = 0;
                    if (column >= from && column < to) {
                        expected = 0.5;
                        for (int i = 0; i < 3; i++) {
                            if (rows[i] != none) {
                                for (int j = 0; j < 3; j++) {
                                    expected += w[3 + 3 * i + j] * in[rows[i] + column + j];
                                }
                            }
                        }
                    }
                    if (relu && column >= from && column < to) {
                        expected = Math.max(0, expected);
                    }
                    assertEquals(expected, out[x], 1e-5, filter.name() + " width " + width + " relu " + relu
                            + " column " + column);
                }
            }
        }
    }
}
