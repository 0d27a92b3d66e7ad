package dev.facetype.cnn.parallel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's threads. A loop over {@code count} items is cut into one contiguous block per worker,
 * always the same way for the same count and thread count, so results are reproducible: per-worker
 * partial sums are reduced in worker order by the caller.
 *
 * <p>The calling thread runs block 0 itself. Small loops (fewer than {@code minItemsPerWorker} items per
 * worker) use fewer workers, down to running inline. If the pool is already busy (another thread's loop,
 * or a loop nested inside a task) the new loop runs inline on its caller rather than waiting, so several
 * threads may share one pool safely; a task must therefore not assume it runs on a pool thread.
 *
 * <p>Thread-safe. Close it to stop its threads; the {@link #shared() shared} pool uses daemon threads
 * and is never closed.
 */
public final class ComputePool implements AutoCloseable {

    /** System property overriding the shared pool's thread count. */
    public static final String THREADS_PROPERTY = "facetype.threads";

    private static final int SPIN_LIMIT = 20_000;

    private static volatile ComputePool shared;

    private final int threads;
    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Thread waitingCaller;
    private volatile boolean closed;

    private ComputePool(int threads, boolean daemon) {
        if (threads < 1) {
            throw new IllegalArgumentException("A compute pool needs at least 1 thread, got " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            Thread thread = new Thread(workers[i], "facetype-compute-" + (i + 1));
            thread.setDaemon(daemon);
            workers[i].thread = thread;
            thread.start();
        }
    }

    /** A new pool with {@code threads} threads (the caller counts as one). Close it when done. */
    public static ComputePool create(int threads) {
        return new ComputePool(threads, true);
    }

    /**
     * The process-wide default pool, sized to the available processors or to the system property
     * {@value #THREADS_PROPERTY}.
     */
    public static ComputePool shared() {
        ComputePool pool = shared;
        if (pool == null) {
            synchronized (ComputePool.class) {
                pool = shared;
                if (pool == null) {
                    pool = new ComputePool(defaultThreadCount(), true);
                    shared = pool;
                }
            }
        }
        return pool;
    }

    /** The processor count, or the value of {@value #THREADS_PROPERTY} when set. */
    public static int defaultThreadCount() {
        String configured = System.getProperty(THREADS_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            try {
                int value = Integer.parseInt(configured.trim());
                if (value >= 1) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
            throw new IllegalArgumentException(THREADS_PROPERTY + " must be a positive integer, got '" + configured + "'");
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** Number of workers, the calling thread included. */
    public int threads() {
        return threads;
    }

    /** Start of worker {@code worker}'s block when {@code count} items are cut into {@code parts} blocks. */
    public static int blockStart(int count, int parts, int worker) {
        return (int) ((long) count * worker / parts);
    }

    /** How many workers a loop of {@code count} items gets. */
    public int workersFor(int count, int minItemsPerWorker) {
        int byWork = count / Math.max(1, minItemsPerWorker);
        return Math.max(1, Math.min(threads, byWork));
    }

    /**
     * Runs {@code task} over {@code [0, count)} split into contiguous blocks, and returns when all are done.
     * An exception thrown by any block is rethrown here after every block has finished.
     */
    public void parallelFor(int count, int minItemsPerWorker, RangeTask task) {
        if (count <= 0) {
            return;
        }
        int parts = workersFor(count, minItemsPerWorker);
        if (parts == 1 || closed || !busy.compareAndSet(false, true)) {
            task.run(0, 0, count);
            return;
        }
        try {
            runOnWorkers(count, parts, task);
        } finally {
            busy.set(false);
        }
    }

    /**
     * Runs {@code task} over {@code [0, count)} cut into chunks of {@code chunk} items (the last one shorter),
     * each chunk a call of its own, and returns when all are done. Workers take the chunks in order as they
     * come free, so a worker that the operating system holds back does not hold up the loop; which worker runs
     * a chunk therefore varies from run to run, and a task whose result must be reproducible must make it
     * depend only on the chunk (e.g. one partial sum per chunk, reduced in chunk order), not on the worker.
     * Exceptions as in {@link #parallelFor}.
     */
    public void parallelForChunks(int count, int chunk, RangeTask task) {
        if (count <= 0) {
            return;
        }
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be positive, got " + chunk);
        }
        int chunks = (count + chunk - 1) / chunk;
        int parts = Math.min(threads, chunks);
        if (parts == 1 || closed || !busy.compareAndSet(false, true)) {
            for (int c = 0; c < chunks; c++) {
                task.run(0, c * chunk, Math.min(count, (c + 1) * chunk));
            }
            return;
        }
        try {
            AtomicInteger next = new AtomicInteger();
            runOnWorkers(parts, parts, (worker, start, end) -> {
                for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                    task.run(worker, c * chunk, Math.min(count, (c + 1) * chunk));
                }
            });
        } finally {
            busy.set(false);
        }
    }

    private void runOnWorkers(int count, int parts, RangeTask task) {
        failure.set(null);
        waitingCaller = Thread.currentThread();
        pending.set(parts - 1);
        for (int w = 1; w < parts; w++) {
            workers[w - 1].assign(task, blockStart(count, parts, w), blockStart(count, parts, w + 1));
        }
        try {
            task.run(0, 0, blockStart(count, parts, 1));
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
        awaitWorkers();
        Throwable thrown = failure.getAndSet(null);
        if (thrown != null) {
            if (thrown instanceof RuntimeException) {
                throw (RuntimeException) thrown;
            }
            if (thrown instanceof Error) {
                throw (Error) thrown;
            }
            throw new IllegalStateException("A compute task failed", thrown);
        }
    }

    private void awaitWorkers() {
        int spins = 0;
        while (pending.get() > 0) {
            if (spins < SPIN_LIMIT) {
                spins++;
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    private void workerDone() {
        if (pending.decrementAndGet() == 0) {
            LockSupport.unpark(waitingCaller);
        }
    }

    /** Stops the worker threads. Loops started afterwards run on their caller. */
    @Override
    public void close() {
        if (this == shared) {
            return;
        }
        closed = true;
        for (Worker worker : workers) {
            LockSupport.unpark(worker.thread);
        }
    }

    private final class Worker implements Runnable {
        private final int index;
        private Thread thread;
        private RangeTask task;
        private int start;
        private int end;
        /** Bumped by the caller after writing the fields above; the volatile write publishes them. */
        private volatile int generation;

        Worker(int index) {
            this.index = index;
        }

        void assign(RangeTask newTask, int newStart, int newEnd) {
            task = newTask;
            start = newStart;
            end = newEnd;
            generation = generation + 1;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            int seen = 0;
            while (true) {
                int spins = 0;
                while (generation == seen) {
                    if (closed) {
                        return;
                    }
                    if (spins < SPIN_LIMIT) {
                        spins++;
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                seen = generation;
                try {
                    task.run(index, start, end);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    task = null;
                    workerDone();
                }
            }
        }
    }
}
