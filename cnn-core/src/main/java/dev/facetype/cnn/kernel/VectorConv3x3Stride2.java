package dev.facetype.cnn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Conv3x3Stride2} with 256-bit vectors: for 8 output columns at a time, eight filters' sums in
 * registers, each of the 27 (for three channels) tap vectors loaded once from the split rows and multiplied into
 * all eight. Filters beyond a multiple of eight take one sum at a time, columns beyond a multiple of 8 plain
 * code. Loaded only by {@link Conv3x3Stride2#named}.
 */
final class VectorConv3x3Stride2 implements Conv3x3Stride2 {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    private static final int LANES = SPECIES.length();

    /** The kernel of {@code bits}-bit vectors, 512 or 256; 0 for 512 when the CPU prefers it, else 256. */
    static Conv3x3Stride2 ofWidth(int bits) {
        int width = bits != 0 ? bits : FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? 512 : 256;
        if (width != 512 && width != 256) {
            throw new IllegalArgumentException("the direct convolution is 512 or 256 bits wide, not " + bits);
        }
        return width == 512 ? new VectorConv3x3Stride2x512() : new VectorConv3x3Stride2();
    }

    @Override
    public void forward(float[] in, int inBase, int channels, int height, int width, int top, int left,
                        float[] w, int wOffset, int filters, float[] out, int outBase, int outHeight, int outWidth,
                        int oyFrom, int oyTo, boolean relu, float[] scratch) {
        int rowStride = 2 * (outWidth + 1);
        int rows = channels * 3;
        int perFilter = channels * 9;
        int biasOffset = wOffset + filters * perFilter;
        int plane = outHeight * outWidth;
        int vectorEnd = outWidth - outWidth % LANES;
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int oy = oyFrom; oy < oyTo; oy++) {
            Conv3x3Stride2.splitRows(in, inBase, channels, height, width, top, left, outWidth, oy, scratch);
            int rowOut = outBase + oy * outWidth;
            int f = 0;
            for (; f + 8 <= filters; f += 8) {
                int wf = wOffset + f * perFilter;
                for (int x = 0; x < vectorEnd; x += LANES) {
                    FloatVector s0 = FloatVector.broadcast(SPECIES, w[biasOffset + f]);
                    FloatVector s1 = FloatVector.broadcast(SPECIES, w[biasOffset + f + 1]);
                    FloatVector s2 = FloatVector.broadcast(SPECIES, w[biasOffset + f + 2]);
                    FloatVector s3 = FloatVector.broadcast(SPECIES, w[biasOffset + f + 3]);
                    FloatVector s4 = FloatVector.broadcast(SPECIES, w[biasOffset + f + 4]);
                    FloatVector s5 = FloatVector.broadcast(SPECIES, w[biasOffset + f + 5]);
                    FloatVector s6 = FloatVector.broadcast(SPECIES, w[biasOffset + f + 6]);
                    FloatVector s7 = FloatVector.broadcast(SPECIES, w[biasOffset + f + 7]);
                    for (int r = 0; r < rows; r++) {
                        int even = r * rowStride + x;
                        int k = wf + 3 * r;
                        for (int j = 0; j < 3; j++) {
                            // tap 0: even[x], tap 1: odd[x], tap 2: even[x + 1]
                            int at = j == 0 ? even : j == 1 ? even + outWidth + 1 : even + 1;
                            FloatVector v = FloatVector.fromArray(SPECIES, scratch, at);
                            int kj = k + j;
                            s0 = v.fma(FloatVector.broadcast(SPECIES, w[kj]), s0);
                            s1 = v.fma(FloatVector.broadcast(SPECIES, w[kj + perFilter]), s1);
                            s2 = v.fma(FloatVector.broadcast(SPECIES, w[kj + 2 * perFilter]), s2);
                            s3 = v.fma(FloatVector.broadcast(SPECIES, w[kj + 3 * perFilter]), s3);
                            s4 = v.fma(FloatVector.broadcast(SPECIES, w[kj + 4 * perFilter]), s4);
                            s5 = v.fma(FloatVector.broadcast(SPECIES, w[kj + 5 * perFilter]), s5);
                            s6 = v.fma(FloatVector.broadcast(SPECIES, w[kj + 6 * perFilter]), s6);
                            s7 = v.fma(FloatVector.broadcast(SPECIES, w[kj + 7 * perFilter]), s7);
                        }
                    }
                    int o = rowOut + f * plane + x;
                    if (relu) {
                        s0 = s0.max(zero);
                        s1 = s1.max(zero);
                        s2 = s2.max(zero);
                        s3 = s3.max(zero);
                        s4 = s4.max(zero);
                        s5 = s5.max(zero);
                        s6 = s6.max(zero);
                        s7 = s7.max(zero);
                    }
                    s0.intoArray(out, o);
                    s1.intoArray(out, o + plane);
                    s2.intoArray(out, o + 2 * plane);
                    s3.intoArray(out, o + 3 * plane);
                    s4.intoArray(out, o + 4 * plane);
                    s5.intoArray(out, o + 5 * plane);
                    s6.intoArray(out, o + 6 * plane);
                    s7.intoArray(out, o + 7 * plane);
                }
            }
            for (; f < filters; f++) {
                int wf = wOffset + f * perFilter;
                for (int x = 0; x < vectorEnd; x += LANES) {
                    FloatVector s = FloatVector.broadcast(SPECIES, w[biasOffset + f]);
                    for (int r = 0; r < rows; r++) {
                        int even = r * rowStride + x;
                        int k = wf + 3 * r;
                        s = FloatVector.fromArray(SPECIES, scratch, even).fma(FloatVector.broadcast(SPECIES, w[k]), s);
                        s = FloatVector.fromArray(SPECIES, scratch, even + outWidth + 1)
                                .fma(FloatVector.broadcast(SPECIES, w[k + 1]), s);
                        s = FloatVector.fromArray(SPECIES, scratch, even + 1)
                                .fma(FloatVector.broadcast(SPECIES, w[k + 2]), s);
                    }
                    (relu ? s.max(zero) : s).intoArray(out, rowOut + f * plane + x);
                }
            }
            for (int g = 0; g < filters; g++) {
                int wf = wOffset + g * perFilter;
                for (int x = vectorEnd; x < outWidth; x++) {
                    float s = w[biasOffset + g];
                    for (int r = 0; r < rows; r++) {
                        int even = r * rowStride + x;
                        int k = wf + 3 * r;
                        s += w[k] * scratch[even] + w[k + 1] * scratch[even + outWidth + 1]
                                + w[k + 2] * scratch[even + 1];
                    }
                    out[rowOut + g * plane + x] = relu ? Math.max(0f, s) : s;
                }
            }
        }
    }

    @Override
    public String name() {
        return "vector-256";
    }
}
