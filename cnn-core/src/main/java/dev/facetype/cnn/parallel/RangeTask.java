package dev.facetype.cnn.parallel;

/** A piece of a parallel loop: process items {@code [start, end)} as worker number {@code worker}. */
@FunctionalInterface
public interface RangeTask {

    /**
     * @param worker index of the worker running this range, {@code 0 <= worker < pool.threads()};
     *               use it to pick per-worker scratch buffers
     * @param start  first item, inclusive
     * @param end    last item, exclusive
     */
    void run(int worker, int start, int end);
}
