package dev.facetype.cnn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel family: register tiles of 256-bit float vectors over packed panels.
 *
 * <p>Shapes: A panel kc x r (r values per step), B panel kc x 16 (two vectors per step), C tile r x 16, with
 * r = 8 when the CPU has 32 vector registers (AVX-512: 16 accumulators, two B vectors and a broadcast fit)
 * and r = 4 otherwise (AVX2 has 16 registers; 4 x 16 beat 6 x 16 on such a core). On a 32-register core
 * 8 x 16 ran 14 to 27 % faster than 4 x 16 at every study shape (alternating runs in one JVM): 8 accumulator
 * chains barely cover FMA latency times two FMA pipes.
 *
 * <p>Only {@link Sgemm} loads this class, and only when the {@code jdk.incubator.vector} module is in the boot
 * layer, so nothing else in the library depends on that module being present.
 *
 * <p>Details the speed depends on: the FMAs are written {@code acc = a.fma(b, acc)} (with the accumulator as
 * the receiver the JIT copies a register before every FMA); no vector is passed to a helper method (a call that
 * is not inlined boxes its vector arguments, several times slower); and the register kernels contain no branch:
 * they store the tile to scratch and a separate method adds it into C. A branch taken late (the first product
 * with k above one block) made the JIT throw the kernel away and run boxed vectors until it recompiled, which
 * on a busy machine took seconds.
 */
final class VectorGemm extends BlockedGemm {

    private static final VectorSpecies<Float> F256 = FloatVector.SPECIES_256;
    private static final int NR = 16;

    private final int tileRows;

    VectorGemm() {
        this(FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? 8 : 4);
    }

    /** A family with a fixed tile height, 4 or 8 rows (tests run both on any machine). */
    VectorGemm(int tileRows) {
        super(tileRows, NR, 64, 256, 1024, 512, tileRows * NR);
        if (tileRows != 4 && tileRows != 8) {
            throw new IllegalArgumentException("tile rows must be 4 or 8, not " + tileRows);
        }
        this.tileRows = tileRows;
    }

    /**
     * The vector family of the given width: 512 ({@link VectorGemm512}), 256 (this class), or 0 for the widest
     * this CPU runs natively ({@code FloatVector.SPECIES_PREFERRED}).
     */
    static BlockedGemm family(int bits) {
        int width = bits != 0 ? bits : FloatVector.SPECIES_PREFERRED.vectorBitSize();
        return width >= 512 ? new VectorGemm512() : new VectorGemm();
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String tile() {
        return tileRows + "x" + NR;
    }

    @Override
    void microKernel(int kc, float[] a, int aPanel, float[] b, int bPanel,
                     float[] c, int cOffset, int ldc, boolean add, int cols, float[] scratch) {
        if (tileRows == 8) {
            kernel8x16(kc, a, aPanel, b, bPanel, scratch);
        } else {
            kernel4x16(kc, a, aPanel, b, bPanel, scratch);
        }
        if (add) {
            addTile(scratch, c, cOffset, ldc, tileRows);
        } else {
            copyTile(scratch, c, cOffset, ldc, tileRows);
        }
    }

    @Override
    boolean readsAInPlace() {
        return true;
    }

    @Override
    void microKernelInPlaceA(int kc, float[] a, int aStart, int lda, float[] b, int bPanel,
                             float[] c, int cOffset, int ldc, boolean add, int cols, float[] scratch) {
        if (tileRows == 8) {
            kernel8x16InPlaceA(kc, a, aStart, lda, b, bPanel, scratch);
        } else {
            kernel4x16InPlaceA(kc, a, aStart, lda, b, bPanel, scratch);
        }
        if (add) {
            addTile(scratch, c, cOffset, ldc, tileRows);
        } else {
            copyTile(scratch, c, cOffset, ldc, tileRows);
        }
    }

    @Override
    void copyPanelRow(float[] src, int from, float[] dst, int to) {
        FloatVector.fromArray(F256, src, from).intoArray(dst, to);
        FloatVector.fromArray(F256, src, from + 8).intoArray(dst, to + 8);
    }

    /** C rows += tile rows (16 wide, packed). */
    private static void addTile(float[] tile, float[] c, int cOffset, int ldc, int rows) {
        for (int i = 0; i < rows; i++) {
            int row = cOffset + i * ldc;
            FloatVector.fromArray(F256, tile, i * NR).add(FloatVector.fromArray(F256, c, row)).intoArray(c, row);
            FloatVector.fromArray(F256, tile, i * NR + 8).add(FloatVector.fromArray(F256, c, row + 8))
                    .intoArray(c, row + 8);
        }
    }

    /** C rows = tile rows. */
    private static void copyTile(float[] tile, float[] c, int cOffset, int ldc, int rows) {
        for (int i = 0; i < rows; i++) {
            int row = cOffset + i * ldc;
            FloatVector.fromArray(F256, tile, i * NR).intoArray(c, row);
            FloatVector.fromArray(F256, tile, i * NR + 8).intoArray(c, row + 8);
        }
    }

    /** The 8 x 16 tile: 16 accumulators, two B vectors, one broadcast A value; result stored to {@code tile}. */
    private static void kernel8x16(int kc, float[] a, int aPanel, float[] b, int bPanel, float[] tile) {
        FloatVector zero = FloatVector.zero(F256);
        FloatVector c00 = zero;
        FloatVector c01 = zero;
        FloatVector c10 = zero;
        FloatVector c11 = zero;
        FloatVector c20 = zero;
        FloatVector c21 = zero;
        FloatVector c30 = zero;
        FloatVector c31 = zero;
        FloatVector c40 = zero;
        FloatVector c41 = zero;
        FloatVector c50 = zero;
        FloatVector c51 = zero;
        FloatVector c60 = zero;
        FloatVector c61 = zero;
        FloatVector c70 = zero;
        FloatVector c71 = zero;
        for (int p = 0; p < kc; p++) {
            int ai = aPanel + p * 8;
            int bi = bPanel + p * NR;
            FloatVector b0 = FloatVector.fromArray(F256, b, bi);
            FloatVector b1 = FloatVector.fromArray(F256, b, bi + 8);
            FloatVector a0 = FloatVector.broadcast(F256, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(F256, a[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(F256, a[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(F256, a[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(F256, a[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(F256, a[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(F256, a[ai + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(F256, a[ai + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 8);
        c10.intoArray(tile, 16);
        c11.intoArray(tile, 24);
        c20.intoArray(tile, 32);
        c21.intoArray(tile, 40);
        c30.intoArray(tile, 48);
        c31.intoArray(tile, 56);
        c40.intoArray(tile, 64);
        c41.intoArray(tile, 72);
        c50.intoArray(tile, 80);
        c51.intoArray(tile, 88);
        c60.intoArray(tile, 96);
        c61.intoArray(tile, 104);
        c70.intoArray(tile, 112);
        c71.intoArray(tile, 120);
    }

    /** {@link #kernel8x16} with A row i, step p at {@code a[aStart + i * lda + p]}. */
    private static void kernel8x16InPlaceA(int kc, float[] a, int aStart, int lda, float[] b, int bPanel,
                                           float[] tile) {
        int r0 = aStart;
        int r1 = r0 + lda;
        int r2 = r1 + lda;
        int r3 = r2 + lda;
        int r4 = r3 + lda;
        int r5 = r4 + lda;
        int r6 = r5 + lda;
        int r7 = r6 + lda;
        FloatVector zero = FloatVector.zero(F256);
        FloatVector c00 = zero;
        FloatVector c01 = zero;
        FloatVector c10 = zero;
        FloatVector c11 = zero;
        FloatVector c20 = zero;
        FloatVector c21 = zero;
        FloatVector c30 = zero;
        FloatVector c31 = zero;
        FloatVector c40 = zero;
        FloatVector c41 = zero;
        FloatVector c50 = zero;
        FloatVector c51 = zero;
        FloatVector c60 = zero;
        FloatVector c61 = zero;
        FloatVector c70 = zero;
        FloatVector c71 = zero;
        for (int p = 0; p < kc; p++) {
            int bi = bPanel + p * NR;
            FloatVector b0 = FloatVector.fromArray(F256, b, bi);
            FloatVector b1 = FloatVector.fromArray(F256, b, bi + 8);
            FloatVector a0 = FloatVector.broadcast(F256, a[r0 + p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(F256, a[r1 + p]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(F256, a[r2 + p]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(F256, a[r3 + p]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(F256, a[r4 + p]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(F256, a[r5 + p]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(F256, a[r6 + p]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(F256, a[r7 + p]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 8);
        c10.intoArray(tile, 16);
        c11.intoArray(tile, 24);
        c20.intoArray(tile, 32);
        c21.intoArray(tile, 40);
        c30.intoArray(tile, 48);
        c31.intoArray(tile, 56);
        c40.intoArray(tile, 64);
        c41.intoArray(tile, 72);
        c50.intoArray(tile, 80);
        c51.intoArray(tile, 88);
        c60.intoArray(tile, 96);
        c61.intoArray(tile, 104);
        c70.intoArray(tile, 112);
        c71.intoArray(tile, 120);
    }

    /** The 4 x 16 tile: 8 accumulators, two B vectors, one broadcast A value; result stored to {@code tile}. */
    private static void kernel4x16(int kc, float[] a, int aPanel, float[] b, int bPanel, float[] tile) {
        FloatVector zero = FloatVector.zero(F256);
        FloatVector c00 = zero;
        FloatVector c01 = zero;
        FloatVector c10 = zero;
        FloatVector c11 = zero;
        FloatVector c20 = zero;
        FloatVector c21 = zero;
        FloatVector c30 = zero;
        FloatVector c31 = zero;
        for (int p = 0; p < kc; p++) {
            int ai = aPanel + p * 4;
            int bi = bPanel + p * NR;
            FloatVector b0 = FloatVector.fromArray(F256, b, bi);
            FloatVector b1 = FloatVector.fromArray(F256, b, bi + 8);
            FloatVector a0 = FloatVector.broadcast(F256, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(F256, a[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(F256, a[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(F256, a[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 8);
        c10.intoArray(tile, 16);
        c11.intoArray(tile, 24);
        c20.intoArray(tile, 32);
        c21.intoArray(tile, 40);
        c30.intoArray(tile, 48);
        c31.intoArray(tile, 56);
    }

    /** {@link #kernel4x16} with A row i, step p at {@code a[aStart + i * lda + p]}. */
    private static void kernel4x16InPlaceA(int kc, float[] a, int aStart, int lda, float[] b, int bPanel,
                                           float[] tile) {
        int r0 = aStart;
        int r1 = r0 + lda;
        int r2 = r1 + lda;
        int r3 = r2 + lda;
        FloatVector zero = FloatVector.zero(F256);
        FloatVector c00 = zero;
        FloatVector c01 = zero;
        FloatVector c10 = zero;
        FloatVector c11 = zero;
        FloatVector c20 = zero;
        FloatVector c21 = zero;
        FloatVector c30 = zero;
        FloatVector c31 = zero;
        for (int p = 0; p < kc; p++) {
            int bi = bPanel + p * NR;
            FloatVector b0 = FloatVector.fromArray(F256, b, bi);
            FloatVector b1 = FloatVector.fromArray(F256, b, bi + 8);
            FloatVector a0 = FloatVector.broadcast(F256, a[r0 + p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(F256, a[r1 + p]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(F256, a[r2 + p]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(F256, a[r3 + p]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 8);
        c10.intoArray(tile, 16);
        c11.intoArray(tile, 24);
        c20.intoArray(tile, 32);
        c21.intoArray(tile, 40);
        c30.intoArray(tile, 48);
        c31.intoArray(tile, 56);
    }
}
