package dev.facetype.cnn.kernel;

/** {@link Pointwise1x1} in plain loops: the reference for the vector version, and the fallback without it. */
final class ScalarPointwise1x1 implements Pointwise1x1 {

    @Override
    public void forward(float[] in, int inOffset, int channels, int pixels, float[] w, int wOffset, int filters,
                        float[] out, int outOffset, int outStride, int from, int to, boolean relu, float[] scratch) {
        int biasOffset = wOffset + filters * channels;
        for (int f = 0; f < filters; f++) {
            int row = outOffset + f * outStride;
            float bias = w[biasOffset + f];
            for (int p = from; p < to; p++) {
                out[row + p] = bias;
            }
            for (int c = 0; c < channels; c++) {
                float weight = w[wOffset + f * channels + c];
                int src = inOffset + c * pixels;
                for (int p = from; p < to; p++) {
                    out[row + p] = Math.fma(weight, in[src + p], out[row + p]);
                }
            }
            if (relu) {
                for (int p = from; p < to; p++) {
                    out[row + p] = Math.max(0f, out[row + p]);
                }
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
