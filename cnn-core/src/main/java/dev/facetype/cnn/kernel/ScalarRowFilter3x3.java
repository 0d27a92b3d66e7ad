package dev.facetype.cnn.kernel;

/** {@link RowFilter3x3} in plain loops: one pass per kernel row inside the padding. */
final class ScalarRowFilter3x3 implements RowFilter3x3 {

    @Override
    public void filterRow(float[] in, int row0, int row1, int row2, float[] w, int wOffset, float bias,
                          float[] out, int o, int from, int to) {
        java.util.Arrays.fill(out, o + from, o + to, bias);
        int[] rows = {row0, row1, row2};
        for (int i = 0; i < 3; i++) {
            int row = rows[i];
            if (row == NO_ROW) {
                continue;
            }
            float w0 = w[wOffset + 3 * i];
            float w1 = w[wOffset + 3 * i + 1];
            float w2 = w[wOffset + 3 * i + 2];
            for (int x = from; x < to; x++) {
                out[o + x] += w0 * in[row + x] + w1 * in[row + x + 1] + w2 * in[row + x + 2];
            }
        }
    }

    @Override
    public void filterRow(float[] in, int row0, int row1, int row2, float[] w, int wOffset, float bias,
                          float[] out, int o, int from, int to, boolean relu) {
        filterRow(in, row0, row1, row2, w, wOffset, bias, out, o, from, to);
        if (relu) {
            for (int x = o + from; x < o + to; x++) {
                out[x] = Math.max(0f, out[x]);
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
