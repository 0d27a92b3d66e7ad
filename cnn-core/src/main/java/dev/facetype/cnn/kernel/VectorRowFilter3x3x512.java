package dev.facetype.cnn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowFilter3x3} with 512-bit vectors: LANES outputs a vector, two vectors an iteration, each summed in
 * three independent chains (one per kernel row) so that the FMAs do not wait on each other; nine unaligned
 * loads and one store a vector. A row in the padding gets zero weights over a row that exists, which keeps the
 * loop free of branches; the last few columns by one more vector overlapping the one before (plain code
 * only for rows narrower than a vector). Loaded only by {@link RowFilter3x3#named}.
 */
final class VectorRowFilter3x3x512 implements RowFilter3x3 {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_512;
    private static final int LANES = SPECIES.length();

    @Override
    public void filterRow(float[] in, int row0, int row1, int row2, float[] w, int wOffset, float bias,
                          float[] out, int o, int from, int to) {
        filterRow(in, row0, row1, row2, w, wOffset, bias, out, o, from, to, false);
    }

    @Override
    public void filterRow(float[] in, int row0, int row1, int row2, float[] w, int wOffset, float bias,
                          float[] out, int o, int from, int to, boolean relu) {
        int any = row1 != NO_ROW ? row1 : row0 != NO_ROW ? row0 : row2;
        if (any == NO_ROW) {
            java.util.Arrays.fill(out, o + from, o + to, relu ? Math.max(0f, bias) : bias);
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
        FloatVector va0 = FloatVector.broadcast(SPECIES, a0);
        FloatVector va1 = FloatVector.broadcast(SPECIES, a1);
        FloatVector va2 = FloatVector.broadcast(SPECIES, a2);
        FloatVector vb0 = FloatVector.broadcast(SPECIES, b0);
        FloatVector vb1 = FloatVector.broadcast(SPECIES, b1);
        FloatVector vb2 = FloatVector.broadcast(SPECIES, b2);
        FloatVector vc0 = FloatVector.broadcast(SPECIES, c0);
        FloatVector vc1 = FloatVector.broadcast(SPECIES, c1);
        FloatVector vc2 = FloatVector.broadcast(SPECIES, c2);
        FloatVector vBias = FloatVector.broadcast(SPECIES, bias);
        FloatVector zero = FloatVector.zero(SPECIES);
        int x = from;
        for (; x + 2 * LANES <= to; x += 2 * LANES) {
            int y = x + LANES;
            FloatVector p0 = FloatVector.fromArray(SPECIES, in, r0 + x).fma(va0, vBias);
            FloatVector q0 = FloatVector.fromArray(SPECIES, in, r1 + x).mul(vb0);
            FloatVector s0 = FloatVector.fromArray(SPECIES, in, r2 + x).mul(vc0);
            FloatVector p1 = FloatVector.fromArray(SPECIES, in, r0 + y).fma(va0, vBias);
            FloatVector q1 = FloatVector.fromArray(SPECIES, in, r1 + y).mul(vb0);
            FloatVector s1 = FloatVector.fromArray(SPECIES, in, r2 + y).mul(vc0);
            p0 = FloatVector.fromArray(SPECIES, in, r0 + x + 1).fma(va1, p0);
            q0 = FloatVector.fromArray(SPECIES, in, r1 + x + 1).fma(vb1, q0);
            s0 = FloatVector.fromArray(SPECIES, in, r2 + x + 1).fma(vc1, s0);
            p1 = FloatVector.fromArray(SPECIES, in, r0 + y + 1).fma(va1, p1);
            q1 = FloatVector.fromArray(SPECIES, in, r1 + y + 1).fma(vb1, q1);
            s1 = FloatVector.fromArray(SPECIES, in, r2 + y + 1).fma(vc1, s1);
            p0 = FloatVector.fromArray(SPECIES, in, r0 + x + 2).fma(va2, p0);
            q0 = FloatVector.fromArray(SPECIES, in, r1 + x + 2).fma(vb2, q0);
            s0 = FloatVector.fromArray(SPECIES, in, r2 + x + 2).fma(vc2, s0);
            p1 = FloatVector.fromArray(SPECIES, in, r0 + y + 2).fma(va2, p1);
            q1 = FloatVector.fromArray(SPECIES, in, r1 + y + 2).fma(vb2, q1);
            s1 = FloatVector.fromArray(SPECIES, in, r2 + y + 2).fma(vc2, s1);
            FloatVector v0 = p0.add(q0).add(s0);
            FloatVector v1 = p1.add(q1).add(s1);
            if (relu) {
                v0 = v0.max(zero);
                v1 = v1.max(zero);
            }
            v0.intoArray(out, o + x);
            v1.intoArray(out, o + y);
        }
        for (; x < to && to - from >= LANES; x += LANES) {
            if (x + LANES > to) {
                // The last columns: one vector ending at the row's end, overlapping the one before (which it
                // rewrites with the same values) rather than up to LANES - 1 columns in plain code.
                x = to - LANES;
            }
            FloatVector p = FloatVector.fromArray(SPECIES, in, r0 + x).fma(va0, vBias);
            FloatVector q = FloatVector.fromArray(SPECIES, in, r1 + x).mul(vb0);
            FloatVector s = FloatVector.fromArray(SPECIES, in, r2 + x).mul(vc0);
            p = FloatVector.fromArray(SPECIES, in, r0 + x + 1).fma(va1, p);
            q = FloatVector.fromArray(SPECIES, in, r1 + x + 1).fma(vb1, q);
            s = FloatVector.fromArray(SPECIES, in, r2 + x + 1).fma(vc1, s);
            p = FloatVector.fromArray(SPECIES, in, r0 + x + 2).fma(va2, p);
            q = FloatVector.fromArray(SPECIES, in, r1 + x + 2).fma(vb2, q);
            s = FloatVector.fromArray(SPECIES, in, r2 + x + 2).fma(vc2, s);
            FloatVector v = p.add(q).add(s);
            if (relu) {
                v = v.max(zero);
            }
            v.intoArray(out, o + x);
        }
        for (; x < to; x++) {
            float p = bias + a0 * in[r0 + x] + a1 * in[r0 + x + 1] + a2 * in[r0 + x + 2];
            float q = b0 * in[r1 + x] + b1 * in[r1 + x + 1] + b2 * in[r1 + x + 2];
            float s = c0 * in[r2 + x] + c1 * in[r2 + x + 1] + c2 * in[r2 + x + 2];
            float v = p + q + s;
            out[o + x] = relu ? Math.max(0f, v) : v;
        }
    }

    @Override
    public String name() {
        return "vector-512";
    }
}
