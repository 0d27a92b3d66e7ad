package dev.facetype.cnn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel family: a 4 x 16 register tile of 256-bit float vectors (8 accumulators, two B vectors
 * and one broadcast A value per step) over packed panels.
 *
 * <p>Shapes: A panel kc x 4 (4 values per step), B panel kc x 16 (two vectors per step), C tile 4 x 16.
 *
 * <p>Only {@link Sgemm} loads this class, and only when the {@code jdk.incubator.vector} module is in the boot
 * layer, so nothing else in the library depends on that module being present.
 */
final class VectorGemm extends BlockedGemm {

    private static final VectorSpecies<Float> F256 = FloatVector.SPECIES_256;
    private static final int MR = 4;
    private static final int NR = 16;

    VectorGemm() {
        super(MR, NR, 64, 256, 1024, 0);
    }

    @Override
    public String name() {
        return "vector";
    }

    // The FMAs are written acc = a.fma(b, acc): with the accumulator as the receiver the JIT copies a register
    // before every FMA, which costs about a third of the speed.
    @Override
    void microKernel(int kc, float[] a, int aPanel, float[] b, int bPanel,
                     float[] c, int cOffset, int ldc, boolean add, float[] scratch) {
        FloatVector c00 = FloatVector.zero(F256);
        FloatVector c01 = FloatVector.zero(F256);
        FloatVector c10 = FloatVector.zero(F256);
        FloatVector c11 = FloatVector.zero(F256);
        FloatVector c20 = FloatVector.zero(F256);
        FloatVector c21 = FloatVector.zero(F256);
        FloatVector c30 = FloatVector.zero(F256);
        FloatVector c31 = FloatVector.zero(F256);
        int ai = aPanel;
        int bi = bPanel;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
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
        store(c00, c01, add, c, cOffset);
        store(c10, c11, add, c, cOffset + ldc);
        store(c20, c21, add, c, cOffset + 2 * ldc);
        store(c30, c31, add, c, cOffset + 3 * ldc);
    }

    private static void store(FloatVector left, FloatVector right, boolean add, float[] c, int row) {
        if (add) {
            left = left.add(FloatVector.fromArray(F256, c, row));
            right = right.add(FloatVector.fromArray(F256, c, row + 8));
        }
        left.intoArray(c, row);
        right.intoArray(c, row + 8);
    }
}
