package org.mlp4j.engine.perf;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.parallel.WorkerPool;

/**
 * The FMA peak of this machine as Java reaches it: a register-resident loop of independent FMAs, on one thread and
 * on {@code threads} threads of the shared {@link WorkerPool}. With {@code jdk.incubator.vector} it is the Vector API
 * loop of the GEMM's species; without it, a scalar {@link Math#fma} loop (the peak the scalar kernels could reach).
 */
public final class PeakFlops {
    private static final String VECTOR_PEAK = "org.mlp4j.engine.kernel.vector.VectorPeak";
    /** Timed samples per figure; the median is reported. */
    private static final int SAMPLES = 5;
    private static final double SAMPLE_SECONDS = 0.05;

    private PeakFlops() {
    }

    /** One measurement: GFLOP/s on one thread and on {@code threads} threads. */
    public static final class Result {
        private final String implementation;
        private final int threads;
        private final double oneThread;
        private final double allThreads;

        Result(String implementation, int threads, double oneThread, double allThreads) {
            this.implementation = implementation;
            this.threads = threads;
            this.oneThread = oneThread;
            this.allThreads = allThreads;
        }

        /** What was measured, e.g. {@code vector 512-bit FMA} or {@code scalar FMA}. */
        public String implementation() {
            return implementation;
        }

        /** Threads of the multi-threaded figure. */
        public int threads() {
            return threads;
        }

        /** GFLOP/s on one thread. */
        public double gflopsOneThread() {
            return oneThread;
        }

        /** GFLOP/s on {@link #threads()} threads together. */
        public double gflops() {
            return allThreads;
        }

        /** The peak for {@code t} threads: the one-thread figure for 1, else the all-threads one. */
        public double gflopsFor(int t) {
            return t <= 1 ? oneThread : allThreads;
        }

        /** {@code {"implementation":…,"threads":…,"gflops1":…,"gflops":…}} */
        public String toJson() {
            return String.format(Locale.ROOT, "{\"implementation\":\"%s\",\"threads\":%d,\"gflops1\":%.2f,\"gflops\":%.2f}",
                    implementation, threads, oneThread, allThreads);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s peak: %.1f GFLOP/s on 1 thread, %.1f GFLOP/s on %d threads",
                    implementation, oneThread, allThreads, threads);
        }
    }

    /** Measures the peak on 1 and on {@code threads} threads (capped by the pool); takes about a second. */
    public static Result measure(int threads) {
        int t = Math.max(1, Math.min(threads, WorkerPool.shared().size()));
        Loop loop = loop();
        long iterations = calibrate(loop);
        double one = median(loop, iterations, 1);
        double all = t == 1 ? one : median(loop, iterations, t);
        return new Result(loop.name, t, one, all);
    }

    private static long calibrate(Loop loop) {
        long iterations = 1 << 16;
        for (int warm = 0; warm < 3; warm++) {
            loop.run(iterations); // let C2 compile the loop before timing
        }
        while (true) {
            long t0 = System.nanoTime();
            loop.run(iterations);
            double s = (System.nanoTime() - t0) * 1e-9;
            if (s >= SAMPLE_SECONDS / 4) {
                return (long) (iterations * SAMPLE_SECONDS / s);
            }
            iterations *= 4;
        }
    }

    private static double median(Loop loop, long iterations, int threads) {
        double[] gflops = new double[SAMPLES];
        WorkerPool pool = WorkerPool.shared();
        WorkerPool.PartTask task = (part, parts) -> loop.run(iterations);
        for (int s = 0; s < SAMPLES; s++) {
            long t0 = System.nanoTime();
            if (threads == 1) {
                loop.run(iterations);
            } else {
                pool.run(threads, task);
            }
            double seconds = (System.nanoTime() - t0) * 1e-9;
            gflops[s] = (double) threads * iterations * loop.flopsPerIteration / seconds * 1e-9;
        }
        Arrays.sort(gflops);
        return gflops[SAMPLES / 2];
    }

    private static Loop loop() {
        if (KernelsProvider.vectorModulePresent() && !"scalar".equals(System.getProperty(KernelsProvider.PROPERTY))) {
            try {
                Class<?> c = Class.forName(VECTOR_PEAK);
                Method run = c.getMethod("fmaLoop", long.class);
                long flops = (long) c.getMethod("flopsPerIteration").invoke(null);
                int bits = (int) c.getMethod("vectorBits").invoke(null);
                return new Loop("vector " + bits + "-bit FMA", flops) {
                    @Override
                    float run(long iterations) {
                        try {
                            return (float) run.invoke(null, iterations);
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                };
            } catch (ReflectiveOperationException | LinkageError e) {
                // fall through to the scalar loop
            }
        }
        return new ScalarLoop();
    }

    private abstract static class Loop {
        final String name;
        final long flopsPerIteration;
        volatile float sink;

        Loop(String name, long flopsPerIteration) {
            this.name = name;
            this.flopsPerIteration = flopsPerIteration;
        }

        abstract float run(long iterations);
    }

    /** Eight independent scalar FMA chains: what one core does without SIMD. */
    private static final class ScalarLoop extends Loop {
        ScalarLoop() {
            super("scalar FMA", 2L * 8);
        }

        @Override
        float run(long iterations) {
            float x = 0.999999f, y = 1e-6f;
            float c0 = 0.1f, c1 = 0.2f, c2 = 0.3f, c3 = 0.4f, c4 = 0.5f, c5 = 0.6f, c6 = 0.7f, c7 = 0.8f;
            for (long i = 0; i < iterations; i++) {
                c0 = Math.fma(c0, x, y); c1 = Math.fma(c1, x, y); c2 = Math.fma(c2, x, y); c3 = Math.fma(c3, x, y);
                c4 = Math.fma(c4, x, y); c5 = Math.fma(c5, x, y); c6 = Math.fma(c6, x, y); c7 = Math.fma(c7, x, y);
            }
            float s = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7;
            sink = s;
            return s;
        }
    }
}
