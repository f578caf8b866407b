package org.mlp4j.engine.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.mlp4j.engine.parallel.Shares;

/**
 * {@code C = α·A·B + β·C} for a handful of rows of C (inference on one sample, or a few): no packing. A's rows are
 * contiguous ({@code A[i][p]} at {@code aOff + i·lda + p}); a transposed A is gathered into that form by the caller
 * (m ≤ {@link #MAX_ROWS} rows of k floats).
 *
 * <p>Loop structure: for each row i of C, for each block of eight (then four, then one) vectors of C's columns — or
 * first one block of twelve, where a row has 12 to 15 vectors left ({@link #block12}) — the
 * accumulators stay in registers while p runs over k — one broadcast of {@code a[i][p]} and one FMA per vector against
 * B's row p, read in place (eight vectors cover a 128-wide row in one contiguous 512-byte read). The last columns,
 * fewer than a vector, share one vector chain ({@link #tail}). Packing B would copy all of it to multiply it by one
 * row, which is what made batch-1 prediction slow; here B streams through once per row of C.
 *
 * <p>Register note: the block kernels take the values their p loop uses — {@code k, a, ai, b, bj, ldb} — as their
 * first six integer or reference arguments, which HotSpot's x86-64 convention passes in registers; C and the
 * epilogue's scalars come after. With A's stride as a seventh such argument, C2 left {@code ldb} in the caller's stack
 * frame and multiplied by it from memory on every iteration, and 1×128×784 (a 784-input layer on one row) took
 * 1.6× as long on Zen 5 (JDK 17, 3.9 against 2.4 µs).
 *
 * <p>From {@link #HALVES_MIN_MACS} multiply-adds, k is summed in two halves: each {@code C[i][j]} is
 * {@code α·(s₀ + s₁) (+ β·C)}, where {@code s₀} is the chain over {@code p < h} and {@code s₁} over {@code p ≥ h},
 * {@code h = ⌊k/2⌋} ({@link #half}). Two threads then take one half each, and each streams one contiguous half of
 * B from its own core's cache: on Zen 5 the small net's first layer on one row (1×128×784, 401 KB of B, bound by one
 * core's L2 bandwidth at about 2.3–3 µs in one chain) took 1.50–1.55 µs split so on two threads, against 2.30–2.37 µs
 * in one chain on one thread (JDK 17, the two builds in one JVM, alternating rounds), where splitting B's columns had
 * measured 0.82–1.32× of one thread ({@link #PARALLEL_MIN_MACS}: each core then reads half of every 512-byte row of
 * B, with four chains instead of eight). Otherwise each {@code C[i][j]} sums over p in one
 * chain, in order. Either way the sums depend only on the shape, never on the thread count.
 */
final class SmallGemm {
    /** Up to this many rows of C, the unpacked path wins (measured: packing B costs more than re-reading it). */
    static final int MAX_ROWS = 4;
    private static final VectorSpecies<Float> S = KernelShape.S;
    private static final int L = S.length();

    private SmallGemm() {
    }

    /**
     * For shapes whose k is summed in one chain ({@link #half} {@code == k}: under {@link #HALVES_MIN_MACS}, or k
     * under {@code 2·}{@link #MIN_HALF}), below this many multiply-adds per call the columns are not split across
     * threads. It was measured when every shape summed in one chain, on Zen 5 (2 cores
     * under KVM, JDK 17, 1 against 2 threads in alternating rounds): 1×128×784 (100 k, the small net's first layer,
     * 2.2–2.9 µs on one thread) took 0.82–1.32× that time split in two — the hand-off and the other core's half of C
     * cost about what the split saves, and more in the machine's slow phases — while 1×256×784 (200 k) took 0.59× and
     * 1×1024×1024 0.56×. On more cores, or bare metal, the hand-off is cheaper; the rule stays in multiply-adds.
     */
    static final long PARALLEL_MIN_MACS = 1L << 17;

    /**
     * From this many multiply-adds (and k of at least {@code 2·}{@link #MIN_HALF}), k is summed in two halves that two
     * threads can take one each. Measured on Zen 5 (2 cores under KVM, old and new code in one JVM, alternating
     * rounds): a whole batch-1 prediction of the small net (784-128-64-10, whose first layer is 1×128×784, 100 k) took
     * 0.80–0.84× the time of one chain on 2 threads (JDK 17; 0.77× on JDK 25, 0.83× on the 256-bit path), 0.97× on
     * one thread, and batch 1000 did not change (0.97–1.04×). The threshold is the smallest power of two that takes
     * that layer in; the small net's later layers (8 k and less) stay in one chain, where a hand-off costs more than
     * the whole product.
     */
    static final long HALVES_MIN_MACS = 1L << 16;
    /**
     * Below this many multiply-adds, a split call leaves parked workers asleep ({@code WorkerPool.runAwake}) and its
     * caller takes their parts. Back-to-back calls find the workers spinning and split as before (or, when they
     * parked before the run began, wake them after a few calls); a call after a pause of more than the workers' spin
     * (about half a millisecond) would otherwise pay for waking one that arrives after the caller has done the work.
     * Measured on a 2-vCPU KVM guest of a Zen 4 (JDK 17, 2 threads), one batch-1 prediction of 784-128-64-10 every
     * 2 ms, six alternating JVMs of 1,500 calls: median 13.2–19.0 µs against 13.7–23.3 µs waking the worker
     * (per-pair ratios 0.78–1.17, median 0.83), and 14.7 µs on one thread. The bound is the small net's first layer
     * (100 k) with room: from about a million multiply-adds, a cold call (weights back from memory) lasts long enough
     * for a woken worker to help, so those still wake it.
     */
    static final long WAKE_MIN_MACS = 1L << 18;

    /** The shortest half worth its own chain. */
    static final int MIN_HALF = 32;

    /**
     * Where the second half of k starts, or {@code k} when k is summed in one chain: fixed by the shape alone, so the
     * bits do not depend on the thread count.
     */
    static int half(int m, int n, int k) {
        return (long) m * n * k >= HALVES_MIN_MACS && k >= 2 * MIN_HALF ? k / 2 : k;
    }

    /**
     * All of C on the calling thread. When k is summed in halves ({@link #half} {@code < k}), {@code partials} holds
     * their sums, {@code 2·m·n} floats.
     */
    static void gemm(int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc, float[] partials) {
        int h = half(m, n, k);
        if (h == k) {
            columns(m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        halfColumns(0, m, 0, n, n, h, k, a, aOff, lda, b, bOff, ldb, partials);
        halfColumns(1, m, 0, n, n, h, k, a, aOff, lda, b, bOff, ldb, partials);
        combine(m, n, alpha, partials, beta, c, cOff, ldc);
    }

    /**
     * The plain sums of one half of k ({@code which} 0: {@code p < h}; 1: {@code p ≥ h}) for columns
     * {@code [j0, j1)} of the {@code n}: into {@code partials} as an {@code m × n} matrix at {@code which·m·n}.
     */
    static void halfColumns(int which, int m, int j0, int j1, int n, int h, int k, float[] a, int aOff, int lda,
                            float[] b, int bOff, int ldb, float[] partials) {
        int p0 = which == 0 ? 0 : h;
        int length = which == 0 ? h : k - h;
        columns(m, j0, j1, length, 1f, a, aOff + p0, lda, b, bOff + p0 * ldb, ldb, 0f, partials, which * m * n, n);
    }

    /**
     * {@code C = α·(s₀ + s₁) (+ β·C)} from the two halves' sums ({@link #halfColumns}), with the epilogue of the block
     * kernels in whole vectors and the scalar one in the last columns, as an unsplit call has.
     */
    static void combine(int m, int n, float alpha, float[] partials, float beta, float[] c, int cOff, int ldc) {
        int second = m * n;
        for (int i = 0; i < m; i++) {
            int pi = i * n;
            int ci = cOff + i * ldc;
            int j = 0;
            for (; j + L <= n; j += L) {
                FloatVector s = FloatVector.fromArray(S, partials, pi + j)
                        .add(FloatVector.fromArray(S, partials, second + pi + j));
                store(s, alpha, beta, c, ci + j);
            }
            for (; j < n; j++) {
                float s = partials[pi + j] + partials[second + pi + j];
                c[ci + j] = beta == 0f ? alpha * s : alpha * s + beta * c[ci + j];
            }
        }
    }

    /** The first column of part {@code part} of {@code parts}: whole vectors, the remainder to the last part. */
    static int columnSplit(int n, int part, int parts) {
        if (part == parts) {
            return n;
        }
        return Shares.start(n / L, part, parts) * L;
    }

    /** Columns {@code [j0, j1)} of C; {@link #columnSplit} keeps part boundaries on whole vectors. */
    static void columns(int m, int j0, int j1, int k, float alpha, float[] a, int aOff, int lda,
                        float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * lda;
            int ci = cOff + i * ldc;
            int j = j0;
            int vectors = (j1 - j) / L;
            if (vectors >= 12 && vectors < 16) {
                block12(k, a, ai, b, bOff + j, ldb, alpha, beta, c, ci + j);
                j += 12 * L;
            }
            for (; j + 8 * L <= j1; j += 8 * L) {
                block8(k, a, ai, b, bOff + j, ldb, alpha, beta, c, ci + j);
            }
            for (; j + 4 * L <= j1; j += 4 * L) {
                block4(k, a, ai, b, bOff + j, ldb, alpha, beta, c, ci + j);
            }
            for (; j + L <= j1; j += L) {
                block1(k, a, ai, b, bOff + j, ldb, alpha, beta, c, ci + j);
            }
            if (j < j1) {
                tail(k, a, ai, b, bOff + j, ldb, j1 - j, alpha, beta, c, ci + j);
            }
        }
    }

    /**
     * The last {@code w < L} columns (a 10-class output layer is nothing else): one vector chain whose lanes past
     * {@code w} read on into B's next row and are never stored, so the columns cost one FMA latency per p instead
     * of one each. Rows whose full-width read would pass the end of {@code b} (the last ones) go lane by lane. Each
     * stored lane is the scalar chain {@code s = fma(a[p], b[p][j], s)} over p in order, and the epilogue is the
     * scalar one, so the bits are those of a plain scalar loop.
     */
    private static void tail(int k, float[] a, int ai, float[] b, int bj, int ldb, int w,
                             float alpha, float beta, float[] c, int cj) {
        long room = (long) b.length - L - bj;
        int vectorRows = room < 0 ? 0 : (int) Math.min(k, room / ldb + 1);
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0; p < vectorRows; p++) {
            acc = FloatVector.fromArray(S, b, bj + p * ldb).fma(FloatVector.broadcast(S, a[ai + p]), acc);
        }
        for (int t = 0; t < w; t++) {
            float s = acc.lane(t);
            for (int p = vectorRows; p < k; p++) {
                s = Math.fma(a[ai + p], b[bj + p * ldb + t], s);
            }
            c[cj + t] = beta == 0f ? alpha * s : alpha * s + beta * c[cj + t];
        }
    }

    private static void block8(int k, float[] a, int ai, float[] b, int bj, int ldb,
                               float alpha, float beta, float[] c, int cj) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S);
        FloatVector c7 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            FloatVector x = FloatVector.broadcast(S, a[ai + p]);
            int row = bj + p * ldb;
            c0 = FloatVector.fromArray(S, b, row).fma(x, c0);
            c1 = FloatVector.fromArray(S, b, row + L).fma(x, c1);
            c2 = FloatVector.fromArray(S, b, row + 2 * L).fma(x, c2);
            c3 = FloatVector.fromArray(S, b, row + 3 * L).fma(x, c3);
            c4 = FloatVector.fromArray(S, b, row + 4 * L).fma(x, c4);
            c5 = FloatVector.fromArray(S, b, row + 5 * L).fma(x, c5);
            c6 = FloatVector.fromArray(S, b, row + 6 * L).fma(x, c6);
            c7 = FloatVector.fromArray(S, b, row + 7 * L).fma(x, c7);
        }
        store(c0, alpha, beta, c, cj);
        store(c1, alpha, beta, c, cj + L);
        store(c2, alpha, beta, c, cj + 2 * L);
        store(c3, alpha, beta, c, cj + 3 * L);
        store(c4, alpha, beta, c, cj + 4 * L);
        store(c5, alpha, beta, c, cj + 5 * L);
        store(c6, alpha, beta, c, cj + 6 * L);
        store(c7, alpha, beta, c, cj + 7 * L);
    }

    /**
     * Twelve vectors of C in one pass over B, where eight and four would take two: 12 accumulators, the broadcast and
     * B's vectors as the FMAs' memory operands fit even the 16 registers of AVX2 without spilling. A row of 12 to 15
     * vectors is 96–127 floats at 256 bits. Measured on an AMD EPYC Zen 4 (2 cores under KVM) with
     * {@code -XX:UseAVX=2}, batch-1 prediction with the old and new code in one JVM, alternating rounds:
     * <ul>
     *   <li>784-100-10 took 0.80× the time on one thread on JDK 17, 0.83× on Temurin 25, and 0.92× on two threads;</li>
     *   <li>784-110-110-10 took 0.89× on one thread;</li>
     *   <li>at 512 bits, 784-200-10 took 0.99× on one thread and 0.96× on two (its 627 KB of weights stream from
     *       L2 either way).</li>
     * </ul>
     * In a probe of the kernels alone, a row of 16 vectors, where 12 + 4 is still two passes, did not gain
     * (0.94–0.98×), so {@link #columns} takes this block only for 12 to 15.
     */
    private static void block12(int k, float[] a, int ai, float[] b, int bj, int ldb,
                                float alpha, float beta, float[] c, int cj) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S);
        FloatVector c7 = FloatVector.zero(S);
        FloatVector c8 = FloatVector.zero(S);
        FloatVector c9 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            FloatVector x = FloatVector.broadcast(S, a[ai + p]);
            int row = bj + p * ldb;
            c0 = FloatVector.fromArray(S, b, row).fma(x, c0);
            c1 = FloatVector.fromArray(S, b, row + L).fma(x, c1);
            c2 = FloatVector.fromArray(S, b, row + 2 * L).fma(x, c2);
            c3 = FloatVector.fromArray(S, b, row + 3 * L).fma(x, c3);
            c4 = FloatVector.fromArray(S, b, row + 4 * L).fma(x, c4);
            c5 = FloatVector.fromArray(S, b, row + 5 * L).fma(x, c5);
            c6 = FloatVector.fromArray(S, b, row + 6 * L).fma(x, c6);
            c7 = FloatVector.fromArray(S, b, row + 7 * L).fma(x, c7);
            c8 = FloatVector.fromArray(S, b, row + 8 * L).fma(x, c8);
            c9 = FloatVector.fromArray(S, b, row + 9 * L).fma(x, c9);
            c10 = FloatVector.fromArray(S, b, row + 10 * L).fma(x, c10);
            c11 = FloatVector.fromArray(S, b, row + 11 * L).fma(x, c11);
        }
        store(c0, alpha, beta, c, cj);
        store(c1, alpha, beta, c, cj + L);
        store(c2, alpha, beta, c, cj + 2 * L);
        store(c3, alpha, beta, c, cj + 3 * L);
        store(c4, alpha, beta, c, cj + 4 * L);
        store(c5, alpha, beta, c, cj + 5 * L);
        store(c6, alpha, beta, c, cj + 6 * L);
        store(c7, alpha, beta, c, cj + 7 * L);
        store(c8, alpha, beta, c, cj + 8 * L);
        store(c9, alpha, beta, c, cj + 9 * L);
        store(c10, alpha, beta, c, cj + 10 * L);
        store(c11, alpha, beta, c, cj + 11 * L);
    }

    private static void block4(int k, float[] a, int ai, float[] b, int bj, int ldb,
                               float alpha, float beta, float[] c, int cj) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            FloatVector x = FloatVector.broadcast(S, a[ai + p]);
            int row = bj + p * ldb;
            c0 = FloatVector.fromArray(S, b, row).fma(x, c0);
            c1 = FloatVector.fromArray(S, b, row + L).fma(x, c1);
            c2 = FloatVector.fromArray(S, b, row + 2 * L).fma(x, c2);
            c3 = FloatVector.fromArray(S, b, row + 3 * L).fma(x, c3);
        }
        store(c0, alpha, beta, c, cj);
        store(c1, alpha, beta, c, cj + L);
        store(c2, alpha, beta, c, cj + 2 * L);
        store(c3, alpha, beta, c, cj + 3 * L);
    }

    private static void block1(int k, float[] a, int ai, float[] b, int bj, int ldb,
                               float alpha, float beta, float[] c, int cj) {
        FloatVector c0 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            c0 = FloatVector.fromArray(S, b, bj + p * ldb).fma(FloatVector.broadcast(S, a[ai + p]), c0);
        }
        store(c0, alpha, beta, c, cj);
    }

    private static void store(FloatVector acc, float alpha, float beta, float[] c, int off) {
        FloatVector r = acc.mul(alpha);
        if (beta != 0f) {
            r = FloatVector.fromArray(S, c, off).fma(FloatVector.broadcast(S, beta), r);
        }
        r.intoArray(c, off);
    }
}
