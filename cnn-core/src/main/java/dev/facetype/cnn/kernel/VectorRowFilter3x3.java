package dev.facetype.cnn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowFilter3x3} with 256-bit vectors: eight outputs at a time, nine FMAs on unaligned loads, one store.
 * A row in the padding gets zero weights over a row that exists, which keeps the loop free of branches; the
 * last few columns are done in plain code. Loaded only by {@link RowFilter3x3#named}.
 */
final class VectorRowFilter3x3 implements RowFilter3x3 {

    private static final VectorSpecies<Float> F256 = FloatVector.SPECIES_256;
    private static final int LANES = 8;

    @Override
    public void filterRow(float[] in, int row0, int row1, int row2, float[] w, int wOffset, float bias,
                          float[] out, int o, int from, int to) {
        int any = row1 != NO_ROW ? row1 : row0 != NO_ROW ? row0 : row2;
        if (any == NO_ROW) {
            java.util.Arrays.fill(out, o + from, o + to, bias);
            return;
        }
        float a0 = row0 != NO_ROW ? w[wOffset] : 0f;
        float a1 = row0 != NO_ROW ? w[wOffset + 1] : 0f;
        float a2 = row0 != NO_ROW ? w[wOffset + 2] : 0f;
        float b0 = row1 != NO_ROW ? w[wOffset + 3] : 0f;
        float b1 = row1 != NO_ROW ? w[wOffset + 4] : 0f;
        float b2 = row1 != NO_ROW ? w[wOffset + 5] : 0f;
        float c0 = row2 != NO_ROW ? w[wOffset + 6] : 0f;
        float c1 = row2 != NO_ROW ? w[wOffset + 7] : 0f;
        float c2 = row2 != NO_ROW ? w[wOffset + 8] : 0f;
        int r0 = row0 != NO_ROW ? row0 : any;
        int r1 = row1 != NO_ROW ? row1 : any;
        int r2 = row2 != NO_ROW ? row2 : any;
        FloatVector va0 = FloatVector.broadcast(F256, a0);
        FloatVector va1 = FloatVector.broadcast(F256, a1);
        FloatVector va2 = FloatVector.broadcast(F256, a2);
        FloatVector vb0 = FloatVector.broadcast(F256, b0);
        FloatVector vb1 = FloatVector.broadcast(F256, b1);
        FloatVector vb2 = FloatVector.broadcast(F256, b2);
        FloatVector vc0 = FloatVector.broadcast(F256, c0);
        FloatVector vc1 = FloatVector.broadcast(F256, c1);
        FloatVector vc2 = FloatVector.broadcast(F256, c2);
        FloatVector vBias = FloatVector.broadcast(F256, bias);
        int x = from;
        for (; x + LANES <= to; x += LANES) {
            FloatVector acc = FloatVector.fromArray(F256, in, r0 + x).fma(va0, vBias);
            acc = FloatVector.fromArray(F256, in, r0 + x + 1).fma(va1, acc);
            acc = FloatVector.fromArray(F256, in, r0 + x + 2).fma(va2, acc);
            acc = FloatVector.fromArray(F256, in, r1 + x).fma(vb0, acc);
            acc = FloatVector.fromArray(F256, in, r1 + x + 1).fma(vb1, acc);
            acc = FloatVector.fromArray(F256, in, r1 + x + 2).fma(vb2, acc);
            acc = FloatVector.fromArray(F256, in, r2 + x).fma(vc0, acc);
            acc = FloatVector.fromArray(F256, in, r2 + x + 1).fma(vc1, acc);
            acc = FloatVector.fromArray(F256, in, r2 + x + 2).fma(vc2, acc);
            acc.intoArray(out, o + x);
        }
        for (; x < to; x++) {
            out[o + x] = bias + a0 * in[r0 + x] + a1 * in[r0 + x + 1] + a2 * in[r0 + x + 2]
                    + b0 * in[r1 + x] + b1 * in[r1 + x + 1] + b2 * in[r1 + x + 2]
                    + c0 * in[r2 + x] + c1 * in[r2 + x + 1] + c2 * in[r2 + x + 2];
        }
    }

    @Override
    public String name() {
        return "vector";
    }
}
