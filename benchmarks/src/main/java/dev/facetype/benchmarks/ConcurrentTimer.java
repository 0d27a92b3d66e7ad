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

    /**
     * Aggregate rates over all threads, in repetitions per second, and the bytes allocated per repetition
     * (steady-state kernels allocate nothing; boxed vectors in code the JIT has not finished would show here).
     */
    record Rates(double wall, double cpu, double bytesPerRepetition) {
    }

    /** What one thread measured of itself. */
    private record ThreadCost(long cpuNanos, long allocatedBytes) {
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
        List<Future<ThreadCost>> costs = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            Runnable body = work[t];
            costs.add(pool.submit(() -> {
                ready.countDown();
                start.await();
                long bytesStart = allocatedBytes();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                for (int r = 0; r < repetitions; r++) {
                    body.run();
                }
                long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
                return new ThreadCost(cpu, allocatedBytes() - bytesStart);
            }));
        }
        try {
            ready.await();
            long began = System.nanoTime();
            start.countDown();
            double cpuRate = 0;
            long bytes = 0;
            for (Future<ThreadCost> cost : costs) {
                cpuRate += repetitions / (cost.get().cpuNanos() * 1e-9);
                bytes += cost.get().allocatedBytes();
            }
            double wallRate = threads * repetitions / ((System.nanoTime() - began) * 1e-9);
            return new Rates(wallRate, cpuRate, (double) bytes / (threads * repetitions));
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
        double[] bytes = new double[runs];
        for (int r = 0; r < runs; r++) {
            Rates rates = run(timedRepetitions);
            wall[r] = rates.wall();
            cpu[r] = rates.cpu();
            bytes[r] = rates.bytesPerRepetition();
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        Arrays.sort(bytes);
        return new Rates(wall[runs / 2], cpu[runs / 2], bytes[runs / 2]);
    }

    /** Bytes this thread has allocated so far, or 0 where the JVM cannot tell. */
    private static long allocatedBytes() {
        if (THREADS instanceof com.sun.management.ThreadMXBean) {
            return ((com.sun.management.ThreadMXBean) THREADS).getCurrentThreadAllocatedBytes();
        }
        return 0;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
