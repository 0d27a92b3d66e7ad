package dev.facetype.cnn.optim;

/** The learning rate for each optimiser step (counted from 0). */
@FunctionalInterface
public interface LearningRateSchedule {

    double rate(long step);

    /** The same rate at every step. */
    static LearningRateSchedule constant(double rate) {
        positive(rate);
        return step -> rate;
    }

    /** {@code initial * factor^(step / every)}: drops by {@code factor} every {@code every} steps. */
    static LearningRateSchedule stepDecay(double initial, long every, double factor) {
        positive(initial);
        if (every <= 0 || !(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("step decay needs every > 0 and 0 < factor <= 1, got " + every + ", " + factor);
        }
        return step -> initial * Math.pow(factor, (double) (step / every));
    }

    /**
     * Linear warm-up over {@code warmup} steps, then a cosine from {@code initial} down to {@code minimum}
     * at {@code total} steps (and {@code minimum} after).
     */
    static LearningRateSchedule cosine(double initial, double minimum, long warmup, long total) {
        positive(initial);
        if (total <= warmup || warmup < 0 || minimum < 0 || minimum > initial) {
            throw new IllegalArgumentException("cosine schedule needs 0 <= warmup < total and 0 <= minimum <= initial");
        }
        return step -> {
            if (step < warmup) {
                return initial * (step + 1) / warmup;
            }
            if (step >= total) {
                return minimum;
            }
            double progress = (double) (step - warmup) / (total - warmup);
            return minimum + (initial - minimum) * 0.5 * (1 + Math.cos(Math.PI * progress));
        };
    }

    private static void positive(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + rate);
        }
    }
}
