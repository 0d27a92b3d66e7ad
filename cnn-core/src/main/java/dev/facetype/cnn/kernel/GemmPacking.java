package dev.facetype.cnn.kernel;

import java.util.Arrays;

/**
 * Copies blocks of op(A) and op(B) into the contiguous panel layout the micro-kernels stream through. Packing is
 * where the transposes are absorbed: after it, every kernel sees the same layout whatever the storage order.
 *
 * <p>Shapes: an A block of mb x kb becomes ceil(mb / mr) panels, each kb steps of mr values (column p of the
 * panel's rows, rows past the edge zero). A B block of kb x nb becomes ceil(nb / nr) panels, each kb steps of
 * nr values (row p of the panel's columns, columns past the edge zero). Zero padding lets the kernels always
 * compute full register tiles. Panels start {@link #panelStride} floats apart.
 */
final class GemmPacking {

    /**
     * Floats from the start of one panel to the next: the panel plus one cache line, so that panels whose size is
     * a multiple of 4 KB do not all map to the same L1 cache set while they are written side by side (packing B
     * row by row took twice as long without it).
     */
    static int panelStride(int width, int kb) {
        return width * kb + 16;
    }

    private GemmPacking() {
    }

    /** Packs op(A)[i0 .. i0+mb) x [p0 .. p0+kb) into {@code dst} from index 0. */
    static void packA(boolean transA, float[] a, int aOffset, int lda,
                      int i0, int mb, int p0, int kb, int mr, float[] dst) {
        int panel = 0;
        for (int ir = 0; ir < mb; ir += mr) {
            int rows = Math.min(mr, mb - ir);
            if (transA) {
                packTransposedAPanel(a, aOffset + p0 * lda + i0 + ir, lda, rows, kb, mr, dst, panel);
            } else {
                packAPanel(a, aOffset + (i0 + ir) * lda + p0, lda, rows, kb, mr, dst, panel);
            }
            panel += panelStride(mr, kb);
        }
    }

    /** Stored m x k: each panel row is a contiguous run of A, scattered with stride mr. */
    private static void packAPanel(float[] a, int start, int lda, int rows, int kb, int mr,
                                   float[] dst, int panel) {
        for (int i = 0; i < rows; i++) {
            int src = start + i * lda;
            int d = panel + i;
            for (int p = 0; p < kb; p++) {
                dst[d + p * mr] = a[src + p];
            }
        }
        for (int i = rows; i < mr; i++) {
            for (int p = 0; p < kb; p++) {
                dst[panel + i + p * mr] = 0f;
            }
        }
    }

    /** Stored k x m: each step p of the panel is already a contiguous run of A. */
    private static void packTransposedAPanel(float[] a, int start, int lda, int rows, int kb, int mr,
                                             float[] dst, int panel) {
        for (int p = 0; p < kb; p++) {
            int src = start + p * lda;
            int d = panel + p * mr;
            for (int i = 0; i < rows; i++) {
                dst[d + i] = a[src + i];
            }
            for (int i = rows; i < mr; i++) {
                dst[d + i] = 0f;
            }
        }
    }

    /**
     * Packs op(B)[p0 .. p0+kb) x [j0 .. j0+nb) into {@code dst} from index 0; {@code kernel} copies the full
     * nr-wide row pieces (with wide vectors when it has them).
     */
    static void packB(boolean transB, float[] b, int bOffset, int ldb,
                      int p0, int kb, int j0, int nb, int nr, float[] dst, BlockedGemm kernel) {
        if (!transB) {
            packBRows(b, bOffset + p0 * ldb + j0, ldb, kb, nb, nr, dst, kernel);
            return;
        }
        int panel = 0;
        for (int jr = 0; jr < nb; jr += nr) {
            int cols = Math.min(nr, nb - jr);
            packTransposedBPanel(b, bOffset + (j0 + jr) * ldb + p0, ldb, cols, kb, nr, dst, panel);
            panel += panelStride(nr, kb);
        }
    }

    /**
     * Stored k x n: each row of the block is read once from start to end, so the hardware prefetcher follows it,
     * and dealt out nr values to each panel. Walking panel by panel instead reads B with a stride of a whole row,
     * a cache miss per panel row once B outgrows L2 (it made packing take as long as the arithmetic).
     */
    private static void packBRows(float[] b, int start, int ldb, int kb, int nb, int nr, float[] dst,
                                  BlockedGemm kernel) {
        int fullCols = nb - nb % nr;
        int panelSize = panelStride(nr, kb);
        for (int p = 0; p < kb; p++) {
            int src = start + p * ldb;
            int d = p * nr;
            for (int j = 0; j < fullCols; j += nr, d += panelSize) {
                kernel.copyPanelRow(b, src + j, dst, d);
            }
            if (fullCols < nb) {
                int cols = nb - fullCols;
                System.arraycopy(b, src + fullCols, dst, d, cols);
                Arrays.fill(dst, d + cols, d + nr, 0f);
            }
        }
    }

    /**
     * A computed B: each row piece is produced once into {@code rowPiece} (it stays in L1) and dealt out nr
     * values to each panel, like {@link #packBRows}.
     */
    static void packComputedB(MatrixRows b, int p0, int kb, int j0, int nb, int nr, float[] dst, float[] rowPiece,
                              BlockedGemm kernel) {
        int fullCols = nb - nb % nr;
        int panelSize = panelStride(nr, kb);
        for (int p = 0; p < kb; p++) {
            b.row(p0 + p, j0, nb, rowPiece, 0);
            int d = p * nr;
            for (int j = 0; j < fullCols; j += nr, d += panelSize) {
                kernel.copyPanelRow(rowPiece, j, dst, d);
            }
            if (fullCols < nb) {
                int cols = nb - fullCols;
                System.arraycopy(rowPiece, fullCols, dst, d, cols);
                Arrays.fill(dst, d + cols, d + nr, 0f);
            }
        }
    }

    /**
     * Stored n x k: column j of the panel is a contiguous run of B. Eight source rows are read together (four
     * or sixteen were slower): more independent reads in flight when B comes from L3, and each destination
     * cache line is touched an eighth as often.
     */
    private static void packTransposedBPanel(float[] b, int start, int ldb, int cols, int kb, int nr,
                                             float[] dst, int panel) {
        int j = 0;
        for (; j + 8 <= cols; j += 8) {
            int row = start + j * ldb;
            int d = panel + j;
            for (int p = 0; p < kb; p++) {
                int dp = d + p * nr;
                int sp = row + p;
                dst[dp] = b[sp];
                dst[dp + 1] = b[sp + ldb];
                dst[dp + 2] = b[sp + 2 * ldb];
                dst[dp + 3] = b[sp + 3 * ldb];
                dst[dp + 4] = b[sp + 4 * ldb];
                dst[dp + 5] = b[sp + 5 * ldb];
                dst[dp + 6] = b[sp + 6 * ldb];
                dst[dp + 7] = b[sp + 7 * ldb];
            }
        }
        for (; j < cols; j++) {
            int row = start + j * ldb;
            for (int p = 0; p < kb; p++) {
                dst[panel + j + p * nr] = b[row + p];
            }
        }
        if (cols < nr) {
            // Row by row: column by column would write a whole cache line per zero.
            for (int p = 0; p < kb; p++) {
                int d = panel + p * nr;
                Arrays.fill(dst, d + cols, d + nr, 0f);
            }
        }
    }
}
