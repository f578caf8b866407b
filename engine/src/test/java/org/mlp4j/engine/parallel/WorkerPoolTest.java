package org.mlp4j.engine.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicInteger;
import org.mlp4j.engine.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The worker pool runs every part of every job exactly once, whoever claims it, and survives failures. */
class WorkerPoolTest {
    private final WorkerPool pool = WorkerPool.shared();

    @Test
    void everyPartRunsExactlyOncePerJob() {
        Rng rng = new Rng(1);
        AtomicIntegerArray runs = new AtomicIntegerArray(16);
        for (int job = 0; job < 20_000; job++) {
            int parts = 1 + rng.nextInt(12); // more parts than threads too
            for (int p = 0; p < parts; p++) {
                runs.set(p, 0);
            }
            int spin = rng.nextInt(200);
            pool.run(parts, (part, n) -> {
                assertEquals(parts, n);
                for (int i = 0; i < spin; i++) {
                    Thread.onSpinWait();
                }
                runs.incrementAndGet(part);
            });
            for (int p = 0; p < parts; p++) {
                assertEquals(1, runs.get(p), "job " + job + ", part " + p + " of " + parts);
            }
        }
    }

    /**
     * A worker that has stopped spinning and parked (the pool was idle) is woken by the next job, and a caller that
     * parked while waiting for a long part is woken when it ends: the two parts of each job meet at a latch, which
     * only two threads running at once can pass.
     */
    @Test
    void parkedWorkersAndAParkedCallerAreWokenByTheNextJob() throws Exception {
        WorkerPool two = new WorkerPool(2);
        for (int job = 0; job < 5; job++) {
            Thread.sleep(30); // far past the spin phase: the worker parks
            AtomicInteger met = new AtomicInteger();
            // the caller's part is done long before the worker's: it parks waiting for that one
            two.run(2, meetAtALatch(new java.util.concurrent.CountDownLatch(2), met, 20));
            assertEquals(2, met.get(), "job " + job + ": both parts ran at once");
        }
    }

    /**
     * A job shorter than a wake-up ({@code runAwake}) leaves a parked worker asleep: the caller runs every part, and
     * the worker is still parked afterwards. The next ordinary job wakes it (its two parts meet at a latch).
     */
    @Test
    void aShortJobLeavesAParkedWorkerAsleep() throws Exception {
        WorkerPool two = new WorkerPool(2);
        two.run(2, (part, n) -> { });
        long deadline = System.nanoTime() + 10_000_000_000L;
        // twice, 20 ms apart: a park can return at once on a permit an earlier unpark left, and the worker then spins
        // again before it really sleeps; 20 ms later no permit is left
        for (int look = 0; look < 2; look++) {
            while (!two.allWorkersAsleep()) {
                assertTrue(System.nanoTime() < deadline, "the idle worker parks");
                Thread.sleep(5);
            }
            Thread.sleep(20);
        }
        Thread caller = Thread.currentThread();
        java.util.List<Thread> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        two.runAwake(2, (part, n) -> {
            ran.add(Thread.currentThread());
            try {
                Thread.sleep(50); // ample time for a woken worker to claim the other part
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertEquals(java.util.List.of(caller, caller), ran, "both parts on the caller");
        assertTrue(two.allWorkersAsleep(), "the worker was not woken");

        AtomicInteger met = new AtomicInteger();
        two.run(2, meetAtALatch(new java.util.concurrent.CountDownLatch(2), met, 0));
        assertEquals(2, met.get(), "run wakes the parked worker");
    }

    /**
     * Short jobs back to back wake a parked worker after all: once {@link WorkerPool#FREQUENT_SHORT_JOBS} of them in a
     * row have found it parked, it is woken, and the next short job's two parts run at once (they meet at a latch).
     * A loaded machine can deschedule the test between its calls, so it tries a few times.
     */
    @Test
    void shortJobsBackToBackWakeAParkedWorker() throws Exception {
        WorkerPool two = new WorkerPool(2);
        two.run(2, (part, n) -> { });
        int met = 0;
        for (int attempt = 0; attempt < 5 && met < 2; attempt++) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!two.allWorkersAsleep()) {
                assertTrue(System.nanoTime() < deadline, "the idle worker parks");
                Thread.sleep(5);
            }
            Thread.sleep(20); // no permit left from an earlier unpark: the worker really sleeps
            for (int call = 0; call < WorkerPool.FREQUENT_SHORT_JOBS && two.allWorkersAsleep(); call++) {
                two.runAwake(2, (part, n) -> { });
            }
            AtomicInteger both = new AtomicInteger();
            two.runAwake(2, meetAtALatch(new java.util.concurrent.CountDownLatch(2), both, 0, 1));
            met = both.get();
        }
        assertEquals(2, met, "after short jobs back to back, a short job's parts run on two threads");
    }

    /**
     * Two parts that wait (up to 10 s) at {@code both} for each other, counting in {@code met} those that got through
     * (only two threads running at once can); part 1 then sleeps {@code part1Millis}.
     */
    private static WorkerPool.PartTask meetAtALatch(java.util.concurrent.CountDownLatch both, AtomicInteger met,
                                                    long part1Millis) {
        return meetAtALatch(both, met, part1Millis, 10);
    }

    /** {@link #meetAtALatch} waiting up to {@code seconds}. */
    private static WorkerPool.PartTask meetAtALatch(java.util.concurrent.CountDownLatch both, AtomicInteger met,
                                                    long part1Millis, long seconds) {
        return (part, n) -> {
            both.countDown();
            try {
                if (both.await(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
                    met.incrementAndGet();
                }
                if (part == 1 && part1Millis > 0) {
                    Thread.sleep(part1Millis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** Whatever the pool's size — one thread (a container limited to one CPU), two or sixteen — the contract holds. */
    @ParameterizedTest(name = "pool of {0}")
    @ValueSource(ints = {1, 2, 4})
    void aFailingPartIsRethrownAfterTheOthersFinishAndThePoolGoesOn(int size) {
        WorkerPool sized = new WorkerPool(size);
        assertEquals(size, sized.size());
        AtomicInteger finished = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sized.run(4, (part, n) -> {
            if (part == 2) {
                throw new IllegalStateException("part 2 failed");
            }
            finished.incrementAndGet();
        }));
        assertEquals("part 2 failed", e.getMessage());
        assertEquals(3, finished.get());
        AtomicInteger after = new AtomicInteger();
        sized.run(4, (part, n) -> after.incrementAndGet());
        assertEquals(4, after.get());
    }

    @Test
    void aFailingPartOfANestedJobStillLetsTheOtherPartsRun() {
        AtomicInteger finished = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> pool.run(2, (outer, n) -> pool.run(3, (part, m) -> {
            if (part == 0) {
                throw new IllegalStateException("inner part 0 failed");
            }
            finished.incrementAndGet();
        })));
        assertEquals(4, finished.get(), "both outer parts ran inner parts 1 and 2");
    }

    @Test
    void theTestPoolReallyHasSeveralThreads() {
        // the thread-count tests of the engine (1 vs 2 threads) need a real second thread even on a 1-CPU runner;
        // the build sets mlp4j.threads for the engine's tests so that this holds on every machine
        assertTrue(pool.size() >= 2, "pool size " + pool.size() + ": set -Dmlp4j.threads>=2 for the engine tests");
    }

    @Test
    void aJobStartedFromInsideAPartRunsInline() {
        AtomicInteger inner = new AtomicInteger();
        pool.run(2, (part, n) -> pool.run(3, (p, m) -> inner.incrementAndGet()));
        assertEquals(6, inner.get());
    }

    @Test
    void twoCallersAtOnceBothComplete() throws Exception {
        AtomicInteger total = new AtomicInteger();
        Runnable caller = () -> {
            for (int i = 0; i < 5_000; i++) {
                pool.run(3, (part, n) -> total.incrementAndGet());
            }
        };
        Thread a = new Thread(caller);
        Thread b = new Thread(caller);
        a.start();
        b.start();
        a.join(60_000);
        b.join(60_000);
        assertTrue(!a.isAlive() && !b.isAlive());
        assertEquals(2 * 5_000 * 3, total.get());
    }

    @Test
    void aBegunJobRunsWhileTheCallerGoesOnAndFinishWaitsForEveryPart() {
        WorkerPool sized = new WorkerPool(4);
        AtomicIntegerArray runs = new AtomicIntegerArray(12);
        assertTrue(sized.begin(12, 4, (part, n) -> {
            for (int i = 0; i < 2000; i++) {
                Thread.onSpinWait();
            }
            runs.incrementAndGet(part);
        }));
        // meanwhile the pool is taken: another job runs on its caller, in order
        StringBuilder order = new StringBuilder();
        Thread caller = Thread.currentThread();
        sized.run(3, (part, n) -> order.append(Thread.currentThread() == caller ? part : -1));
        assertEquals("012", order.toString());
        sized.finish();
        for (int p = 0; p < 12; p++) {
            assertEquals(1, runs.get(p), "part " + p);
        }
        assertTrue(sized.begin(2, 2, (part, n) -> { }), "finish frees the pool");
        sized.finish();
    }

    @Test
    void aBegunJobUsesNoMoreThreadsThanItAsksFor() {
        WorkerPool sized = new WorkerPool(4);
        for (int job = 0; job < 200; job++) {
            java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
            assertTrue(sized.begin(16, 2, (part, n) -> {
                threads.add(Thread.currentThread());
                for (int i = 0; i < 500; i++) {
                    Thread.onSpinWait();
                }
            }));
            while (sized.helpOne()) {
                // the caller claims parts beside the one worker allowed
            }
            sized.finish();
            assertTrue(threads.size() <= 2, "job " + job + " ran on " + threads.size() + " threads");
        }
    }

    @Test
    void aFailingPartOfABegunJobIsRethrownByFinish() {
        WorkerPool sized = new WorkerPool(2);
        AtomicInteger finished = new AtomicInteger();
        assertTrue(sized.begin(5, 2, (part, n) -> {
            if (part == 3) {
                throw new IllegalArgumentException("part 3 failed");
            }
            finished.incrementAndGet();
        }));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, sized::finish);
        assertEquals("part 3 failed", e.getMessage());
        assertEquals(4, finished.get());
        assertTrue(sized.begin(2, 2, (part, n) -> { }));
        sized.finish();
    }
}
