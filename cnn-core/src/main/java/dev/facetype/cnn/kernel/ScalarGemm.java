package dev.facetype.cnn.kernel;

import java.util.Arrays;

/**
 * The plain-Java kernel family, used when the Vector API module is absent: same blocking as {@link VectorGemm},
 * with an inner loop over a row of the tile that HotSpot's superword pass turns into vector instructions.
 *
 * <p>Shapes: A panel kc x 4, B panel kc x 256, C tile 4 x 256, accumulated in the workspace scratch (4 rows of
 * accumulators, then the current B row: 5 KB, stays in L1).
 *
 * <p>Why the copy of each B row into the scratch: superword (JDK 17) only vectorizes a loop whose array
 * indices share one loop-invariant offset; the panel's row offset differs from the accumulators', so read in
 * place the loop stays scalar (a third of the speed). With everything in one array at constant offsets it
 * vectorizes.
 */
final class ScalarGemm extends BlockedGemm {

    private static final int MR = 4;
    private static final int NR = 256;
    private static final int ROW = MR * NR;

    ScalarGemm() {
        super(MR, NR, 64, 256, 1024, ROW + NR);
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public String tile() {
        return MR + "x" + NR;
    }

    @Override
    void microKernel(int kc, float[] a, int aPanel, float[] b, int bPanel,
                     float[] c, int cOffset, int ldc, boolean add, int cols, float[] scratch) {
        Arrays.fill(scratch, 0, ROW, 0f);
        for (int p = 0; p < kc; p++) {
            int ai = aPanel + p * MR;
            System.arraycopy(b, bPanel + p * NR, scratch, ROW, cols);
            float a0 = a[ai];
            float a1 = a[ai + 1];
            float a2 = a[ai + 2];
            float a3 = a[ai + 3];
            for (int j = 0; j < cols; j++) {
                float bj = scratch[ROW + j];
                scratch[j] += a0 * bj;
                scratch[NR + j] += a1 * bj;
                scratch[2 * NR + j] += a2 * bj;
                scratch[3 * NR + j] += a3 * bj;
            }
        }
        for (int i = 0; i < MR; i++) {
            int row = cOffset + i * ldc;
            int acc = i * NR;
            if (add) {
                for (int j = 0; j < cols; j++) {
                    c[row + j] += scratch[acc + j];
                }
            } else {
                System.arraycopy(scratch, acc, c, row, cols);
            }
        }
    }
}
