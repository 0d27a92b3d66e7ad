package dev.facetype.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Times a piece of work run the same number of times on several threads at once, each thread with its own
 * data, from a common start signal to the last thread's finish (thread start-up is not timed).
 *
 * <p>Two clocks: wall time, what a user waits for, and each thread's CPU time, which stays right when other
 * processes share the cores (a busy build machine). On an idle machine the two agree.
 */
final class ConcurrentTimer implements AutoCloseable {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Aggregate rates over all threads, in repetitions per second. */
    record Rates(double wall, double cpu) {
    }

    private final int threads;
    private final ExecutorService pool;
    private final Runnable[] work;

    /** {@code workFactory} makes each thread's work (called once per thread index, here, not in the pool). */
    ConcurrentTimer(int threads, IntFunction<Runnable> workFactory) {
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "timed-worker");
            thread.setDaemon(true);
            return thread;
        });
        this.work = new Runnable[threads];
        for (int t = 0; t < threads; t++) {
            work[t] = workFactory.apply(t);
        }
    }

    /** Every thread runs its work {@code repetitions} times; returns the aggregate rates. */
    Rates run(int repetitions) {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> cpuNanos = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            Runnable body = work[t];
            cpuNanos.add(pool.submit(() -> {
                ready.countDown();
                start.await();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                for (int r = 0; r < repetitions; r++) {
                    body.run();
                }
                return THREADS.getCurrentThreadCpuTime() - cpuStart;
            }));
        }
        try {
            ready.await();
            long began = System.nanoTime();
            start.countDown();
            double cpuRate = 0;
            for (Future<Long> cpu : cpuNanos) {
                cpuRate += repetitions / (cpu.get() * 1e-9);
            }
            double wallRate = threads * repetitions / ((System.nanoTime() - began) * 1e-9);
            return new Rates(wallRate, cpuRate);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("timed work failed", e.getCause());
        }
    }

    /**
     * Warms up for about {@code warmupSeconds}, then returns the medians over {@code runs} runs of about
     * {@code runSeconds} each.
     */
    Rates medianRates(double warmupSeconds, double runSeconds, int runs) {
        int repetitions = 1;
        double runTime = 0;
        double warmedUp = 0;
        while (warmedUp < warmupSeconds) {
            runTime = threads * repetitions / run(repetitions).wall();
            warmedUp += runTime;
            if (runTime < warmupSeconds / 8) {
                repetitions *= 2;
            }
        }
        int timedRepetitions = Math.max(1, (int) Math.round(repetitions * runSeconds / runTime));
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int r = 0; r < runs; r++) {
            Rates rates = run(timedRepetitions);
            wall[r] = rates.wall();
            cpu[r] = rates.cpu();
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new Rates(wall[runs / 2], cpu[runs / 2]);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
