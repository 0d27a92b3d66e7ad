package dev.facetype.cnn.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ComputePoolTest {

    @Test
    void everyItemRunsExactlyOnceInContiguousBlocks() {
        try (ComputePool pool = ComputePool.create(3)) {
            for (int count : new int[] {1, 2, 3, 7, 100, 1001}) {
                AtomicIntegerArray seen = new AtomicIntegerArray(count);
                int[] workerOf = new int[count];
                pool.parallelFor(count, 1, (worker, start, end) -> {
                    for (int i = start; i < end; i++) {
                        seen.incrementAndGet(i);
                        workerOf[i] = worker;
                    }
                });
                for (int i = 0; i < count; i++) {
                    assertEquals(1, seen.get(i), "item " + i + " of " + count);
                    if (i > 0) {
                        assertTrue(workerOf[i] >= workerOf[i - 1], "blocks are contiguous and in worker order");
                    }
                }
            }
        }
    }

    @Test
    void smallLoopsStayOnTheCaller() {
        try (ComputePool pool = ComputePool.create(2)) {
            Thread caller = Thread.currentThread();
            pool.parallelFor(10, 100, (worker, start, end) -> {
                assertEquals(0, worker);
                assertEquals(caller, Thread.currentThread());
                assertEquals(0, start);
                assertEquals(10, end);
            });
        }
    }

    @Test
    void nestedLoopsRunInline() {
        try (ComputePool pool = ComputePool.create(2)) {
            AtomicInteger inner = new AtomicInteger();
            pool.parallelFor(4, 1, (worker, start, end) ->
                    pool.parallelFor(10, 1, (w, s, e) -> inner.addAndGet(e - s)));
            assertEquals(2 * 10, inner.get());
        }
    }

    @Test
    void exceptionsReachTheCallerAfterAllBlocksFinish() {
        try (ComputePool pool = ComputePool.create(2)) {
            AtomicInteger finished = new AtomicInteger();
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> pool.parallelFor(2, 1, (worker, start, end) -> {
                        if (worker == 1) {
                            throw new IllegalStateException("boom in worker 1");
                        }
                        finished.incrementAndGet();
                    }));
            assertEquals("boom in worker 1", error.getMessage());
            assertEquals(1, finished.get());
            AtomicInteger after = new AtomicInteger();
            pool.parallelFor(2, 1, (worker, start, end) -> after.incrementAndGet());
            assertEquals(2, after.get(), "the pool still works after a failure");
        }
    }

    @Test
    void manyThreadsCanShareOnePool() throws InterruptedException {
        try (ComputePool pool = ComputePool.create(2)) {
            AtomicInteger total = new AtomicInteger();
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = new Thread(() -> {
                    for (int r = 0; r < 500; r++) {
                        pool.parallelFor(100, 1, (worker, start, end) -> total.addAndGet(end - start));
                    }
                });
                threads[t].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(4 * 500 * 100, total.get());
        }
    }
}
