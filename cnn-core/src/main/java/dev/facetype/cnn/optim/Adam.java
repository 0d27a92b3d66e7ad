package dev.facetype.cnn.optim;

import dev.facetype.cnn.Parameters;
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
        float[] w = parameters.values();
        float[] grad = parameters.gradients();
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float correction1 = (float) (1 - Math.pow(beta1, t));
        float correction2 = (float) (1 - Math.pow(beta2, t));
        float lr = (float) rate;
        float eps = (float) epsilon;
        for (Parameters.Block block : parameters.blocks()) {
            if (frozen(block)) {
                continue;
            }
            float decay = decays(block) ? (float) weightDecay : 0f;
            int end = block.offset() + block.length();
            for (int i = block.offset(); i < end; i++) {
                float g = grad[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                float mHat = m[i] / correction1;
                float vHat = v[i] / correction2;
                w[i] -= lr * (mHat / ((float) Math.sqrt(vHat) + eps) + decay * w[i]);
            }
        }
    }

    @Override
    public List<float[]> state() {
        return List.of(m, v);
    }
}
