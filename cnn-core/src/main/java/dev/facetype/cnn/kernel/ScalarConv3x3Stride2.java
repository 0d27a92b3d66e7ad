package dev.facetype.cnn.kernel;

/** {@link Conv3x3Stride2} in plain loops over the split rows. */
final class ScalarConv3x3Stride2 implements Conv3x3Stride2 {

    @Override
    public void forward(float[] in, int inBase, int channels, int height, int width, int top, int left,
                        float[] w, int wOffset, int filters, float[] out, int outBase, int outHeight, int outWidth,
                        int oyFrom, int oyTo, boolean relu, float[] scratch) {
        int rowStride = 2 * (outWidth + 1);
        int biasOffset = wOffset + filters * channels * 9;
        int plane = outHeight * outWidth;
        for (int oy = oyFrom; oy < oyTo; oy++) {
            Conv3x3Stride2.splitRows(in, inBase, channels, height, width, top, left, outWidth, oy, scratch);
            for (int f = 0; f < filters; f++) {
                int o = outBase + f * plane + oy * outWidth;
                java.util.Arrays.fill(out, o, o + outWidth, w[biasOffset + f]);
                for (int c = 0; c < channels; c++) {
                    for (int i = 0; i < 3; i++) {
                        int even = (c * 3 + i) * rowStride;
                        int odd = even + outWidth + 1;
                        int k = wOffset + ((f * channels + c) * 3 + i) * 3;
                        float w0 = w[k];
                        float w1 = w[k + 1];
                        float w2 = w[k + 2];
                        for (int x = 0; x < outWidth; x++) {
                            out[o + x] += w0 * scratch[even + x] + w1 * scratch[odd + x] + w2 * scratch[even + x + 1];
                        }
                    }
                }
                if (relu) {
                    for (int x = o; x < o + outWidth; x++) {
                        out[x] = Math.max(0f, out[x]);
                    }
                }
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
