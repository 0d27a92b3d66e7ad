package dev.facetype.vision.detect;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Up to {@code capacity} detector instances shared by many threads, for {@link FaceDetector} implementations
 * whose instances keep per-call state (OpenCV's detectors, YuNet's per-thread graphs) and so serve one thread
 * at a time. Instances are created on first need; a thread that finds all of them busy waits for one.
 * Thread-safe.
 *
 * @param <T> the per-thread detector instance
 */
public final class DetectorPool<T> {

    private final BlockingQueue<T> idle;
    private final Supplier<T> factory;
    private final int capacity;
    private final AtomicInteger created = new AtomicInteger();
    private volatile boolean closed;

    /** A pool of at most {@code capacity} instances made by {@code factory}. */
    public DetectorPool(int capacity, Supplier<T> factory) {
        if (capacity < 1) {
            throw new IllegalArgumentException("A detector pool needs at least 1 detector, got " + capacity);
        }
        this.capacity = capacity;
        this.factory = factory;
        this.idle = new ArrayBlockingQueue<>(capacity);
    }

    /** Creates the first detector now, so a broken model fails at construction rather than on first use. */
    public DetectorPool<T> warmUp() {
        T first = create();
        if (first != null) {
            idle.add(first);
        }
        return this;
    }

    /** Runs {@code work} with a detector of its own and returns the detector to the pool afterwards. */
    public <R> R withDetector(Function<T, R> work) {
        T detector = acquire();
        try {
            return work.apply(detector);
        } finally {
            if (!closed) {
                idle.offer(detector);
            }
        }
    }

    /** Drops every instance (OpenCV frees native memory when they are collected); later use throws. */
    public void close() {
        closed = true;
        idle.clear();
    }

    private T acquire() {
        checkOpen();
        T detector = idle.poll();
        if (detector != null) {
            return detector;
        }
        detector = create();
        if (detector != null) {
            return detector;
        }
        try {
            // Poll rather than take, so a thread still waiting when the pool is closed gets an answer.
            while ((detector = idle.poll(100, TimeUnit.MILLISECONDS)) == null) {
                checkOpen();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a free face detector", e);
        }
        return detector;
    }

    /** A new detector while fewer than {@code capacity} exist, else null. */
    private T create() {
        while (true) {
            int count = created.get();
            if (count >= capacity) {
                return null;
            }
            if (created.compareAndSet(count, count + 1)) {
                try {
                    return factory.get();
                } catch (RuntimeException e) {
                    created.decrementAndGet();
                    throw e;
                }
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("This face detector has been closed");
        }
    }
}
