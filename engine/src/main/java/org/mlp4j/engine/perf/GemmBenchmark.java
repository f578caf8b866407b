package org.mlp4j.engine.perf;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;

/**
 * GEMM throughput of the configured kernels ({@link KernelsProvider#create(int)}: vector when available) on one
 * shape: {@code C = op(A)·op(B)} with {@code op(A)} {@code m×k} and {@code op(B)} {@code k×n}, dense leading
 * dimensions, β = 0. Warms up, then reports the median of repeated timed samples, each long enough (≥ 20 ms) for the
 * clock to be exact.
 */
public final class GemmBenchmark {
    // JDK 17 needs most of a second to reach the final C2 code of the kernels, sooner under load
    private static final double WARMUP_SECONDS = 1.0;
    private static final double ROUND_SECONDS = 0.2;
    private static final double MAX_WARMUP_SECONDS = 15.0;
    private static final double SAMPLE_SECONDS = 0.02;
    private static final int SAMPLES = 11;

    private GemmBenchmark() {
    }

    /** The median throughput of one shape. */
    public static final class Result {
        private final int m, n, k, threads;
        private final boolean transA, transB;
        private final double seconds;
        private final String kernels;

        Result(int m, int n, int k, boolean transA, boolean transB, int threads, double seconds, String kernels) {
            this.m = m; this.n = n; this.k = k; this.transA = transA; this.transB = transB;
            this.threads = threads; this.seconds = seconds; this.kernels = kernels;
        }

        public int m() { return m; }
        public int n() { return n; }
        public int k() { return k; }
        public int threads() { return threads; }

        /** {@code NN}, {@code NT}, {@code TN} or {@code TT}. */
        public String trans() {
            return (transA ? "T" : "N") + (transB ? "T" : "N");
        }

        /** Median seconds per GEMM. */
        public double seconds() {
            return seconds;
        }

        /** {@code 2·m·n·k} / median time, in GFLOP/s. */
        public double gflops() {
            return 2.0 * m * n * k / seconds * 1e-9;
        }

        /** The kernels measured ({@link Kernels#describe()}). */
        public String kernels() {
            return kernels;
        }

        /**
         * {@code {"m","n","k","trans","threads","gflops","peakGflops","peakFraction"}}, against the peak for the same
         * threads; {@code peakFraction} is {@code null} when it would exceed 1 (the peak probe failed).
         */
        public String toJson(PeakFlops.Result peak) {
            java.util.OptionalDouble f = peak.fractionOf(gflops(), threads);
            return String.format(Locale.ROOT,
                    "{\"m\":%d,\"n\":%d,\"k\":%d,\"trans\":\"%s\",\"threads\":%d,\"gflops\":%.2f,\"peakGflops\":%.2f,"
                            + "\"peakFraction\":%s}",
                    m, n, k, trans(), threads, gflops(), peak.gflopsFor(threads),
                    f.isPresent() ? String.format(Locale.ROOT, "%.4f", f.getAsDouble()) : "null");
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %dx%dx%d, %d thread%s: %.1f GFLOP/s", trans(), m, n, k, threads,
                    threads == 1 ? "" : "s", gflops());
        }
    }

    /** Measures {@code op(A)·op(B)} on {@code threads} threads with the configured kernels. */
    public static Result run(int m, int n, int k, boolean transA, boolean transB, int threads) {
        return run(KernelsProvider.create(threads), m, n, k, transA, transB);
    }

    /** Measures {@code op(A)·op(B)} with the given kernels. */
    public static Result run(Kernels kernels, int m, int n, int k, boolean transA, boolean transB) {
        if (m < 1 || n < 1 || k < 1) {
            throw new IllegalArgumentException("m, n, k must be >= 1, got " + m + "," + n + "," + k);
        }
        SplittableRandom r = new SplittableRandom(1);
        float[] a = random(r, m * k);
        float[] b = random(r, k * n);
        float[] c = new float[m * n];
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        Runnable gemm = () -> kernels.gemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);

        double perCall = warmUp(gemm);
        long reps = Math.max(1, (long) Math.ceil(SAMPLE_SECONDS / perCall));
        double[] seconds = new double[SAMPLES];
        for (int s = 0; s < SAMPLES; s++) {
            long t0 = System.nanoTime();
            for (long i = 0; i < reps; i++) {
                gemm.run();
            }
            seconds[s] = (System.nanoTime() - t0) * 1e-9 / reps;
        }
        Arrays.sort(seconds);
        return new Result(m, n, k, transA, transB, kernels.threads(), seconds[SAMPLES / 2], kernels.describe());
    }

    /**
     * Runs the GEMM until C2's final code is in place: at least {@value #WARMUP_SECONDS} s, then rounds of about
     * {@value #ROUND_SECONDS} s until one is no faster than the best before it by more than 2 % (at most
     * {@value #MAX_WARMUP_SECONDS} s). A fixed warm-up measured the interpreter or C1's boxed vectors whenever the
     * JIT threads were starved (a busy machine: C2 finished the micro-kernel 8 s after start). Returns seconds per call.
     */
    private static double warmUp(Runnable gemm) {
        long start = System.nanoTime();
        double best = Double.MAX_VALUE;
        while (true) {
            long t0 = System.nanoTime();
            long calls = 0;
            do {
                gemm.run();
                calls++;
            } while (System.nanoTime() - t0 < ROUND_SECONDS * 1e9);
            double perCall = (System.nanoTime() - t0) * 1e-9 / calls;
            double elapsed = (System.nanoTime() - start) * 1e-9;
            boolean settled = perCall > 0.98 * best;
            best = Math.min(best, perCall);
            if ((settled && elapsed >= WARMUP_SECONDS) || elapsed >= MAX_WARMUP_SECONDS) {
                return best;
            }
        }
    }

    private static float[] random(SplittableRandom r, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }
}
