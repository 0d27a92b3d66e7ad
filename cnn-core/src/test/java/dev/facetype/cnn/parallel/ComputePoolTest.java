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
    void chunkedLoopsRunEveryChunkOnceWithItsOwnBounds() {
        for (int threads : new int[] {1, 2, 3}) {
            try (ComputePool pool = ComputePool.create(threads)) {
                for (int count : new int[] {1, 2, 3, 7, 100, 1001}) {
                    for (int chunk : new int[] {1, 4, 7, 2000}) {
                        AtomicIntegerArray seen = new AtomicIntegerArray(count);
                        pool.parallelForChunks(count, chunk, (worker, start, end) -> {
                            assertTrue(worker >= 0 && worker < threads);
                            assertEquals(0, start % chunk, "a chunk starts on a multiple of the chunk size");
                            assertEquals(Math.min(count, start + chunk), end, "a chunk is whole");
                            for (int i = start; i < end; i++) {
                                seen.incrementAndGet(i);
                            }
                        });
                        for (int i = 0; i < count; i++) {
                            assertEquals(1, seen.get(i), "item " + i + " of " + count + ", chunk " + chunk);
                        }
                    }
                }
                AtomicInteger nested = new AtomicInteger();
                pool.parallelForChunks(4, 1, (worker, start, end) ->
                        pool.parallelForChunks(10, 3, (w, s, e) -> nested.addAndGet(e - s)));
                assertEquals(4 * 10, nested.get());
                assertThrows(IllegalStateException.class, () -> pool.parallelForChunks(10, 2, (worker, start, end) -> {
                    if (start == 4) {
                        throw new IllegalStateException("chunk 2");
                    }
                }));
                assertThrows(IllegalArgumentException.class, () -> pool.parallelForChunks(10, 0, (w, s, e) -> { }));
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
