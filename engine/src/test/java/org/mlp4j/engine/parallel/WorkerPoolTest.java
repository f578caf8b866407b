package org.mlp4j.engine.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicInteger;
import org.mlp4j.engine.Rng;
import org.junit.jupiter.api.Test;

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

    @Test
    void aFailingPartIsRethrownAfterTheOthersFinishAndThePoolGoesOn() {
        AtomicInteger finished = new AtomicInteger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run(4, (part, n) -> {
            if (part == 2) {
                throw new IllegalStateException("part 2 failed");
            }
            finished.incrementAndGet();
        }));
        assertEquals("part 2 failed", e.getMessage());
        assertEquals(3, finished.get());
        AtomicInteger after = new AtomicInteger();
        pool.run(4, (part, n) -> after.incrementAndGet());
        assertEquals(4, after.get());
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
}
