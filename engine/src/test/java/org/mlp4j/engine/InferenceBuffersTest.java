package org.mlp4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;

/**
 * A network keeps the buffers of its last inference call for the next one: a warm {@code predict} allocates its result
 * and nothing else, and calls from several threads at once still each get their own buffers (the same outputs as
 * one at a time).
 */
class InferenceBuffersTest {
    static final int IN = 784;
    static final int ROWS = 1000;

    static Network net() {
        return Network.builder(IN).dense(128, Activation.RELU).dense(64, Activation.RELU)
                .dense(10, Activation.SOFTMAX).seed(3).build();
    }

    static float[] rows(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * IN];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    @Test
    void aWarmPredictionAllocatesOnlyItsResult() {
        Network net = net();
        Kernels k = KernelsProvider.create(1);
        float[] x = rows(ROWS, 1);
        for (int warm = 0; warm < 300; warm++) {
            net.predict(x, ROWS, k);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long resultBytes = 4L * ROWS * net.outputs();
        // the activations of 1000 rows are 800 KiB; the result is 40 KB; allow headers and a small object or two
        long allowed = resultBytes + 1024;
        long perCall = Long.MAX_VALUE;
        long deadline = System.nanoTime() + 20_000_000_000L;
        for (int round = 0; perCall > allowed && (round < 20 || System.nanoTime() < deadline); round++) {
            long before = mx.getThreadAllocatedBytes(id);
            for (int call = 0; call < 10; call++) {
                net.predict(x, ROWS, k);
            }
            perCall = (mx.getThreadAllocatedBytes(id) - before) / 10;
        }
        assertTrue(perCall <= allowed, "a warm predict of " + ROWS + " rows allocated " + perCall + " bytes, its result is "
                + resultBytes);
    }

    @Test
    void concurrentPredictionsEachGetTheirOwnBuffers() throws Exception {
        Network net = net();
        Kernels k = KernelsProvider.create(1);
        int threads = 4;
        float[][] inputs = new float[threads][];
        float[][] expected = new float[threads][];
        for (int t = 0; t < threads; t++) {
            inputs[t] = rows(200 + 50 * t, 10 + t);
            expected[t] = net.predict(inputs[t], 200 + 50 * t, k);
        }
        float[][][] seen = new float[threads][50][];
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> running = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread th = new Thread(() -> {
                try {
                    Kernels own = KernelsProvider.create(1);   // kernels are for one thread at a time; the network is shared
                    start.await();
                    for (int rep = 0; rep < 50; rep++) {
                        seen[me][rep] = net.predict(inputs[me], 200 + 50 * me, own);
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            th.start();
            running.add(th);
        }
        start.countDown();
        for (Thread th : running) {
            th.join();
        }
        assertTrue(failures.isEmpty(), failures.toString());
        for (int t = 0; t < threads; t++) {
            for (int rep = 0; rep < 50; rep++) {
                assertArrayEquals(expected[t], seen[t][rep], "thread " + t + ", call " + rep);
            }
        }
    }
}
