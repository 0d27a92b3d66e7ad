package dev.facetype.cnn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Pointwise1x1} with the CPU's preferred vectors: eight filters times three vectors of pixels at a
 * time, 24 sums held in registers while the channels go by (three loads and eight broadcast weights feed 24
 * FMAs), over runs of pixels copied side by side into the caller's scratch, so each output vector is stored
 * once, bias and ReLU included (the ReLU as a maximum with 0, or with minus infinity, which changes nothing,
 * when there is none; no vector crosses a call, which would box it). A run's last one or two vectors go eight
 * filters times one vector, leftover filters one at a time, and pixels short of a vector a value at a time.
 * The sums run over the channels in order, as the plain version's. The register kernels repeat one another
 * (bias broadcasts, stores) because C2 keeps the sums in registers only when each is spelt out. Loaded only
 * by {@link Pointwise1x1#named}.
 */
final class VectorPointwise1x1 implements Pointwise1x1 {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int BLOCK = 3 * LANES;
    /** Values of the packed input a run takes at most (64 KB, which the L2 cache holds). */
    private static final int SCRATCH_VALUES = 16384;

    @Override
    public void forward(float[] in, int inOffset, int channels, int pixels, float[] w, int wOffset, int filters,
                        float[] out, int outOffset, int outStride, int from, int to, boolean relu, float[] scratch) {
        int chunk = Math.max(1, SCRATCH_VALUES / channels / BLOCK) * BLOCK;
        int p = from;
        while (p + LANES <= to) {
            // Whole runs of BLOCK pixels, then a last run of fewer whole vectors; what is left goes value by value.
            int width = Math.min(chunk, (to - p) / LANES * LANES);
            int blocks = width / BLOCK * BLOCK;
            // A run of pixels of every channel side by side in the scratch: in place, channel rows pixels * 4
            // bytes apart (a power of two for most images) fall into the same cache sets and evict each other
            // before the next filters read them again.
            for (int c = 0; c < channels; c++) {
                int s = inOffset + c * pixels + p;
                int t = c * width;
                for (int x = 0; x < width; x += LANES) {
                    FloatVector.fromArray(SPECIES, in, s + x).intoArray(scratch, t + x);
                }
            }
            // Eight filters at a time over the whole run: each output row is written in one stretch. The
            // run's last vectors (two of every 512 pixels with 16 lanes) still share the eight broadcast weights.
            int f = 0;
            for (; f + 8 <= filters; f += 8) {
                for (int x = 0; x < blocks; x += BLOCK) {
                    eightByThree(scratch, x, channels, width, w, wOffset, filters, f, out, outOffset + p + x, outStride,
                            relu);
                }
                for (int x = blocks; x < width; x += LANES) {
                    eightByOne(scratch, x, channels, width, w, wOffset, filters, f, out, outOffset + p + x, outStride,
                            relu);
                }
            }
            for (; f < filters; f++) {
                for (int x = 0; x < blocks; x += BLOCK) {
                    oneByThree(scratch, x, channels, width, w, wOffset, filters, f, out, outOffset + p + x, outStride,
                            relu);
                }
                for (int x = blocks; x < width; x += LANES) {
                    oneByOne(scratch, x, channels, width, w, wOffset, filters, f, out, outOffset + p + x, outStride,
                            relu);
                }
            }
            p += width;
        }
        if (p < to) {
            int biasOffset = wOffset + filters * channels;
            for (int f = 0; f < filters; f++) {
                int row = outOffset + f * outStride;
                for (int q = p; q < to; q++) {
                    float sum = w[biasOffset + f];
                    for (int c = 0; c < channels; c++) {
                        sum = Math.fma(w[wOffset + f * channels + c], in[inOffset + c * pixels + q], sum);
                    }
                    out[row + q] = relu ? Math.max(0f, sum) : sum;
                }
            }
        }
    }

    private static void eightByThree(float[] in, int src, int channels, int inStride, float[] w, int wOffset,
                                     int filters, int f, float[] out, int dst, int pixels, boolean relu) {
        int biasOffset = wOffset + filters * channels + f;
        FloatVector a0 = FloatVector.broadcast(SPECIES, w[biasOffset]);
        FloatVector a1 = FloatVector.broadcast(SPECIES, w[biasOffset + 1]);
        FloatVector a2 = FloatVector.broadcast(SPECIES, w[biasOffset + 2]);
        FloatVector a3 = FloatVector.broadcast(SPECIES, w[biasOffset + 3]);
        FloatVector a4 = FloatVector.broadcast(SPECIES, w[biasOffset + 4]);
        FloatVector a5 = FloatVector.broadcast(SPECIES, w[biasOffset + 5]);
        FloatVector a6 = FloatVector.broadcast(SPECIES, w[biasOffset + 6]);
        FloatVector a7 = FloatVector.broadcast(SPECIES, w[biasOffset + 7]);
        FloatVector b0 = a0, b1 = a1, b2 = a2, b3 = a3, b4 = a4, b5 = a5, b6 = a6, b7 = a7;
        FloatVector c0 = a0, c1 = a1, c2 = a2, c3 = a3, c4 = a4, c5 = a5, c6 = a6, c7 = a7;
        int w0 = wOffset + f * channels;
        for (int c = 0; c < channels; c++) {
            int s = src + c * inStride;
            FloatVector x = FloatVector.fromArray(SPECIES, in, s);
            FloatVector y = FloatVector.fromArray(SPECIES, in, s + LANES);
            FloatVector z = FloatVector.fromArray(SPECIES, in, s + 2 * LANES);
            int k = w0 + c;
            FloatVector v = FloatVector.broadcast(SPECIES, w[k]);
            a0 = x.fma(v, a0);
            b0 = y.fma(v, b0);
            c0 = z.fma(v, c0);
            v = FloatVector.broadcast(SPECIES, w[k + channels]);
            a1 = x.fma(v, a1);
            b1 = y.fma(v, b1);
            c1 = z.fma(v, c1);
            v = FloatVector.broadcast(SPECIES, w[k + 2 * channels]);
            a2 = x.fma(v, a2);
            b2 = y.fma(v, b2);
            c2 = z.fma(v, c2);
            v = FloatVector.broadcast(SPECIES, w[k + 3 * channels]);
            a3 = x.fma(v, a3);
            b3 = y.fma(v, b3);
            c3 = z.fma(v, c3);
            v = FloatVector.broadcast(SPECIES, w[k + 4 * channels]);
            a4 = x.fma(v, a4);
            b4 = y.fma(v, b4);
            c4 = z.fma(v, c4);
            v = FloatVector.broadcast(SPECIES, w[k + 5 * channels]);
            a5 = x.fma(v, a5);
            b5 = y.fma(v, b5);
            c5 = z.fma(v, c5);
            v = FloatVector.broadcast(SPECIES, w[k + 6 * channels]);
            a6 = x.fma(v, a6);
            b6 = y.fma(v, b6);
            c6 = z.fma(v, c6);
            v = FloatVector.broadcast(SPECIES, w[k + 7 * channels]);
            a7 = x.fma(v, a7);
            b7 = y.fma(v, b7);
            c7 = z.fma(v, c7);
        }
        int d = dst + f * pixels;
        FloatVector floor = FloatVector.broadcast(SPECIES, relu ? 0f : Float.NEGATIVE_INFINITY);
        a0.max(floor).intoArray(out, d);
        b0.max(floor).intoArray(out, d + LANES);
        c0.max(floor).intoArray(out, d + 2 * LANES);
        a1.max(floor).intoArray(out, d + pixels);
        b1.max(floor).intoArray(out, d + pixels + LANES);
        c1.max(floor).intoArray(out, d + pixels + 2 * LANES);
        a2.max(floor).intoArray(out, d + 2 * pixels);
        b2.max(floor).intoArray(out, d + 2 * pixels + LANES);
        c2.max(floor).intoArray(out, d + 2 * pixels + 2 * LANES);
        a3.max(floor).intoArray(out, d + 3 * pixels);
        b3.max(floor).intoArray(out, d + 3 * pixels + LANES);
        c3.max(floor).intoArray(out, d + 3 * pixels + 2 * LANES);
        a4.max(floor).intoArray(out, d + 4 * pixels);
        b4.max(floor).intoArray(out, d + 4 * pixels + LANES);
        c4.max(floor).intoArray(out, d + 4 * pixels + 2 * LANES);
        a5.max(floor).intoArray(out, d + 5 * pixels);
        b5.max(floor).intoArray(out, d + 5 * pixels + LANES);
        c5.max(floor).intoArray(out, d + 5 * pixels + 2 * LANES);
        a6.max(floor).intoArray(out, d + 6 * pixels);
        b6.max(floor).intoArray(out, d + 6 * pixels + LANES);
        c6.max(floor).intoArray(out, d + 6 * pixels + 2 * LANES);
        a7.max(floor).intoArray(out, d + 7 * pixels);
        b7.max(floor).intoArray(out, d + 7 * pixels + LANES);
        c7.max(floor).intoArray(out, d + 7 * pixels + 2 * LANES);
    }

    private static void eightByOne(float[] in, int src, int channels, int inStride, float[] w, int wOffset,
                                   int filters, int f, float[] out, int dst, int pixels, boolean relu) {
        int biasOffset = wOffset + filters * channels + f;
        FloatVector a0 = FloatVector.broadcast(SPECIES, w[biasOffset]);
        FloatVector a1 = FloatVector.broadcast(SPECIES, w[biasOffset + 1]);
        FloatVector a2 = FloatVector.broadcast(SPECIES, w[biasOffset + 2]);
        FloatVector a3 = FloatVector.broadcast(SPECIES, w[biasOffset + 3]);
        FloatVector a4 = FloatVector.broadcast(SPECIES, w[biasOffset + 4]);
        FloatVector a5 = FloatVector.broadcast(SPECIES, w[biasOffset + 5]);
        FloatVector a6 = FloatVector.broadcast(SPECIES, w[biasOffset + 6]);
        FloatVector a7 = FloatVector.broadcast(SPECIES, w[biasOffset + 7]);
        int w0 = wOffset + f * channels;
        for (int c = 0; c < channels; c++) {
            FloatVector x = FloatVector.fromArray(SPECIES, in, src + c * inStride);
            int k = w0 + c;
            a0 = x.fma(FloatVector.broadcast(SPECIES, w[k]), a0);
            a1 = x.fma(FloatVector.broadcast(SPECIES, w[k + channels]), a1);
            a2 = x.fma(FloatVector.broadcast(SPECIES, w[k + 2 * channels]), a2);
            a3 = x.fma(FloatVector.broadcast(SPECIES, w[k + 3 * channels]), a3);
            a4 = x.fma(FloatVector.broadcast(SPECIES, w[k + 4 * channels]), a4);
            a5 = x.fma(FloatVector.broadcast(SPECIES, w[k + 5 * channels]), a5);
            a6 = x.fma(FloatVector.broadcast(SPECIES, w[k + 6 * channels]), a6);
            a7 = x.fma(FloatVector.broadcast(SPECIES, w[k + 7 * channels]), a7);
        }
        int d = dst + f * pixels;
        FloatVector floor = FloatVector.broadcast(SPECIES, relu ? 0f : Float.NEGATIVE_INFINITY);
        a0.max(floor).intoArray(out, d);
        a1.max(floor).intoArray(out, d + pixels);
        a2.max(floor).intoArray(out, d + 2 * pixels);
        a3.max(floor).intoArray(out, d + 3 * pixels);
        a4.max(floor).intoArray(out, d + 4 * pixels);
        a5.max(floor).intoArray(out, d + 5 * pixels);
        a6.max(floor).intoArray(out, d + 6 * pixels);
        a7.max(floor).intoArray(out, d + 7 * pixels);
    }

    private static void oneByThree(float[] in, int src, int channels, int inStride, float[] w, int wOffset,
                                   int filters, int f, float[] out, int dst, int pixels, boolean relu) {
        FloatVector a = FloatVector.broadcast(SPECIES, w[wOffset + filters * channels + f]);
        FloatVector b = a;
        FloatVector c = a;
        int k = wOffset + f * channels;
        for (int ch = 0; ch < channels; ch++) {
            int s = src + ch * inStride;
            FloatVector v = FloatVector.broadcast(SPECIES, w[k + ch]);
            a = FloatVector.fromArray(SPECIES, in, s).fma(v, a);
            b = FloatVector.fromArray(SPECIES, in, s + LANES).fma(v, b);
            c = FloatVector.fromArray(SPECIES, in, s + 2 * LANES).fma(v, c);
        }
        FloatVector floor = FloatVector.broadcast(SPECIES, relu ? 0f : Float.NEGATIVE_INFINITY);
        int d = dst + f * pixels;
        a.max(floor).intoArray(out, d);
        b.max(floor).intoArray(out, d + LANES);
        c.max(floor).intoArray(out, d + 2 * LANES);
    }

    private static void oneByOne(float[] in, int src, int channels, int inStride, float[] w, int wOffset,
                                 int filters, int f, float[] out, int dst, int pixels, boolean relu) {
        FloatVector a = FloatVector.broadcast(SPECIES, w[wOffset + filters * channels + f]);
        int k = wOffset + f * channels;
        for (int ch = 0; ch < channels; ch++) {
            a = FloatVector.fromArray(SPECIES, in, src + ch * inStride).fma(FloatVector.broadcast(SPECIES, w[k + ch]), a);
        }
        a.max(FloatVector.broadcast(SPECIES, relu ? 0f : Float.NEGATIVE_INFINITY)).intoArray(out, dst + f * pixels);
    }

    @Override
    public String name() {
        return "vector";
    }
}
