package dev.facetype.cnn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel family on 512-bit float vectors, for cores with AVX-512 (32 vector registers of 16
 * floats): the same packed panels as {@link VectorGemm}, twice as wide.
 *
 * <p>Shapes: A panel kc x 8 (8 values per step), B panel kc x 32 (two vectors per step), C tile 8 x 32: 16
 * accumulators, two B vectors and a broadcast in the 32 registers. In single-thread sweeps at the study's
 * shapes (CPU time, on a busy machine) a 12 x 32 tile (24 accumulators) was no faster, the study's row counts
 * (32, 64) being multiples of 8 but not of 12, nor were blocks of 128 or 256 rows or 2048 columns.
 *
 * <p>Blocks: 64 rows x 128 of k x 1024 columns. A k slice of 128 keeps a B panel at 16 KB, half of L1; at 256
 * (the 256-bit family's slice, whose panels are half as wide) it fills L1. Alternating in one JVM, 128 was 10
 * to 20 % faster on the plain products with long k (conv2 forward, dense backward-data) and no slower elsewhere.
 *
 * <p>On a core without 512-bit vectors the JIT does not compile {@code SPECIES_512} operations to vector
 * instructions and this family is far slower than {@link VectorGemm}; {@link Sgemm} chooses it only when
 * {@code FloatVector.SPECIES_PREFERRED} is at least 512 bits wide. It stays correct everywhere, so the tests
 * run it on any machine.
 *
 * <p>Written under the same rules as {@link VectorGemm}: {@code acc = a.fma(b, acc)}, no vector passed to a
 * helper method, no branch inside the register kernels.
 */
final class VectorGemm512 extends BlockedGemm {

    private static final VectorSpecies<Float> F512 = FloatVector.SPECIES_512;
    private static final int NR = 32;

    private static final int MR = 8;
    /** Rows per block of C when k is a single slice (see {@link BlockedGemm}). */
    private static final int ONE_SLICE_ROWS = 16;
    /**
     * k slice when A is read in place: long runs of each A row (streamed from memory), B panel 256 KB in L2. On
     * the dense layer's 1024 x 32 x 16384 product 2048 took 17-28 ms, 512 25-35 ms.
     */
    private static final int IN_PLACE_KC = 2048;

    VectorGemm512() {
        this(64, 128, 1024);
    }

    /** A family with the given cache blocking (for tuning). */
    VectorGemm512(int mc, int kc, int nc) {
        this(mc, kc, nc, IN_PLACE_KC);
    }

    /** A family with the given cache blocking and k slice for A read in place (for tuning). */
    VectorGemm512(int mc, int kc, int nc, int inPlaceKc) {
        super(MR, NR, mc, kc, nc, inPlaceKc, MR * NR);
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String tile() {
        return MR + "x" + NR;
    }

    @Override
    void microKernel(int kc, float[] a, int aPanel, float[] b, int bPanel,
                     float[] c, int cOffset, int ldc, boolean add, int cols, float[] scratch) {
        kernel8x32(kc, a, aPanel, b, bPanel, scratch);
        if (add) {
            addTile(scratch, c, cOffset, ldc, MR);
        } else {
            copyTile(scratch, c, cOffset, ldc, MR);
        }
    }

    @Override
    int oneSliceRowBlock() {
        return ONE_SLICE_ROWS;
    }

    @Override
    boolean readsAInPlace() {
        return true;
    }

    @Override
    void microKernelInPlaceA(int kc, float[] a, int aStart, int lda, float[] b, int bPanel,
                             float[] c, int cOffset, int ldc, boolean add, int cols, float[] scratch) {
        kernel8x32InPlaceA(kc, a, aStart, lda, b, bPanel, scratch);
        if (add) {
            addTile(scratch, c, cOffset, ldc, MR);
        } else {
            copyTile(scratch, c, cOffset, ldc, MR);
        }
    }

    @Override
    void copyPanelRow(float[] src, int from, float[] dst, int to) {
        FloatVector.fromArray(F512, src, from).intoArray(dst, to);
        FloatVector.fromArray(F512, src, from + 16).intoArray(dst, to + 16);
    }

    /** C rows += tile rows (32 wide, packed). */
    private static void addTile(float[] tile, float[] c, int cOffset, int ldc, int rows) {
        for (int i = 0; i < rows; i++) {
            int row = cOffset + i * ldc;
            FloatVector.fromArray(F512, tile, i * NR).add(FloatVector.fromArray(F512, c, row)).intoArray(c, row);
            FloatVector.fromArray(F512, tile, i * NR + 16).add(FloatVector.fromArray(F512, c, row + 16))
                    .intoArray(c, row + 16);
        }
    }

    /** C rows = tile rows. */
    private static void copyTile(float[] tile, float[] c, int cOffset, int ldc, int rows) {
        for (int i = 0; i < rows; i++) {
            int row = cOffset + i * ldc;
            FloatVector.fromArray(F512, tile, i * NR).intoArray(c, row);
            FloatVector.fromArray(F512, tile, i * NR + 16).intoArray(c, row + 16);
        }
    }

    /** The 8 x 32 tile: 16 accumulators, two B vectors, one broadcast A value; result stored to {@code tile}. */
    private static void kernel8x32(int kc, float[] a, int aPanel, float[] b, int bPanel, float[] tile) {
        FloatVector zero = FloatVector.zero(F512);
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
            FloatVector b0 = FloatVector.fromArray(F512, b, bi);
            FloatVector b1 = FloatVector.fromArray(F512, b, bi + 16);
            FloatVector a0 = FloatVector.broadcast(F512, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(F512, a[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(F512, a[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(F512, a[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(F512, a[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(F512, a[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(F512, a[ai + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(F512, a[ai + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 16);
        c10.intoArray(tile, 32);
        c11.intoArray(tile, 48);
        c20.intoArray(tile, 64);
        c21.intoArray(tile, 80);
        c30.intoArray(tile, 96);
        c31.intoArray(tile, 112);
        c40.intoArray(tile, 128);
        c41.intoArray(tile, 144);
        c50.intoArray(tile, 160);
        c51.intoArray(tile, 176);
        c60.intoArray(tile, 192);
        c61.intoArray(tile, 208);
        c70.intoArray(tile, 224);
        c71.intoArray(tile, 240);
    }

    /** {@link #kernel8x32} with A row i, step p at {@code a[aStart + i * lda + p]}. */
    private static void kernel8x32InPlaceA(int kc, float[] a, int aStart, int lda, float[] b, int bPanel,
                                           float[] tile) {
        int r0 = aStart;
        int r1 = r0 + lda;
        int r2 = r1 + lda;
        int r3 = r2 + lda;
        int r4 = r3 + lda;
        int r5 = r4 + lda;
        int r6 = r5 + lda;
        int r7 = r6 + lda;
        FloatVector zero = FloatVector.zero(F512);
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
            FloatVector b0 = FloatVector.fromArray(F512, b, bi);
            FloatVector b1 = FloatVector.fromArray(F512, b, bi + 16);
            FloatVector a0 = FloatVector.broadcast(F512, a[r0 + p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(F512, a[r1 + p]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(F512, a[r2 + p]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(F512, a[r3 + p]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(F512, a[r4 + p]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(F512, a[r5 + p]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(F512, a[r6 + p]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(F512, a[r7 + p]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 16);
        c10.intoArray(tile, 32);
        c11.intoArray(tile, 48);
        c20.intoArray(tile, 64);
        c21.intoArray(tile, 80);
        c30.intoArray(tile, 96);
        c31.intoArray(tile, 112);
        c40.intoArray(tile, 128);
        c41.intoArray(tile, 144);
        c50.intoArray(tile, 160);
        c51.intoArray(tile, 176);
        c60.intoArray(tile, 192);
        c61.intoArray(tile, 208);
        c70.intoArray(tile, 224);
        c71.intoArray(tile, 240);
    }
}
