package dev.facetype.cnn.kernel;

import java.util.Arrays;

/**
 * The cache-blocked loop nest shared by the kernel families (the Goto / BLIS scheme); subclasses supply the
 * register-tiled micro-kernel.
 *
 * <p>Shapes: C (m x n) is cut into equal column blocks of at most nc; k into equal slices of at most kc, for
 * which the kc x nc block of op(B) is packed once (it stays in L2/L3); rows into equal blocks of at most mc, for
 * which the mc x kc block of op(A) is packed (it stays in L2). Inside, each mr x nr tile of C is one micro-kernel call streaming an mr-row A panel and an
 * nr-column B panel (the B panel stays in L1 while the A panels go by).
 */
abstract class BlockedGemm implements GemmKernel {

    /** C above this many floats (1 MB, L2) counts as large. */
    private static final int LARGE_C_FLOATS = 1 << 18;
    /** Packed B block of a one-slice product, in floats (1 MB). */
    private static final int ONE_SLICE_B_FLOATS = 1 << 18;
    /** Widest column block of a one-slice product. */
    private static final int ONE_SLICE_MAX_COLUMNS = 8192;

    private final int mr;
    private final int nr;
    private final int mc;
    private final int kc;
    private final int nc;
    private final int directKc;
    private final int scratchSize;

    /**
     * Tile mr x nr; blocks mc (a multiple of mr), kc, nc (a multiple of nr); scratchSize floats of workspace
     * the micro-kernel may use freely.
     */
    BlockedGemm(int mr, int nr, int mc, int kc, int nc, int scratchSize) {
        this(mr, nr, mc, kc, nc, kc, scratchSize);
    }

    /**
     * As above, with {@code directKc} the k slice of products whose A is read in place (see
     * {@link #readsAInPlace}).
     */
    BlockedGemm(int mr, int nr, int mc, int kc, int nc, int directKc, int scratchSize) {
        if (mc % mr != 0 || nc % nr != 0) {
            throw new IllegalArgumentException("blocks must hold whole tiles");
        }
        this.mr = mr;
        this.nr = nr;
        this.mc = mc;
        this.kc = kc;
        this.nc = nc;
        this.directKc = directKc;
        this.scratchSize = scratchSize;
    }

    /**
     * C[0..mr) x [0..nr) at {@code cOffset} (row stride ldc) = (add ? C : 0) + the product of an mr x kc A panel
     * and a kc x nr B panel, both packed. Only the first {@code cols} columns are needed (a kernel may compute
     * all nr, since the panel is zero padded); bottom edges are handled by the caller.
     */
    abstract void microKernel(int kc, float[] a, int aPanel, float[] b, int bPanel,
                              float[] c, int cOffset, int ldc, boolean add, int cols, float[] scratch);

    /**
     * Rows per block of C for products of a single k slice, or 0 to keep the family's usual blocks; see
     * {@link #run}.
     */
    int oneSliceRowBlock() {
        return 0;
    }

    /**
     * Whether this family has a {@link #microKernelInPlaceA} that reads A where it is stored. When the whole of
     * op(B) is one panel wide (n at most nr), every A panel would be packed for a single micro-kernel call:
     * packing then only copies A once more (for a dense layer's 16 M weights, as long as the arithmetic), so
     * such products read a plain A in place instead.
     */
    boolean readsAInPlace() {
        return false;
    }

    /**
     * Like {@link #microKernel}, with the mr x kc A panel read in place: row i, step p at
     * {@code a[aStart + i * lda + p]}. Only called when {@link #readsAInPlace} is true.
     */
    void microKernelInPlaceA(int kc, float[] a, int aStart, int lda, float[] b, int bPanel,
                             float[] c, int cOffset, int ldc, boolean add, int cols, float[] scratch) {
        throw new UnsupportedOperationException();
    }

    /** Copies nr contiguous floats into a B panel while packing; kernels with wide vectors override it. */
    void copyPanelRow(float[] src, int from, float[] dst, int to) {
        System.arraycopy(src, from, dst, to, nr);
    }

    @Override
    public final void multiply(boolean transA, boolean transB, int m, int n, int k,
                               float[] a, int aOffset, int lda,
                               float[] b, int bOffset, int ldb,
                               boolean accumulate, float[] c, int cOffset, int ldc,
                               GemmWorkspace workspace) {
        GemmArguments.check(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        run(transA, m, n, k, a, aOffset, lda, workspace.storedB(transB, b, bOffset, ldb), null,
                accumulate, c, cOffset, ldc, workspace);
    }

    @Override
    public final void multiply(boolean transA, int m, int n, int k,
                               float[] a, int aOffset, int lda,
                               MatrixRows b,
                               boolean accumulate, float[] c, int cOffset, int ldc,
                               GemmWorkspace workspace) {
        GemmArguments.checkComputedB(transA, m, n, k, a, aOffset, lda, c, cOffset, ldc);
        run(transA, m, n, k, a, aOffset, lda, null, b, accumulate, c, cOffset, ldc, workspace);
    }

    /** The loop nest; B comes either stored ({@code stored}) or computed ({@code computed}). */
    private void run(boolean transA, int m, int n, int k, float[] a, int aOffset, int lda,
                     GemmWorkspace.StoredB stored, MatrixRows computed,
                     boolean accumulate, float[] c, int cOffset, int ldc, GemmWorkspace workspace) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                clear(m, n, c, cOffset, ldc);
            }
            return;
        }
        if (!transA && n <= nr && readsAInPlace()) {
            runInPlaceA(m, n, k, a, aOffset, lda, stored, computed, accumulate, c, cOffset, ldc, workspace);
            return;
        }
        // Equal blocks rather than full ones and a sliver (k = 800 as 4 x 200, not 3 x 256 + 32): every
        // block then amortises its packing and its pass over C alike (9 % faster at the conv2 shape).
        int mcMax = mc;
        int ncMax = nc;
        int rowBlock = oneSliceRowBlock();
        if (rowBlock > 0 && k <= kc && (long) m * n > LARGE_C_FLOATS) {
            // One k slice and a C larger than L2: every C tile is written once, straight after its only micro-kernel call, so the
            // product is bound by writing C (a dense layer's 64 MB weight gradient). Fewer rows at a time keeps
            // the rows being written within what the prefetchers follow, and longer runs of each row help too:
            // 1024 x 16384 x 32 went from 37-46 to 20-34 ms with 16 rows of 8192 columns against 64 of 1024.
            mcMax = rowBlock;
            ncMax = Math.max(nc, Math.min(ONE_SLICE_MAX_COLUMNS, ONE_SLICE_B_FLOATS / k / nr * nr));
        }
        int mcBlock = balancedBlock(m, mcMax, mr);
        int kcBlock = balancedBlock(k, kc, 1);
        int ncBlock = balancedBlock(n, ncMax, nr);
        float[] packedA = workspace.packedA(panels(mcBlock, mr) * GemmPacking.panelStride(mr, kcBlock));
        float[] packedB = workspace.packedB(panels(ncBlock, nr) * GemmPacking.panelStride(nr, kcBlock));
        float[] edge = workspace.edgeTile(mr * nr);
        float[] scratch = workspace.kernelScratch(scratchSize);
        float[] rowPiece = computed == null ? null : workspace.rowPiece(ncBlock);

        for (int jc = 0; jc < n; jc += ncBlock) {
            int nb = Math.min(ncBlock, n - jc);
            for (int pc = 0; pc < k; pc += kcBlock) {
                int kb = Math.min(kcBlock, k - pc);
                boolean add = accumulate || pc > 0;
                if (computed == null) {
                    GemmPacking.packB(stored.transB, stored.b, stored.bOffset, stored.ldb, pc, kb, jc, nb, nr,
                            packedB, this);
                } else {
                    GemmPacking.packComputedB(computed, pc, kb, jc, nb, nr, packedB, rowPiece, this);
                }
                for (int ic = 0; ic < m; ic += mcBlock) {
                    int mb = Math.min(mcBlock, m - ic);
                    GemmPacking.packA(transA, a, aOffset, lda, ic, mb, pc, kb, mr, packedA);
                    multiplyBlock(mb, nb, kb, packedA, packedB, add, c, cOffset + ic * ldc + jc, ldc,
                            edge, scratch);
                }
            }
        }
    }

    /**
     * The loop nest for a plain A and an op(B) of one panel (n at most nr): each k slice of B is packed once,
     * then every full mr-row panel of A is read in place by the micro-kernel; only a ragged last panel is
     * packed.
     */
    private void runInPlaceA(int m, int n, int k, float[] a, int aOffset, int lda,
                             GemmWorkspace.StoredB stored, MatrixRows computed,
                             boolean accumulate, float[] c, int cOffset, int ldc, GemmWorkspace workspace) {
        int kcBlock = balancedBlock(k, directKc, 1);
        float[] packedA = workspace.packedA(GemmPacking.panelStride(mr, kcBlock));
        float[] packedB = workspace.packedB(GemmPacking.panelStride(nr, kcBlock));
        float[] edge = workspace.edgeTile(mr * nr);
        float[] scratch = workspace.kernelScratch(scratchSize);
        float[] rowPiece = computed == null ? null : workspace.rowPiece(n);
        int fullRows = m - m % mr;
        for (int pc = 0; pc < k; pc += kcBlock) {
            int kb = Math.min(kcBlock, k - pc);
            boolean add = accumulate || pc > 0;
            if (computed == null) {
                GemmPacking.packB(stored.transB, stored.b, stored.bOffset, stored.ldb, pc, kb, 0, n, nr,
                        packedB, this);
            } else {
                GemmPacking.packComputedB(computed, pc, kb, 0, n, nr, packedB, rowPiece, this);
            }
            int aStart = aOffset + pc;
            if (n == nr) {
                for (int ir = 0; ir < fullRows; ir += mr) {
                    microKernelInPlaceA(kb, a, aStart + ir * lda, lda, packedB, 0, c, cOffset + ir * ldc, ldc,
                            add, nr, scratch);
                }
            } else {
                for (int ir = 0; ir < fullRows; ir += mr) {
                    microKernelInPlaceA(kb, a, aStart + ir * lda, lda, packedB, 0, edge, 0, nr, false, n,
                            scratch);
                    mergeEdge(mr, n, edge, add, c, cOffset + ir * ldc, ldc);
                }
            }
            if (fullRows < m) {
                int rows = m - fullRows;
                GemmPacking.packA(false, a, aOffset, lda, fullRows, rows, pc, kb, mr, packedA);
                microKernel(kb, packedA, 0, packedB, 0, edge, 0, nr, false, n, scratch);
                mergeEdge(rows, n, edge, add, c, cOffset + fullRows * ldc, ldc);
            }
        }
    }

    /** All tiles of one packed mb x kb by kb x nb block pair. */
    private void multiplyBlock(int mb, int nb, int kb, float[] packedA, float[] packedB, boolean add,
                               float[] c, int cBlock, int ldc, float[] edge, float[] scratch) {
        int aStride = GemmPacking.panelStride(mr, kb);
        int bStride = GemmPacking.panelStride(nr, kb);
        for (int jr = 0, bPanel = 0; jr < nb; jr += nr, bPanel += bStride) {
            int cols = Math.min(nr, nb - jr);
            for (int ir = 0, aPanel = 0; ir < mb; ir += mr, aPanel += aStride) {
                int rows = Math.min(mr, mb - ir);
                int cTile = cBlock + ir * ldc + jr;
                if (rows == mr && cols == nr) {
                    microKernel(kb, packedA, aPanel, packedB, bPanel, c, cTile, ldc, add, nr, scratch);
                } else {
                    microKernel(kb, packedA, aPanel, packedB, bPanel, edge, 0, nr, false, cols, scratch);
                    mergeEdge(rows, cols, edge, add, c, cTile, ldc);
                }
            }
        }
    }

    /** Copies (or adds) the valid rows x cols corner of a full tile computed into scratch. */
    private void mergeEdge(int rows, int cols, float[] edge, boolean add, float[] c, int cTile, int ldc) {
        for (int i = 0; i < rows; i++) {
            int src = i * nr;
            int dst = cTile + i * ldc;
            if (add) {
                for (int j = 0; j < cols; j++) {
                    c[dst + j] += edge[src + j];
                }
            } else {
                System.arraycopy(edge, src, c, dst, cols);
            }
        }
    }

    private static void clear(int m, int n, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            Arrays.fill(c, cOffset + i * ldc, cOffset + i * ldc + n, 0f);
        }
    }

    private static int panels(int size, int width) {
        return (size + width - 1) / width;
    }

    /** The size of ceil(size / max) equal blocks covering size, rounded up to a multiple (never above max). */
    private static int balancedBlock(int size, int max, int multiple) {
        int blocks = (size + max - 1) / max;
        int block = (size + blocks - 1) / blocks;
        return Math.min(max, (block + multiple - 1) / multiple * multiple);
    }
}
