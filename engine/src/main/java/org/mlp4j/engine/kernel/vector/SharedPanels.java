package org.mlp4j.engine.kernel.vector;

import static org.mlp4j.engine.kernel.vector.GemmBlocking.NC;
import static org.mlp4j.engine.kernel.vector.GemmBlocking.NR;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The packed panels of the shared operands of {@link VectorProvider#slices}: each {@code op(B)} a slice's GEMM reads
 * from one of the shared arrays is packed once per step, into one buffer all slices read, by the slices that reach it.
 *
 * <p>Layout: {@link GemmPacking#packB}'s slivers for every (NC block, KC block) of the whole {@code k×n} operand, one
 * panel after another: the NC block at column {@code jc} starts at {@code jc·k}, its KC block at depth {@code pc}
 * {@code pc·⌈nc/NR⌉·NR} further in, so that {@link VectorGemm}'s loops find each panel where they would have
 * packed it.
 *
 * <p>Packing: the work is {@link #GROUP} NR-wide slivers of one KC block per claim, counted out of one atomic
 * counter; a slice claims slivers until none are left, then waits until every claimed one is done. It only ever
 * waits for slivers another slice has claimed and is copying, never for a slice that has not arrived, so this cannot
 * deadlock when one thread runs the slices in turn, and a late slice finds the panels packed.
 */
final class SharedPanels {
    /**
     * Slivers per claim: neighbouring slivers read neighbouring cache lines of B's rows, so a thread copies four
     * (512 bytes of each row at 16 lanes) before claiming again.
     */
    static final int GROUP = 4;
    private final float[][] shared;
    /** Bumped by {@link #changed()}; an entry packed under another generation is stale. */
    private volatile long generation;
    private volatile Entry[] entries = new Entry[0];

    SharedPanels(float[][] shared) {
        this.shared = shared.clone();
    }

    /** The shared operands may have changed: every panel is packed again on its next use. */
    void changed() {
        generation++;
    }

    /** Whether {@code b} is one of the shared arrays (by identity). */
    boolean holds(float[] b) {
        for (float[] s : shared) {
            if (s == b) {
                return true;
            }
        }
        return false;
    }

    /**
     * The packed {@code op(B)} ({@code k×n}, KC blocks of {@code kcBlock}) of shared array {@code b}, packed now if
     * no slice has done so since the last {@link #changed()}, by this thread and any other that arrives meanwhile.
     */
    float[] packed(boolean transB, float[] b, int bOff, int ldb, int k, int n, int kcBlock) {
        Entry e = entry(transB, b, bOff, ldb, k, n);
        long g = generation;
        synchronized (e) {
            if (e.generation != g) {
                e.generation = g;
                e.failed = false;
                e.next.set(0);
                e.done.set(0);
            }
        }
        int chunks = VectorGemm.ceil(k, kcBlock) * groupsPerKcBlock(n);
        int c;
        while ((c = e.next.getAndIncrement()) < chunks) {
            try {
                pack(e, c, kcBlock);
            } catch (RuntimeException | Error t) {
                e.failed = true;
                throw t;
            }
            e.done.incrementAndGet();
        }
        while (e.done.get() < chunks) {
            if (e.failed) {
                throw new IllegalStateException("another slice failed while packing a shared GEMM operand");
            }
            Thread.onSpinWait();
        }
        return e.data;
    }

    /** Groups of {@link #GROUP} slivers in one KC block of an operand {@code n} wide (none crossing an NC block). */
    private static int groupsPerKcBlock(int n) {
        int whole = n / NC;
        return whole * VectorGemm.ceil(NC / NR, GROUP) + VectorGemm.ceil(VectorGemm.ceil(n - whole * NC, NR), GROUP);
    }

    /** Packs chunk {@code c}: sliver group {@code c % groupsPerKcBlock} of KC block {@code c / groupsPerKcBlock}. */
    private static void pack(Entry e, int c, int kcBlock) {
        int groups = groupsPerKcBlock(e.n);
        int pc = c / groups * kcBlock;
        int kc = Math.min(kcBlock, e.k - pc);
        int perBlock = VectorGemm.ceil(NC / NR, GROUP);
        int r = c % groups;
        int jc = r / perBlock * NC;
        int nc = Math.min(NC, e.n - jc);
        int s0 = r % perBlock * GROUP;
        int s1 = Math.min(VectorGemm.ceil(nc, NR), s0 + GROUP);
        GemmPacking.packB(e.transB, e.b, e.bOff, e.ldb, pc, jc, kc, nc, s0, s1, e.data, offset(jc, nc, pc, e.k));
    }

    /** Where the panel of NC block {@code jc} (width {@code nc}) and KC block {@code pc} starts. */
    static int offset(int jc, int nc, int pc, int k) {
        return jc * k + VectorGemm.ceil(nc, NR) * NR * pc;
    }

    private Entry entry(boolean transB, float[] b, int bOff, int ldb, int k, int n) {
        for (Entry e : entries) {
            if (e.matches(transB, b, bOff, ldb, k, n)) {
                return e;
            }
        }
        synchronized (this) {
            Entry[] now = entries;
            for (Entry e : now) {
                if (e.matches(transB, b, bOff, ldb, k, n)) {
                    return e;
                }
            }
            Entry e = new Entry(transB, b, bOff, ldb, k, n);
            Entry[] grown = java.util.Arrays.copyOf(now, now.length + 1);
            grown[now.length] = e;
            entries = grown;
            return e;
        }
    }

    /** One operand's panels and the claim counters of its current packing. */
    private static final class Entry {
        final boolean transB;
        final float[] b;
        final int bOff, ldb, k, n;
        final float[] data;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        /** The generation it was last packed under, guarded by the entry's lock; none yet at first. */
        long generation = -1;
        volatile boolean failed;

        Entry(boolean transB, float[] b, int bOff, int ldb, int k, int n) {
            this.transB = transB;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.k = k;
            this.n = n;
            // every NC block but the last is a whole number of slivers, so the panels fill k·⌈n/NR⌉·NR floats
            this.data = new float[Math.multiplyExact(k, VectorGemm.ceil(n, NR) * NR)];
        }

        boolean matches(boolean transB, float[] b, int bOff, int ldb, int k, int n) {
            return this.b == b && this.transB == transB && this.bOff == bOff && this.ldb == ldb && this.k == k
                    && this.n == n;
        }
    }
}
