package org.mlp4j.engine.kernel.vector;

import static org.mlp4j.engine.kernel.vector.GemmBlocking.KC_MAX;
import static org.mlp4j.engine.kernel.vector.GemmBlocking.MC;
import static org.mlp4j.engine.kernel.vector.GemmBlocking.MR;
import static org.mlp4j.engine.kernel.vector.GemmBlocking.NC;
import static org.mlp4j.engine.kernel.vector.GemmBlocking.NR;

import org.mlp4j.engine.parallel.Shares;
import org.mlp4j.engine.parallel.WorkerPool;

/**
 * A Goto/BLIS GEMM, {@code C = α·op(A)·op(B) + β·C}, row-major, on the shared {@link WorkerPool}. One instance per
 * {@link VectorKernels}: it owns the packing buffers and the task object, so a warm call allocates nothing.
 *
 * <p>Loop structure (BLIS's five loops around {@link MicroKernel}):
 * <pre>
 * for jc in n step NC                 B panel, shared by all threads (L3)
 *   for pc in k step KC               β applies to the first pc block only
 *     pack B[pc, jc] into KC×NC       slivers split across threads        (phase 1)
 *     for ic in my rows step MC       threads split rows                   (phase 2)
 *       pack A[ic, pc] into MC×KC     per-thread block (L2)
 *       for jr in my cols step NR     B sliver (L1)
 *         for ir in mc step MR        micro-kernel on an MR×NR tile of C
 * </pre>
 * One-thread problems whose op(B) stays in cache skip all of this ({@link InPlaceGemm}); a handful of rows of C
 * go to {@link SmallGemm}. Otherwise B is always packed: copying it costs one vector load and store per element
 * against {@code m} FMA lanes, and the
 * packed sliver sidesteps the L1 set conflicts of power-of-two {@code ldb}. A row-major A is read in place when the
 * panel is narrow ({@link GemmPlan#packA}): then packing A, a strided gather, costs more than the in-place kernel
 * loses; only a partial last sliver of rows is packed (zero-padded) into a small per-thread buffer.
 *
 * <p>Determinism: the k blocking is fixed and a tile's k loop runs in order, so each C element gets the same
 * sum in the same order whatever the thread count or split; thread splits fall on MR/NR boundaries.
 */
final class VectorGemm {
    private final WorkerPool pool;
    private final int threads;
    private final Task task = new Task();
    private final ThreadBuffers[] perThread;
    private float[] bPack = new float[0];

    private final SmallTask smallTask = new SmallTask();
    /** A transposed A of a {@link SmallGemm} call, gathered into rows. */
    private float[] aRows = new float[0];
    /** The sums of k's two halves in a {@link SmallGemm} call that splits k, {@code 2·m·n} floats. */
    private float[] partials = new float[0];
    private final InPlaceGemm.Scratch inPlace = new InPlaceGemm.Scratch();
    /** The panels shared with the other slices of a data-parallel step, or null ({@link VectorProvider#slices}). */
    private final SharedPanels shared;

    VectorGemm(WorkerPool pool, int threads) {
        this(pool, threads, null);
    }

    VectorGemm(WorkerPool pool, int threads, SharedPanels shared) {
        this.pool = pool;
        this.threads = threads;
        this.shared = shared;
        this.perThread = new ThreadBuffers[threads];
        for (int t = 0; t < threads; t++) {
            perThread[t] = new ThreadBuffers();
        }
    }

    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float alpha, float[] a, int aOff, int lda,
              float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0 || alpha == 0f) {
            scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        if (m <= SmallGemm.MAX_ROWS && !transB) {
            small(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        int parts = GemmPlan.parts(m, n, k, threads);
        if (GemmPlan.inPlace(transA, transB, n, k, ldb, parts)) {
            InPlaceGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, inPlace);
            return;
        }
        packed(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, parts);
    }

    /** The Goto/BLIS loops on {@code parts} threads, whatever the shape ({@code k > 0}, {@code α ≠ 0}). */
    void packed(boolean transA, boolean transB, int m, int n, int k,
                float alpha, float[] a, int aOff, int lda,
                float[] b, int bOff, int ldb,
                float beta, float[] c, int cOff, int ldc, int parts) {
        Task t = task;
        t.transA = transA; t.transB = transB; t.m = m; t.n = n; t.k = k;
        t.alpha = alpha; t.a = a; t.aOff = aOff; t.lda = lda;
        t.b = b; t.bOff = bOff; t.ldb = ldb; t.c = c; t.cOff = cOff; t.ldc = ldc;
        t.packA = GemmPlan.packA(transA, m, n, k);
        t.kcBlock = GemmPlan.kc(transB);
        t.splitRows = parts > 1 && GemmPlan.splitRows(transA, t.packA, m, n);
        try {
            if (!t.splitRows) {
                // each thread owns a contiguous range of NR slivers and runs all the loops on it: one hand-off
                t.phase = Task.OWN_COLUMNS;
                t.beta = beta;
                run(parts, t);
                return;
            }
            for (int jc = 0; jc < n; jc += NC) {
                int nc = Math.min(NC, n - jc);
                for (int pc = 0; pc < k; pc += t.kcBlock) {
                    t.jc = jc; t.nc = nc; t.pc = pc; t.kc = Math.min(t.kcBlock, k - pc);
                    t.beta = pc == 0 ? beta : 1f;
                    int need = ceil(nc, NR) * NR * t.kcBlock;
                    if (bPack.length < need) {
                        bPack = new float[need];
                    }
                    t.bPack = bPack;
                    t.phase = Task.PACK_B;
                    run(parts, t);
                    t.phase = Task.COMPUTE;
                    run(parts, t);
                }
            }
        } finally {
            t.a = t.b = t.c = t.bPack = null;
        }
    }

    /**
     * A few rows of C: unpacked. When the shape sums k in two halves ({@link SmallGemm#half}), the halves go to
     * different threads (and B's columns within each half when there are more than two), and the caller adds them;
     * otherwise B's columns are split across threads when there is enough of B to stream. A transposed A is first
     * gathered into rows ({@code m × k}, at most {@link SmallGemm#MAX_ROWS} rows), so the kernels read A at unit
     * stride.
     */
    private void small(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                       float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        if (transA) {
            a = gatherRows(m, k, a, aOff, lda);
            aOff = 0;
            lda = k;
        }
        int h = SmallGemm.half(m, n, k);
        int parts;
        if (h < k) {
            int need = 2 * m * n;
            if (partials.length < need) {
                partials = new float[need];
            }
            parts = threads > 1 ? 2 * Math.max(1, Math.min(threads / 2, n / VectorKernels.lanes())) : 1;
        } else {
            parts = threads > 1 && (long) m * n * k >= SmallGemm.PARALLEL_MIN_MACS
                    ? Math.min(threads, n / VectorKernels.lanes()) : 1;
        }
        if (parts <= 1) {
            SmallGemm.gemm(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, partials);
            return;
        }
        SmallTask t = smallTask;
        t.m = m; t.n = n; t.k = k; t.h = h; t.alpha = alpha; t.a = a; t.aOff = aOff; t.lda = lda;
        t.b = b; t.bOff = bOff; t.ldb = ldb; t.beta = beta; t.c = c; t.cOff = cOff; t.ldc = ldc; t.partials = partials;
        try {
            if ((long) m * n * k < SmallGemm.WAKE_MIN_MACS) {
                pool.runAwake(parts, t);
            } else {
                pool.run(parts, t);
            }
        } finally {
            t.a = t.b = t.c = t.partials = null;
        }
        if (h < k) {
            SmallGemm.combine(m, n, alpha, partials, beta, c, cOff, ldc);
        }
    }

    /**
     * {@code op(A) = Aᵀ} as {@code m} contiguous rows of {@code k}: {@code rows[i·k + p] = a[aOff + p·lda + i]}, the
     * transpose of the {@code k × m} matrix A is stored as.
     */
    private float[] gatherRows(int m, int k, float[] a, int aOff, int lda) {
        int need = m * k;
        if (aRows.length < need) {
            aRows = new float[need];
        }
        Transpose.matrix(a, aOff, lda, k, m, aRows, 0, k);
        return aRows;
    }

    /**
     * The arguments of a split {@link SmallGemm} call, reused so that a call allocates nothing. With k in halves
     * ({@code h < k}) the first {@code parts/2} parts take the first half, the others the second, each half's columns
     * split among its parts; otherwise the parts split the columns.
     */
    private static final class SmallTask implements WorkerPool.PartTask {
        int m, n, k, h, aOff, lda, bOff, ldb, cOff, ldc;
        float alpha, beta;
        float[] a, b, c, partials;

        @Override
        public void run(int part, int parts) {
            if (h == k) {
                SmallGemm.columns(m, SmallGemm.columnSplit(n, part, parts), SmallGemm.columnSplit(n, part + 1, parts),
                        k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                return;
            }
            int perHalf = parts / 2;
            int which = part / perHalf;
            int share = part % perHalf;
            SmallGemm.halfColumns(which, m, SmallGemm.columnSplit(n, share, perHalf),
                    SmallGemm.columnSplit(n, share + 1, perHalf), n, h, k, a, aOff, lda, b, bOff, ldb, partials);
        }
    }

    private void run(int parts, Task t) {
        if (parts == 1) {
            t.run(0, 1);
        } else {
            pool.run(parts, t);
        }
    }

    private static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0f ? 0f : beta * c[row + j];
            }
        }
    }

    static int ceil(int x, int unit) {
        return (x + unit - 1) / unit;
    }

    /** Scratch that one thread of a GEMM writes: its A block, edge slivers and an edge tile. */
    private static final class ThreadBuffers {
        /** The A block (MC×KC_MAX floats, 0.4 MB at AVX-512's blocking), allocated on the first GEMM that packs A. */
        float[] aPack;
        final float[] aEdge = new float[MR * KC_MAX];
        final float[] tile = new float[MR * NR];
        /** This thread's B panel when threads split columns (grown on first use). */
        float[] bPack = new float[0];
    }

    /** One GEMM's arguments and the current (jc, pc) block; reused, so a parallel call allocates nothing. */
    private final class Task implements WorkerPool.PartTask {
        static final int PACK_B = 0;
        static final int COMPUTE = 1;
        static final int OWN_COLUMNS = 2;

        int phase;
        boolean transA, transB, packA, splitRows;
        int m, n, k, aOff, lda, bOff, ldb, cOff, ldc;
        int jc, nc, pc, kc, kcBlock;
        float alpha, beta;
        float[] a, b, c, bPack;

        @Override
        public void run(int part, int parts) {
            if (phase == PACK_B) {
                int slivers = ceil(nc, NR);
                GemmPacking.packB(transB, b, bOff, ldb, pc, jc, kc, nc,
                        Shares.start(slivers, part, parts), Shares.start(slivers, part + 1, parts), bPack, 0);
            } else if (phase == COMPUTE) {
                // threads split rows on MR boundaries and share the packed B panel
                int rs = ceil(m, MR);
                int i0 = Math.min(m, Shares.start(rs, part, parts) * MR);
                int i1 = Math.min(m, Shares.start(rs, part + 1, parts) * MR);
                compute(perThread[part], bPack, 0, jc, nc, pc, kc, beta, i0, i1, 0, ceil(nc, NR));
            } else {
                ownColumns(perThread[part], part, parts);
            }
        }

        /** All five loops over this part's share of B's NR slivers, with a private B panel. */
        private void ownColumns(ThreadBuffers buf, int part, int parts) {
            int slivers = ceil(n, NR);
            int j0 = Shares.start(slivers, part, parts) * NR;
            int j1 = Math.min(n, Shares.start(slivers, part + 1, parts) * NR);
            if (j0 >= j1) {
                return;
            }
            if (parts == 1 && shared != null && shared.holds(b)) {
                sharedPanels(buf);
                return;
            }
            int need = ceil(Math.min(NC, j1 - j0), NR) * NR * kcBlock;
            if (buf.bPack.length < need) {
                buf.bPack = new float[need];
            }
            for (int jc = j0; jc < j1; jc += NC) {
                int nc = Math.min(NC, j1 - jc);
                for (int pc = 0; pc < k; pc += kcBlock) {
                    int kc = Math.min(kcBlock, k - pc);
                    GemmPacking.packB(transB, b, bOff, ldb, pc, jc, kc, nc, 0, ceil(nc, NR), buf.bPack, 0);
                    compute(buf, buf.bPack, 0, jc, nc, pc, kc, pc == 0 ? beta : 1f, 0, m, 0, ceil(nc, NR));
                }
            }
        }

        /**
         * The same loops as {@link #ownColumns} on one thread, reading B's panels from the slices' shared copy. A
         * method of its own on purpose: with both variants in {@code ownColumns}, C2 stopped inlining the kernels
         * there and fell back to boxed vectors (the graph's warm replay then allocated 12 KB a step and ran 10×
         * slower).
         */
        private void sharedPanels(ThreadBuffers buf) {
            float[] panels = shared.packed(transB, b, bOff, ldb, k, n, kcBlock);
            for (int jc = 0; jc < n; jc += NC) {
                int nc = Math.min(NC, n - jc);
                for (int pc = 0; pc < k; pc += kcBlock) {
                    int kc = Math.min(kcBlock, k - pc);
                    compute(buf, panels, SharedPanels.offset(jc, nc, pc, k), jc, nc, pc, kc, pc == 0 ? beta : 1f,
                            0, m, 0, ceil(nc, NR));
                }
            }
        }

        /**
         * Rows {@code [i0, i1)} of C against slivers {@code [s0, s1)} of the B panel at {@code bp[bpOff]} (columns
         * {@code jc..jc+nc}, depth {@code pc..pc+kc}).
         */
        private void compute(ThreadBuffers buf, float[] bp, int bpOff, int jc, int nc, int pc, int kc, float beta,
                             int i0, int i1, int s0, int s1) {
            if (i0 >= i1 || s0 >= s1) {
                return;
            }
            int aEdgeRow = -1;
            for (int ic = i0; ic < i1; ic += MC) {
                int mc = Math.min(MC, i1 - ic);
                if (packA) {
                    if (buf.aPack == null) {
                        // kernels are made per call by the simple predict API: most never pack A
                        buf.aPack = new float[MC * KC_MAX];
                    }
                    GemmPacking.packA(transA, a, aOff, lda, ic, pc, mc, kc, buf.aPack);
                }
                for (int s = s0; s < s1; s++) {
                    int jr = s * NR;
                    int cols = Math.min(NR, nc - jr);
                    int bo = bpOff + s * NR * kc;
                    int cCol = cOff + jc + jr;
                    for (int ir = 0; ir < mc; ir += MR) {
                        int rows = Math.min(MR, mc - ir);
                        int i = ic + ir;
                        int cTile = cCol + i * ldc;
                        if (packA) {
                            MicroKernel.packedA(kc, buf.aPack, ir * kc, bp, bo, alpha, beta, c, cTile, ldc,
                                    rows, cols, buf.tile);
                        } else if (rows == MR) {
                            // only row-major A is read in place (GemmPlan): row i starts at aOff + i·lda
                            MicroKernel.rowsA(kc, a, aOff + i * lda + pc, lda, bp, bo, alpha, beta, c, cTile, ldc,
                                    cols, buf.tile);
                        } else {
                            if (aEdgeRow != i) {
                                GemmPacking.packA(transA, a, aOff, lda, i, pc, rows, kc, buf.aEdge);
                                aEdgeRow = i;
                            }
                            MicroKernel.packedA(kc, buf.aEdge, 0, bp, bo, alpha, beta, c, cTile, ldc,
                                    rows, cols, buf.tile);
                        }
                    }
                }
            }
        }
    }
}
