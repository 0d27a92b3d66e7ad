package dev.facetype.cnn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel family: register tiles of 256-bit float vectors over packed panels.
 *
 * <p>Shapes: A panel kc x r (r values per step), B panel kc x 16 (two vectors per step), C tile r x 16, with
 * r = 8 when the CPU has 32 vector registers (AVX-512: 16 accumulators, two B vectors and a broadcast fit)
 * and r = 4 otherwise (AVX2 has 16 registers; 4 x 16 beat 6 x 16 on such a core). On a 32-register core
 * 8 x 16 ran 15 to 30 % faster than 4 x 16 at every study shape (alternating runs in one JVM): 8 accumulator
 * chains barely cover FMA latency times two FMA pipes.
 *
 * <p>Only {@link Sgemm} loads this class, and only when the {@code jdk.incubator.vector} module is in the boot
 * layer, so nothing else in the library depends on that module being present.
 *
 * <p>Two details the speed depends on: the FMAs are written {@code acc = a.fma(b, acc)} (with the accumulator
 * as the receiver the JIT copies a register before every FMA), and no vector is passed to a helper method (a
 * call that is not inlined boxes its vector arguments, several times slower).
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
        super(tileRows, NR, 64, 256, 1024, 0);
        if (tileRows != 4 && tileRows != 8) {
            throw new IllegalArgumentException("tile rows must be 4 or 8, not " + tileRows);
        }
        this.tileRows = tileRows;
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
            kernel8x16(kc, a, aPanel, b, bPanel, c, cOffset, ldc, add);
        } else {
            kernel4x16(kc, a, aPanel, b, bPanel, c, cOffset, ldc, add);
        }
    }

    @Override
    void copyPanelRow(float[] src, int from, float[] dst, int to) {
        FloatVector.fromArray(F256, src, from).intoArray(dst, to);
        FloatVector.fromArray(F256, src, from + 8).intoArray(dst, to + 8);
    }

    /** The 8 x 16 tile: 16 accumulators, two B vectors, one broadcast A value. */
    private static void kernel8x16(int kc, float[] a, int aPanel, float[] b, int bPanel,
                                    float[] c, int cOffset, int ldc, boolean add) {
        FloatVector c00 = FloatVector.zero(F256);
        FloatVector c01 = FloatVector.zero(F256);
        FloatVector c10 = FloatVector.zero(F256);
        FloatVector c11 = FloatVector.zero(F256);
        FloatVector c20 = FloatVector.zero(F256);
        FloatVector c21 = FloatVector.zero(F256);
        FloatVector c30 = FloatVector.zero(F256);
        FloatVector c31 = FloatVector.zero(F256);
        FloatVector c40 = FloatVector.zero(F256);
        FloatVector c41 = FloatVector.zero(F256);
        FloatVector c50 = FloatVector.zero(F256);
        FloatVector c51 = FloatVector.zero(F256);
        FloatVector c60 = FloatVector.zero(F256);
        FloatVector c61 = FloatVector.zero(F256);
        FloatVector c70 = FloatVector.zero(F256);
        FloatVector c71 = FloatVector.zero(F256);
        for (int p = 0; p < kc; p++) {
            int ai = aPanel + p * 8;
            int bi = bPanel + p * NR;
            FloatVector b0 = FloatVector.fromArray(F256, b, bi);
            FloatVector b1 = FloatVector.fromArray(F256, b, bi + 8);
            FloatVector a0 = FloatVector.broadcast(F256, a[ai + 0]);
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
        if (add) {
            c00 = c00.add(FloatVector.fromArray(F256, c, cOffset));
            c01 = c01.add(FloatVector.fromArray(F256, c, cOffset + 8));
            c10 = c10.add(FloatVector.fromArray(F256, c, cOffset + ldc));
            c11 = c11.add(FloatVector.fromArray(F256, c, cOffset + ldc + 8));
            c20 = c20.add(FloatVector.fromArray(F256, c, cOffset + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(F256, c, cOffset + 2 * ldc + 8));
            c30 = c30.add(FloatVector.fromArray(F256, c, cOffset + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(F256, c, cOffset + 3 * ldc + 8));
            c40 = c40.add(FloatVector.fromArray(F256, c, cOffset + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(F256, c, cOffset + 4 * ldc + 8));
            c50 = c50.add(FloatVector.fromArray(F256, c, cOffset + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(F256, c, cOffset + 5 * ldc + 8));
            c60 = c60.add(FloatVector.fromArray(F256, c, cOffset + 6 * ldc));
            c61 = c61.add(FloatVector.fromArray(F256, c, cOffset + 6 * ldc + 8));
            c70 = c70.add(FloatVector.fromArray(F256, c, cOffset + 7 * ldc));
            c71 = c71.add(FloatVector.fromArray(F256, c, cOffset + 7 * ldc + 8));
        }
        c00.intoArray(c, cOffset);
        c01.intoArray(c, cOffset + 8);
        c10.intoArray(c, cOffset + ldc);
        c11.intoArray(c, cOffset + ldc + 8);
        c20.intoArray(c, cOffset + 2 * ldc);
        c21.intoArray(c, cOffset + 2 * ldc + 8);
        c30.intoArray(c, cOffset + 3 * ldc);
        c31.intoArray(c, cOffset + 3 * ldc + 8);
        c40.intoArray(c, cOffset + 4 * ldc);
        c41.intoArray(c, cOffset + 4 * ldc + 8);
        c50.intoArray(c, cOffset + 5 * ldc);
        c51.intoArray(c, cOffset + 5 * ldc + 8);
        c60.intoArray(c, cOffset + 6 * ldc);
        c61.intoArray(c, cOffset + 6 * ldc + 8);
        c70.intoArray(c, cOffset + 7 * ldc);
        c71.intoArray(c, cOffset + 7 * ldc + 8);
    }

    /** The 4 x 16 tile: 8 accumulators, two B vectors, one broadcast A value. */
    private static void kernel4x16(int kc, float[] a, int aPanel, float[] b, int bPanel,
                                    float[] c, int cOffset, int ldc, boolean add) {
        FloatVector c00 = FloatVector.zero(F256);
        FloatVector c01 = FloatVector.zero(F256);
        FloatVector c10 = FloatVector.zero(F256);
        FloatVector c11 = FloatVector.zero(F256);
        FloatVector c20 = FloatVector.zero(F256);
        FloatVector c21 = FloatVector.zero(F256);
        FloatVector c30 = FloatVector.zero(F256);
        FloatVector c31 = FloatVector.zero(F256);
        for (int p = 0; p < kc; p++) {
            int ai = aPanel + p * 4;
            int bi = bPanel + p * NR;
            FloatVector b0 = FloatVector.fromArray(F256, b, bi);
            FloatVector b1 = FloatVector.fromArray(F256, b, bi + 8);
            FloatVector a0 = FloatVector.broadcast(F256, a[ai + 0]);
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
        if (add) {
            c00 = c00.add(FloatVector.fromArray(F256, c, cOffset));
            c01 = c01.add(FloatVector.fromArray(F256, c, cOffset + 8));
            c10 = c10.add(FloatVector.fromArray(F256, c, cOffset + ldc));
            c11 = c11.add(FloatVector.fromArray(F256, c, cOffset + ldc + 8));
            c20 = c20.add(FloatVector.fromArray(F256, c, cOffset + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(F256, c, cOffset + 2 * ldc + 8));
            c30 = c30.add(FloatVector.fromArray(F256, c, cOffset + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(F256, c, cOffset + 3 * ldc + 8));
        }
        c00.intoArray(c, cOffset);
        c01.intoArray(c, cOffset + 8);
        c10.intoArray(c, cOffset + ldc);
        c11.intoArray(c, cOffset + ldc + 8);
        c20.intoArray(c, cOffset + 2 * ldc);
        c21.intoArray(c, cOffset + 2 * ldc + 8);
        c30.intoArray(c, cOffset + 3 * ldc);
        c31.intoArray(c, cOffset + 3 * ldc + 8);
    }
}
