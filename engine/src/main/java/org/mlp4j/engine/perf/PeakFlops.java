package org.mlp4j.engine.perf;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import org.mlp4j.engine.kernel.KernelSettings;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.kernel.VectorSupport;
import org.mlp4j.engine.parallel.WorkerPool;

/**
 * The FMA peak of this machine as Java reaches it: a register-resident loop of independent FMAs, on one thread and
 * on {@code threads} threads started together. With {@code jdk.incubator.vector} it is the Vector API loop of the
 * kernels' species ({@link VectorSupport#fmaLoop()}); without it (or with {@code mlp4j.kernels=scalar}), a scalar
 * {@link Math#fma} loop, the peak the scalar kernels could reach.
 *
 * <p>Measured once per process and thread count, then reused: every fraction of peak a process prints divides by
 * the same figure ({@link Result#fractionOf}), and refuses to print one above 1 — that means the probe failed, not
 * that the kernel beat the hardware.
 *
 * <p>How: the loop is called in short blocks ({@value #BLOCK} iterations) until C2's normal compilation of it is in
 * place (see {@code VectorPeak} for why an on-stack compilation of one long loop is wrong), then timed in samples of
 * about {@value #SAMPLE_SECONDS} s. The figure is the best sample, not the median: a neighbour or an interrupt can
 * only make a sample slower, and the peak is the bound. Threads are our own, released by one barrier; a sample
 * runs from the first thread's start to the last one's end, each read by the worker itself, as
 * {@code bench/peers/fma_peak.c} does in C. (Timed by the releasing thread, a sample's start waited for that
 * thread to get a core back from the busy workers, which shortened the sample: on a 2-core Zen 4 the 2-thread
 * figure read 5–8 % above twice the 1-thread one.)
 */
public final class PeakFlops {
    static final int BLOCK = 4096;
    private static final int SAMPLES = 7;
    private static final double SAMPLE_SECONDS = 0.04;
    /** Calls before timing: past C2's compile threshold (invocations plus loop back-edges) several times over. */
    private static final int WARMUP_CALLS = 20_000;
    private static final Map<String, Result> MEASURED = new ConcurrentHashMap<>();
    private static volatile float SINK;

    private PeakFlops() {
    }

    /**
     * One measurement: GFLOP/s on one thread and on {@code threads} threads.
     *
     * @param implementation what was measured, e.g. {@code vector 512-bit FMA} or {@code scalar FMA}
     * @param threads        threads of the multi-threaded figure
     * @param gflopsOneThread GFLOP/s on one thread
     * @param gflops         GFLOP/s on {@code threads} threads together
     */
    public record Result(String implementation, int threads, double gflopsOneThread, double gflops) {

        /** The peak for {@code t} threads: the one-thread figure for 1, else the all-threads one. */
        public double gflopsFor(int t) {
            return t <= 1 ? gflopsOneThread : gflops;
        }

        /**
         * {@code achieved / peak} for {@code t} threads, or empty when it would exceed 1 (or the peak is not
         * positive): then the probe failed — it under-measured the machine — and no fraction should be printed.
         */
        public OptionalDouble fractionOf(double achievedGflops, int t) {
            double peak = gflopsFor(t);
            double f = achievedGflops / peak;
            return peak > 0 && f <= 1.0 && f >= 0 ? OptionalDouble.of(f) : OptionalDouble.empty();
        }

        /** {@code {"implementation":…,"threads":…,"gflops1":…,"gflops":…}} */
        public String toJson() {
            return String.format(Locale.ROOT, "{\"implementation\":\"%s\",\"threads\":%d,\"gflops1\":%.2f,\"gflops\":%.2f}",
                    implementation, threads, gflopsOneThread, gflops);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s peak: %.1f GFLOP/s on 1 thread, %.1f GFLOP/s on %d threads",
                    implementation, gflopsOneThread, gflops, threads);
        }
    }

    /**
     * The peak on 1 and on {@code threads} threads (capped by the pool's size): measured on the first call for that
     * thread count (about half a second per thread count), the same figure afterwards.
     */
    public static Result measure(int threads) {
        int t = Math.max(1, Math.min(threads, WorkerPool.shared().size()));
        VectorSupport.FmaLoop loop = loop();
        return MEASURED.computeIfAbsent(loop.name() + "/" + t, key -> measure(loop, t));
    }

    private static Result measure(VectorSupport.FmaLoop loop, int threads) {
        Result one = MEASURED.get(loop.name() + "/1");
        double single = one != null ? one.gflopsOneThread() : best(loop, 1);
        double all = threads == 1 ? single : best(loop, threads);
        return new Result(loop.name(), threads, single, all);
    }

    /** The FMA loop the kernels in use would reach: the vector one, or scalar. */
    static VectorSupport.FmaLoop loop() {
        VectorSupport v = KernelsProvider.vector();
        if (v != null && !"scalar".equals(KernelSettings.kernels())) {
            return v.fmaLoop();
        }
        return ScalarLoop.INSTANCE;
    }

    private static double best(VectorSupport.FmaLoop loop, int threads) {
        float sink = 0;
        for (int i = 0; i < WARMUP_CALLS; i++) {
            sink += loop.run(i % 64); // short calls: many invocations, so the normal (not OSR) compilation wins
        }
        for (int i = 0; i < 50; i++) {
            sink += loop.run(BLOCK);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < 16; i++) {
            sink += loop.run(BLOCK);
        }
        double perBlock = Math.max(1e-7, (System.nanoTime() - t0) * 1e-9 / 16);
        int blocks = (int) Math.max(1, Math.min(1 << 20, SAMPLE_SECONDS / perBlock));
        double flopsPerSample = (double) loop.flopsPerIteration() * BLOCK * blocks * threads;
        double best = 0;
        if (threads == 1) {
            for (int s = 0; s < SAMPLES; s++) {
                long start = System.nanoTime();
                sink += blocks(loop, blocks);
                best = Math.max(best, flopsPerSample / ((System.nanoTime() - start) * 1e-9));
            }
        } else {
            best = together(loop, threads, blocks, flopsPerSample);
        }
        SINK = sink; // keeps the sums, and so the loops, alive
        return best * 1e-9;
    }

    private static float blocks(VectorSupport.FmaLoop loop, int blocks) {
        float s = 0;
        for (int b = 0; b < blocks; b++) {
            s += loop.run(BLOCK);
        }
        return s;
    }

    /** {@code threads} threads, each {@code blocks} blocks per sample, released together; the best sample's rate. */
    private static double together(VectorSupport.FmaLoop loop, int threads, int blocks, double flopsPerSample) {
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        CyclicBarrier end = new CyclicBarrier(threads + 1);
        Thread[] workers = new Thread[threads];
        long[] starts = new long[threads];
        long[] ends = new long[threads];
        for (int t = 0; t < threads; t++) {
            int me = t;
            workers[t] = new Thread(() -> {
                try {
                    for (int i = 0; i < 2000; i++) {
                        loop.run(i % 64);
                    }
                    for (int s = 0; s < SAMPLES; s++) {
                        start.await();
                        starts[me] = System.nanoTime();
                        SINK = blocks(loop, blocks);
                        ends[me] = System.nanoTime();
                        end.await();
                    }
                } catch (Exception e) {
                    start.reset();
                    end.reset();
                }
            }, "mlp4j-peak-" + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }
        double best = 0;
        try {
            for (int s = 0; s < SAMPLES; s++) {
                start.await();
                end.await(); // the barrier publishes the workers' clock readings
                long first = Long.MAX_VALUE;
                long last = Long.MIN_VALUE;
                for (int t = 0; t < threads; t++) {
                    first = Math.min(first, starts[t]);
                    last = Math.max(last, ends[t]);
                }
                best = Math.max(best, flopsPerSample / ((last - first) * 1e-9));
            }
            for (Thread w : workers) {
                w.join();
            }
        } catch (Exception e) {
            for (Thread w : workers) {
                w.interrupt();
            }
            throw new IllegalStateException("the peak measurement was interrupted", e);
        }
        return best;
    }

    /** Eight independent scalar FMA chains: what one core does without SIMD. */
    private static final class ScalarLoop implements VectorSupport.FmaLoop {
        static final ScalarLoop INSTANCE = new ScalarLoop();

        @Override
        public String name() {
            return "scalar FMA";
        }

        @Override
        public long flopsPerIteration() {
            return 2L * 8;
        }

        @Override
        public float run(int iterations) {
            float x = 0.999999f, y = 1e-6f;
            float c0 = 0.1f, c1 = 0.2f, c2 = 0.3f, c3 = 0.4f, c4 = 0.5f, c5 = 0.6f, c6 = 0.7f, c7 = 0.8f;
            for (int i = 0; i < iterations; i++) {
                c0 = Math.fma(c0, x, y); c1 = Math.fma(c1, x, y); c2 = Math.fma(c2, x, y); c3 = Math.fma(c3, x, y);
                c4 = Math.fma(c4, x, y); c5 = Math.fma(c5, x, y); c6 = Math.fma(c6, x, y); c7 = Math.fma(c7, x, y);
            }
            return c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7;
        }
    }
}
