package dev.facetype.cnn.kernel;

/**
 * The plain-Java kernel family, used when the Vector API module is absent. Same blocking as {@link VectorGemm}
 * but a wider tile whose inner loop over 64 columns HotSpot's superword pass turns into vector instructions.
 *
 * <p>Shapes: A panel kc x 4, B panel kc x 64, C tile 4 x 64, accumulated in the workspace's scratch tile (1 KB,
 * stays in L1) because plain Java cannot pin a tile's worth of vector accumulators in registers.
 */
final class ScalarGemm extends BlockedGemm {

    private static final int MR = 4;
    private static final int NR = 64;

    ScalarGemm() {
        super(MR, NR, 64, 256, 1024, MR * NR);
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    void microKernel(int kc, float[] a, int aPanel, float[] b, int bPanel,
                     float[] c, int cOffset, int ldc, boolean add, float[] acc) {
        java.util.Arrays.fill(acc, 0, MR * NR, 0f);
        int ai = aPanel;
        int bi = bPanel;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            float a0 = a[ai];
            float a1 = a[ai + 1];
            float a2 = a[ai + 2];
            float a3 = a[ai + 3];
            for (int j = 0; j < NR; j++) {
                float bj = b[bi + j];
                acc[j] += a0 * bj;
                acc[NR + j] += a1 * bj;
                acc[2 * NR + j] += a2 * bj;
                acc[3 * NR + j] += a3 * bj;
            }
        }
        for (int i = 0; i < MR; i++) {
            int row = cOffset + i * ldc;
            int src = i * NR;
            if (add) {
                for (int j = 0; j < NR; j++) {
                    c[row + j] += acc[src + j];
                }
            } else {
                System.arraycopy(acc, src, c, row, NR);
            }
        }
    }
}
