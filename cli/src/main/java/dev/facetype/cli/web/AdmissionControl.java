package dev.facetype.cli.web;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the memory and CPU the server can be asked for: at most {@code uploadSlots} request bodies are held
 * in memory, and at most {@code predictionSlots} photos are decoded and classified at once. A request that finds
 * no free slot waits, first come first served, until a deadline set when it arrived; then it gets 503.
 */
final class AdmissionControl {

    private final Semaphore uploads;
    private final Semaphore predictions;
    private final int predictionSlots;
    private final long waitNanos;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peakRunning = new AtomicInteger();

    AdmissionControl(int predictionSlots, int uploadSlots, Duration wait) {
        this.uploads = new Semaphore(uploadSlots, true);
        this.predictions = new Semaphore(predictionSlots, true);
        this.predictionSlots = predictionSlots;
        this.waitNanos = wait.toNanos();
    }

    /** A held slot; closing it frees it. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** The time by which a request arriving now must have its slots. */
    long deadline() {
        return System.nanoTime() + waitNanos;
    }

    /** Waits until {@code deadline} for room to hold one more upload in memory. */
    Slot admitUpload(long deadline) {
        acquire(uploads, deadline);
        return uploads::release;
    }

    /** Waits until {@code deadline} for a prediction slot. */
    Slot admitPrediction(long deadline) {
        acquire(predictions, deadline);
        int now = running.incrementAndGet();
        peakRunning.accumulateAndGet(now, Math::max);
        return () -> {
            running.decrementAndGet();
            predictions.release();
        };
    }

    /** Predictions running now. */
    int running() {
        return running.get();
    }

    /** The most predictions that ever ran at once. */
    int peakRunning() {
        return peakRunning.get();
    }

    int predictionSlots() {
        return predictionSlots;
    }

    private void acquire(Semaphore semaphore, long deadline) {
        try {
            long remaining = deadline - System.nanoTime();
            if (!semaphore.tryAcquire(Math.max(0, remaining), TimeUnit.NANOSECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    private ApiException busy() {
        return new ApiException(ApiProblem.BUSY, "facetype is busy: all " + predictionSlots
                + " prediction slots stayed taken for " + Duration.ofNanos(waitNanos).toMillis()
                + " ms. Try again in a moment.");
    }
}
