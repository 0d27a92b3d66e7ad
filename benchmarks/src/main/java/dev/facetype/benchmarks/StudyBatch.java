package dev.facetype.benchmarks;

import dev.facetype.cnn.Tensor;

/** The one batch every engine of the comparison trains on: 32 images of 64x64x3 and their labels. */
record StudyBatch(Tensor images, int[] labels) {

    static final int CHANNELS = 3;
    static final int SIDE = 64;

    static StudyBatch random(long seed) {
        return new StudyBatch(StudyNetwork.batch(StudyNetwork.spec().inputShape(), StudyNetwork.BATCH, seed),
                StudyNetwork.labels(StudyNetwork.BATCH, seed + 1));
    }

    int size() {
        return labels.length;
    }

    /** The images as facetype holds them: (N, C, H, W). */
    float[] nchw() {
        return images.data();
    }

    /** The same images in (N, H, W, C) order, TensorFlow's layout on CPUs. */
    float[] nhwc() {
        float[] from = images.data();
        float[] to = new float[from.length];
        int plane = SIDE * SIDE;
        for (int n = 0; n < size(); n++) {
            int base = n * CHANNELS * plane;
            for (int c = 0; c < CHANNELS; c++) {
                for (int p = 0; p < plane; p++) {
                    to[base + p * CHANNELS + c] = from[base + c * plane + p];
                }
            }
        }
        return to;
    }
}
