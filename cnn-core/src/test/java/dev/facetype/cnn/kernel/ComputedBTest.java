package dev.facetype.cnn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A product whose B is computed row piece by row piece gives exactly the product with B stored. */
class ComputedBTest {

    @Test
    void computedBEqualsStoredBBitForBit() {
        SplittableRandom random = new SplittableRandom(3);
        int[][] shapes = {{64, 1024, 800}, {32, 4096, 75}, {7, 33, 5}, {17, 1500, 300}, {1, 1, 1}};
        String[] families = Sgemm.vectorAvailable()
                ? new String[] {"scalar", "vector-512", "vector-256"} : new String[] {"scalar"};
        for (String family : families) {
            GemmKernel kernel = Sgemm.kernel(family);
            for (int[] s : shapes) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                float[] a = new float[m * k];
                float[] b = new float[k * n];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) random.nextGaussian();
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) random.nextGaussian();
                }
                float[] stored = new float[m * n];
                float[] computed = new float[m * n];
                java.util.Arrays.fill(stored, 1f);
                java.util.Arrays.fill(computed, 1f);
                kernel.multiply(false, false, m, n, k, a, 0, k, b, 0, n, true, stored, 0, n, new GemmWorkspace());
                MatrixRows rows = (row, first, count, dst, offset) -> System.arraycopy(b, row * n + first, dst, offset, count);
                kernel.multiply(false, m, n, k, a, 0, k, rows, true, computed, 0, n, new GemmWorkspace());
                assertArrayEquals(stored, computed, family + " " + m + "x" + n + "x" + k);
            }
        }
    }
}
