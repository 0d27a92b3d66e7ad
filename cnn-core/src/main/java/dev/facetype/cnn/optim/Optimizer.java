package dev.facetype.cnn.optim;

import dev.facetype.cnn.Parameters;
import dev.facetype.cnn.parallel.ComputePool;
import java.util.List;

/**
 * Updates parameters from their gradients. An optimiser belongs to one network: its state arrays match
 * that network's flat parameter buffer.
 */
public abstract class Optimizer {

    private final LearningRateSchedule schedule;
    private long steps;

    protected Optimizer(LearningRateSchedule schedule) {
        this.schedule = schedule;
    }

    /** Applies one update using the current gradients, at the schedule's rate for this step. */
    public final void step(Parameters parameters) {
        step(parameters, null);
    }

    /**
     * Like {@link #step(Parameters)}, spread over the threads of {@code pool} (null: the calling thread alone)
     * by optimisers whose update is element-wise; the result does not depend on the thread count.
     */
    public final void step(Parameters parameters, ComputePool pool) {
        ensureState(parameters.count());
        update(parameters, schedule.rate(steps), steps + 1, pool);
        steps++;
    }

    /** Number of updates applied so far. */
    public final long steps() {
        return steps;
    }

    /** The learning rate the next step will use. */
    public final double currentRate() {
        return schedule.rate(steps);
    }

    /**
     * @param rate this step's learning rate
     * @param t    1-based step number (Adam's bias correction uses it)
     */
    protected abstract void update(Parameters parameters, double rate, long t);

    /**
     * {@link #update(Parameters, double, long)} with a pool to spread element-wise work over (null: run on the
     * calling thread); by default the pool is not used.
     */
    protected void update(Parameters parameters, double rate, long t, ComputePool pool) {
        update(parameters, rate, t);
    }

    /** Allocates state arrays of {@code count} values if needed. */
    protected abstract void ensureState(int count);

    /** The state arrays (e.g. Adam's moments), for checkpoints; live arrays, not copies. */
    public abstract List<float[]> state();

    /** Restores the step count and state arrays saved from an optimiser of the same kind and size. */
    public final void restore(long stepCount, List<float[]> arrays) {
        ensureState(arrays.isEmpty() ? 0 : arrays.get(0).length);
        List<float[]> own = state();
        if (arrays.size() != own.size()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " has " + own.size()
                    + " state arrays, the checkpoint " + arrays.size());
        }
        for (int i = 0; i < own.size(); i++) {
            if (arrays.get(i).length != own.get(i).length) {
                throw new IllegalArgumentException(getClass().getSimpleName() + " state array " + i + " has "
                        + own.get(i).length + " values, the checkpoint " + arrays.get(i).length);
            }
            System.arraycopy(arrays.get(i), 0, own.get(i), 0, own.get(i).length);
        }
        this.steps = stepCount;
    }

    /** True for parameter blocks that take weight decay (weights, not biases). */
    static boolean decays(Parameters.Block block) {
        return block.weightDecay();
    }

    /** True for blocks the optimiser must leave alone (running statistics). */
    static boolean frozen(Parameters.Block block) {
        return !block.kind().trainable();
    }
}
