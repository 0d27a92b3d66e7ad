package dev.facetype.cnn.layer;

import dev.facetype.cnn.Shape;
import dev.facetype.cnn.Tensor;
import dev.facetype.cnn.parallel.ComputePool;

/**
 * Batch normalisation (Ioffe and Szegedy, 2015), per channel.
 *
 * <pre>
 *   input (N, C, H, W) or (N, C);  statistics per channel c over the M = N*H*W values of that channel
 *   training:  y = gamma * (x - mean) / sqrt(var + eps) + beta, running averages updated
 *   inference: the same with the running mean and variance
 *   parameters: gamma (C), beta (C), running mean (C), running variance (C), in that order
 * </pre>
 *
 * Each channel's sums are taken by one worker in a fixed order, so results do not depend on the thread
 * count.
 */
public final class BatchNorm extends AbstractLayer {

    private final int channels;
    private final int spatial;
    private final double momentum;
    private final double epsilon;
    private final float[] values;
    private final float[] gradients;
    private final int gammaOffset;
    private final int betaOffset;
    private final int meanOffset;
    private final int varianceOffset;
    private final ComputePool pool;
    private final float[] inverseStd;

    private Tensor normalized;
    private Tensor output;
    private Tensor gradInput;
    private int batch;

    public BatchNorm(String name, Shape inputShape, double momentum, double epsilon, float[] values,
                     float[] gradients, int offset, ComputePool pool) {
        super(name, inputShape, inputShape);
        this.channels = inputShape.dim(0);
        this.spatial = inputShape.size() / channels;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.values = values;
        this.gradients = gradients;
        this.gammaOffset = offset;
        this.betaOffset = offset + channels;
        this.meanOffset = offset + 2 * channels;
        this.varianceOffset = offset + 3 * channels;
        this.pool = pool;
        this.inverseStd = new float[channels];
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        checkInput(x);
        batch = x.batchSize();
        output = reuse(output, outputShape(), batch);
        float[] in = x.data();
        float[] out = output.data();
        int grain = Math.max(1, 32768 / Math.max(1, batch * spatial));
        if (!training) {
            pool.parallelFor(channels, grain, (worker, start, end) -> {
                for (int c = start; c < end; c++) {
                    float scale = values[gammaOffset + c] / (float) Math.sqrt(values[varianceOffset + c] + epsilon);
                    float shift = values[betaOffset + c] - values[meanOffset + c] * scale;
                    forEachRun(c, (base) -> {
                        for (int s = 0; s < spatial; s++) {
                            out[base + s] = in[base + s] * scale + shift;
                        }
                    });
                }
            });
            return output;
        }
        normalized = reuse(normalized, outputShape(), batch);
        float[] xhat = normalized.data();
        long count = (long) batch * spatial;
        pool.parallelFor(channels, grain, (worker, start, end) -> {
            for (int c = start; c < end; c++) {
                double sum = 0;
                for (int n = 0; n < batch; n++) {
                    int base = (n * channels + c) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        sum += in[base + s];
                    }
                }
                double mean = sum / count;
                double squares = 0;
                for (int n = 0; n < batch; n++) {
                    int base = (n * channels + c) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        double d = in[base + s] - mean;
                        squares += d * d;
                    }
                }
                double variance = squares / count;
                float inv = (float) (1 / Math.sqrt(variance + epsilon));
                inverseStd[c] = inv;
                float gamma = values[gammaOffset + c];
                float beta = values[betaOffset + c];
                float m = (float) mean;
                for (int n = 0; n < batch; n++) {
                    int base = (n * channels + c) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        float h = (in[base + s] - m) * inv;
                        xhat[base + s] = h;
                        out[base + s] = gamma * h + beta;
                    }
                }
                double unbiased = count > 1 ? variance * count / (count - 1) : variance;
                values[meanOffset + c] = (float) (momentum * values[meanOffset + c] + (1 - momentum) * mean);
                values[varianceOffset + c] = (float) (momentum * values[varianceOffset + c] + (1 - momentum) * unbiased);
            }
        });
        return output;
    }

    private void forEachRun(int channel, java.util.function.IntConsumer run) {
        for (int n = 0; n < batch; n++) {
            run.accept((n * channels + channel) * spatial);
        }
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        checkGradient(gradOutput, batch);
        if (normalized == null || normalized.batchSize() != batch) {
            throw new IllegalStateException(name() + ": backward needs a training forward pass first");
        }
        float[] dy = gradOutput.data();
        float[] xhat = normalized.data();
        float[] dx;
        if (needInputGradient) {
            gradInput = reuse(gradInput, inputShape(), batch);
            dx = gradInput.data();
        } else {
            dx = null;
        }
        long count = (long) batch * spatial;
        int grain = Math.max(1, 32768 / Math.max(1, batch * spatial));
        pool.parallelFor(channels, grain, (worker, start, end) -> {
            for (int c = start; c < end; c++) {
                double sumDy = 0;
                double sumDyXhat = 0;
                for (int n = 0; n < batch; n++) {
                    int base = (n * channels + c) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        sumDy += dy[base + s];
                        sumDyXhat += dy[base + s] * xhat[base + s];
                    }
                }
                gradients[gammaOffset + c] += (float) sumDyXhat;
                gradients[betaOffset + c] += (float) sumDy;
                if (dx == null) {
                    continue;
                }
                // dx = gamma * invStd / M * (M * dy - sum(dy) - xhat * sum(dy * xhat))
                float factor = values[gammaOffset + c] * inverseStd[c] / count;
                float meanDy = (float) sumDy;
                float meanDyXhat = (float) sumDyXhat;
                for (int n = 0; n < batch; n++) {
                    int base = (n * channels + c) * spatial;
                    for (int s = 0; s < spatial; s++) {
                        dx[base + s] = factor * (count * dy[base + s] - meanDy - xhat[base + s] * meanDyXhat);
                    }
                }
            }
        });
        return needInputGradient ? gradInput : null;
    }

    @Override
    public Layer inferenceCopy() {
        return new BatchNorm(name(), inputShape(), momentum, epsilon, values, gradients, gammaOffset, pool);
    }
}
