package dev.facetype.cnn.optim;

import dev.facetype.cnn.Parameters;
import dev.facetype.cnn.parallel.ComputePool;
import java.util.List;

/**
 * Adam (Kingma and Ba, 2015) with bias correction, and optional decoupled weight decay (AdamW) on
 * weights, not biases:
 *
 * <pre>
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   w = w - rate * ( (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon) + weightDecay * w )
 * </pre>
 *
 * computed with the bias corrections folded into two constants per step (no division by them per value):
 *
 * <pre>
 *   w = w - ( rate * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + epsilon * sqrt(1 - beta2^t))
 *             + rate * weightDecay * w )
 * </pre>
 *
 * <p>Every value is updated on its own, so with a {@link ComputePool} the parameters are split between the
 * threads and the result is the same for any thread count.
 */
public final class Adam extends Optimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private float[] m = new float[0];
    private float[] v = new float[0];

    public Adam(LearningRateSchedule schedule, double beta1, double beta2, double epsilon, double weightDecay) {
        super(schedule);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("Adam needs 0 <= beta1, beta2 < 1, epsilon > 0, weightDecay >= 0");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    /** Adam with the usual defaults (0.9, 0.999, 1e-8) at a constant rate. */
    public static Adam withRate(double rate) {
        return new Adam(LearningRateSchedule.constant(rate), 0.9, 0.999, 1e-8, 0);
    }

    /** Adam with the usual defaults on a schedule. */
    public static Adam withSchedule(LearningRateSchedule schedule) {
        return new Adam(schedule, 0.9, 0.999, 1e-8, 0);
    }

    @Override
    protected void ensureState(int count) {
        if (m.length != count) {
            m = new float[count];
            v = new float[count];
        }
    }

    @Override
    protected void update(Parameters parameters, double rate, long t) {
        update(parameters, rate, t, null);
    }

    /** Values per worker below which a second thread does not pay (the update is bound by memory bandwidth). */
    private static final int MIN_VALUES_PER_WORKER = 1 << 16;
    /** Parameters per chunk of a large update (14 MB of weights, gradients and moments). */
    private static final int UPDATE_CHUNK = 1 << 19;

    @Override
    protected void update(Parameters parameters, double rate, long t, ComputePool pool) {
        float[] w = parameters.values();
        float[] grad = parameters.gradients();
        float[] m = this.m;
        float[] v = this.v;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float oneMinusB1 = 1 - b1;
        float oneMinusB2 = 1 - b2;
        double root2 = Math.sqrt(1 - Math.pow(beta2, t));
        float stepSize = (float) (rate * root2 / (1 - Math.pow(beta1, t)));
        float epsHat = (float) (epsilon * root2);
        List<Parameters.Block> blocks = parameters.blocks();
        int count = parameters.count();
        float rateDecay = (float) (rate * weightDecay);
        Parameters.Block[] trainable = blocks.stream().filter(b -> !frozen(b)).toArray(Parameters.Block[]::new);
        RangeUpdate body = (start, end) -> {
            for (Parameters.Block block : trainable) {
                int from = Math.max(start, block.offset());
                int to = Math.min(end, block.offset() + block.length());
                if (from >= to) {
                    continue;
                }
                float decay = decays(block) ? rateDecay : 0f;
                for (int i = from; i < to; i++) {
                    float g = grad[i];
                    float mi = b1 * m[i] + oneMinusB1 * g;
                    float vi = b2 * v[i] + oneMinusB2 * g * g;
                    m[i] = mi;
                    v[i] = vi;
                    w[i] -= stepSize * mi / ((float) Math.sqrt(vi) + epsHat) + decay * w[i];
                }
            }
        };
        if (pool == null) {
            body.run(0, count);
        } else if (count >= 4 * UPDATE_CHUNK) {
            // Large networks in chunks taken by whichever worker is free (element-wise, so the result does not
            // depend on who updates what): a worker that is held back does not hold up the other.
            pool.parallelForChunks(count, UPDATE_CHUNK, (worker, start, end) -> body.run(start, end));
        } else {
            pool.parallelFor(count, MIN_VALUES_PER_WORKER, (worker, start, end) -> body.run(start, end));
        }
    }

    private interface RangeUpdate {
        void run(int start, int end);
    }

    @Override
    public List<float[]> state() {
        return List.of(m, v);
    }
}
