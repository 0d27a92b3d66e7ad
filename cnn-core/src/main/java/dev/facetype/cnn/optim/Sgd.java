package dev.facetype.cnn.optim;

import dev.facetype.cnn.Parameters;
import java.util.List;

/**
 * Stochastic gradient descent with momentum and L2 weight decay (on weights, not biases):
 *
 * <pre>
 *   g = grad + weightDecay * w
 *   v = momentum * v + g
 *   w = w - rate * v
 * </pre>
 */
public final class Sgd extends Optimizer {

    private final double momentum;
    private final double weightDecay;
    private float[] velocity = new float[0];

    public Sgd(LearningRateSchedule schedule, double momentum, double weightDecay) {
        super(schedule);
        if (!(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("SGD needs 0 <= momentum < 1 and weightDecay >= 0, got "
                    + momentum + ", " + weightDecay);
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    /** Plain SGD with momentum, no decay. */
    public static Sgd withMomentum(double rate, double momentum) {
        return new Sgd(LearningRateSchedule.constant(rate), momentum, 0);
    }

    @Override
    protected void ensureState(int count) {
        if (velocity.length != count) {
            velocity = new float[count];
        }
    }

    @Override
    protected void update(Parameters parameters, double rate, long t) {
        float[] w = parameters.values();
        float[] grad = parameters.gradients();
        float mu = (float) momentum;
        float lr = (float) rate;
        for (Parameters.Block block : parameters.blocks()) {
            if (frozen(block)) {
                continue;
            }
            float decay = decays(block) ? (float) weightDecay : 0f;
            int end = block.offset() + block.length();
            for (int i = block.offset(); i < end; i++) {
                float g = grad[i] + decay * w[i];
                velocity[i] = mu * velocity[i] + g;
                w[i] -= lr * velocity[i];
            }
        }
    }

    @Override
    public List<float[]> state() {
        return List.of(velocity);
    }
}
