package dev.facetype.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The slots that keep memory and CPU bounded: waiting, giving up with 503, counting. */
@SuppressWarnings("try") // a slot is held for the scope of its try block, unused inside it
class AdmissionControlTest {

    @Test
    void aFreedSlotGoesToTheRequestWaitingForIt() throws Exception {
        AdmissionControl admission = new AdmissionControl(1, 1, Duration.ofSeconds(10));
        AdmissionControl.Slot first = admission.admitPrediction(admission.deadline());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch waiting = new CountDownLatch(1);
            Future<Integer> second = pool.submit(() -> {
                waiting.countDown();
                try (AdmissionControl.Slot slot = admission.admitPrediction(admission.deadline())) {
                    return admission.running();
                }
            });
            waiting.await();
            Thread.sleep(100);
            assertEquals(1, admission.running());
            first.close();
            assertEquals(1, second.get(5, TimeUnit.SECONDS), "ran alone once the first slot was freed");
            assertEquals(0, admission.running());
            assertEquals(1, admission.peakRunning());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRequestThatWaitsTooLongGetsBusyWithTheWaitInTheMessage() {
        AdmissionControl admission = new AdmissionControl(1, 2, Duration.ofMillis(150));
        try (AdmissionControl.Slot held = admission.admitPrediction(admission.deadline())) {
            long start = System.nanoTime();
            ApiException e = assertThrows(ApiException.class, () -> admission.admitPrediction(admission.deadline()));
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(ApiProblem.BUSY, e.problem());
            assertTrue(e.getMessage().contains("150 ms"), e.getMessage());
            assertTrue(waitedMillis >= 140 && waitedMillis < 5000, "waited " + waitedMillis + " ms");
        }
    }

    @Test
    void uploadsHaveTheirOwnBound() {
        AdmissionControl admission = new AdmissionControl(1, 1, Duration.ofMillis(100));
        try (AdmissionControl.Slot held = admission.admitUpload(admission.deadline())) {
            assertEquals(ApiProblem.BUSY, assertThrows(ApiException.class,
                    () -> admission.admitUpload(admission.deadline())).problem());
            try (AdmissionControl.Slot prediction = admission.admitPrediction(admission.deadline())) {
                assertEquals(1, admission.running(), "a full upload bound does not block predictions");
            }
        }
    }

    @Test
    void aPassedDeadlineTakesAFreeSlotButNeverWaits() {
        AdmissionControl admission = new AdmissionControl(1, 1, Duration.ofSeconds(30));
        long passed = System.nanoTime() - 1;
        try (AdmissionControl.Slot free = admission.admitPrediction(passed)) {
            assertEquals(1, admission.running());
            long start = System.nanoTime();
            assertEquals(ApiProblem.BUSY, assertThrows(ApiException.class,
                    () -> admission.admitPrediction(passed)).problem());
            assertTrue(System.nanoTime() - start < 1_000_000_000L, "gave up at once");
        }
    }

    @Test
    void defaultConcurrencyFollowsProcessorsAndHeap() {
        long gb = 1L << 30;
        assertEquals(2, WebSettings.defaultConcurrency(50_000_000, 8 * gb, 2));
        assertEquals(2, WebSettings.defaultConcurrency(50_000_000, 2 * gb, 8), "2 GB holds two 50 MP photos");
        assertEquals(1, WebSettings.defaultConcurrency(50_000_000, 256L << 20, 8), "at least one");
    }
}
