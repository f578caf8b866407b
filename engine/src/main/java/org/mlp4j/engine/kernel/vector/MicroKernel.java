package org.mlp4j.engine.kernel.vector;

import static org.mlp4j.engine.kernel.vector.KernelShape.L;
import static org.mlp4j.engine.kernel.vector.GemmBlocking.MR;
import static org.mlp4j.engine.kernel.vector.GemmBlocking.NR;
import static org.mlp4j.engine.kernel.vector.KernelShape.S;

import jdk.incubator.vector.FloatVector;

/**
 * The register-blocked micro-kernel: one {@code MR×NR} tile of C, {@code C = α·A·B + β·C} over {@code kc} steps.
 *
 * <p>Loop structure: for each {@code p < kc}, load one row of the B sliver (two vectors, {@code NR} floats), then for
 * each of the {@code MR} rows broadcast {@code A[i][p]} and do two FMAs into that row's accumulators. Every loaded
 * element feeds {@code MR} or 2 FMAs; the accumulators never leave registers until the loop ends. They are then
 * spilled to a small L1-resident tile and merged into C with α and β by {@link #merge}: keeping the merge out of the
 * kernel keeps the kernel small enough for C2 to intrinsify every Vector API call in it (with the stores inline, C2
 * hits its inlining node limit on JDK 17 and falls back to boxed vectors, 20× slower), and costs 2·MR extra vector
 * stores and loads per {@code kc·2·MR} FMAs.
 *
 * <p>B is always a packed sliver. A is a packed sliver or, for small row-major problems where packing A does not
 * pay, read in place along its rows. Both variants use constant strides in the loop on purpose: with strides passed
 * as arguments C2 keeps a range check and an address computation per broadcast, and the kernel drops from ~98 % to
 * ~80 % of the FMA peak. Each C element is summed in p order, so the result does not depend on where A came from or
 * which thread ran the tile.
 */
final class MicroKernel {
    /** Which loop form {@link #rows6} takes: by the JIT, measured (see there). */
    private static final boolean ROWS6_COUNTING_A = Runtime.version().feature() < 25;

    /**
     * The most rows of a tile {@link #merge} is given: this tile's {@code MR}, or the in-place GEMM's
     * ({@link StridedTile#ROWS}, which {@code -Dmlp4j.gemm.mr} leaves at the JDK's choice).
     */
    private static final int MAX_TILE_ROWS = Math.max(MR, StridedTile.ROWS);

    private MicroKernel() {
    }

    /**
     * {@code C[0..rows)[0..cols) = α·A·B + β·C} for one tile at {@code c[cOff]} (row stride {@code ldc}), A a packed
     * sliver at {@code a[aOff]}, B a packed sliver at {@code b[bOff]}, {@code acc} ({@code MR·NR} floats) scratch.
     * Partial tiles read zero-padded slivers; {@code β = 0} does not read C.
     */
    static void packedA(int kc, float[] a, int aOff, float[] b, int bOff,
                        float alpha, float beta, float[] c, int cOff, int ldc, int rows, int cols, float[] acc) {
        if (MR == 8) {
            packed8(kc, a, aOff, b, bOff, acc);
        } else if (MR == 6) {
            packed6(kc, a, aOff, b, bOff, acc);
        } else {
            packed4(kc, a, aOff, b, bOff, acc);
        }
        merge(acc, alpha, beta, c, cOff, ldc, rows, cols);
    }

    /** As {@link #packedA}, but {@code MR} full rows of A read in place: {@code A[i][p] = a[aOff + i·lda + p]}. */
    static void rowsA(int kc, float[] a, int aOff, int lda, float[] b, int bOff,
                      float alpha, float beta, float[] c, int cOff, int ldc, int cols, float[] acc) {
        if (MR == 8) {
            rows8(kc, a, aOff, lda, b, bOff, acc);
        } else if (MR == 6) {
            rows6(kc, a, aOff, lda, b, bOff, acc);
        } else {
            rows4(kc, a, aOff, lda, b, bOff, acc);
        }
        merge(acc, alpha, beta, c, cOff, ldc, MR, cols);
    }

    /** {@code C = α·acc + β·C} for the valid {@code rows × cols} corner of a tile ({@code acc} rows {@code NR} apart). */
    static void merge(float[] acc, float alpha, float beta, float[] c, int cOff, int ldc, int rows, int cols) {
        if (rows == MR && cols == NR) {
            mergeFull(acc, alpha, beta, c, cOff, ldc);
        } else {
            mergeEdge(acc, alpha, beta, c, cOff, ldc, rows, cols);
        }
    }

    /** 8×2 vectors, A packed: 16 accumulators, 2 B vectors and 1 broadcast A live in registers. */
    private static void packed8(int kc, float[] a, int aOff, float[] b, int bOff, float[] acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = aOff + p * 8;
            int bp = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector ai;
            ai = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(ai, c00);
            c01 = b1.fma(ai, c01);
            ai = FloatVector.broadcast(S, a[ap + 1]);
            c10 = b0.fma(ai, c10);
            c11 = b1.fma(ai, c11);
            ai = FloatVector.broadcast(S, a[ap + 2]);
            c20 = b0.fma(ai, c20);
            c21 = b1.fma(ai, c21);
            ai = FloatVector.broadcast(S, a[ap + 3]);
            c30 = b0.fma(ai, c30);
            c31 = b1.fma(ai, c31);
            ai = FloatVector.broadcast(S, a[ap + 4]);
            c40 = b0.fma(ai, c40);
            c41 = b1.fma(ai, c41);
            ai = FloatVector.broadcast(S, a[ap + 5]);
            c50 = b0.fma(ai, c50);
            c51 = b1.fma(ai, c51);
            ai = FloatVector.broadcast(S, a[ap + 6]);
            c60 = b0.fma(ai, c60);
            c61 = b1.fma(ai, c61);
            ai = FloatVector.broadcast(S, a[ap + 7]);
            c70 = b0.fma(ai, c70);
            c71 = b1.fma(ai, c71);
        }
        c00.intoArray(acc, 0 * L);
        c01.intoArray(acc, 1 * L);
        c10.intoArray(acc, 2 * L);
        c11.intoArray(acc, 3 * L);
        c20.intoArray(acc, 4 * L);
        c21.intoArray(acc, 5 * L);
        c30.intoArray(acc, 6 * L);
        c31.intoArray(acc, 7 * L);
        c40.intoArray(acc, 8 * L);
        c41.intoArray(acc, 9 * L);
        c50.intoArray(acc, 10 * L);
        c51.intoArray(acc, 11 * L);
        c60.intoArray(acc, 12 * L);
        c61.intoArray(acc, 13 * L);
        c70.intoArray(acc, 14 * L);
        c71.intoArray(acc, 15 * L);
    }

    /**
     * 8×2 vectors, A read in place along its rows (row stride {@code lda}). The loop counts in row 0's index of A and
     * reads row r at {@code ap + r·lda}, one address register for the eight rows: with a base per row and {@code p}
     * as the counter, C2 spends a general register and an address computation per row, and the kernel ran at 62–73 %
     * of the FMA peak in L1 against 77–86 % this way (Xeon, AVX-512, k = 64–512, JDK 17 and 25).
     */
    private static void rows8(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int ap = aOff, end = aOff + kc, bp = bOff; ap < end; ap++, bp += NR) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector ai;
            ai = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(ai, c00);
            c01 = b1.fma(ai, c01);
            ai = FloatVector.broadcast(S, a[ap + lda]);
            c10 = b0.fma(ai, c10);
            c11 = b1.fma(ai, c11);
            ai = FloatVector.broadcast(S, a[ap + 2 * lda]);
            c20 = b0.fma(ai, c20);
            c21 = b1.fma(ai, c21);
            ai = FloatVector.broadcast(S, a[ap + 3 * lda]);
            c30 = b0.fma(ai, c30);
            c31 = b1.fma(ai, c31);
            ai = FloatVector.broadcast(S, a[ap + 4 * lda]);
            c40 = b0.fma(ai, c40);
            c41 = b1.fma(ai, c41);
            ai = FloatVector.broadcast(S, a[ap + 5 * lda]);
            c50 = b0.fma(ai, c50);
            c51 = b1.fma(ai, c51);
            ai = FloatVector.broadcast(S, a[ap + 6 * lda]);
            c60 = b0.fma(ai, c60);
            c61 = b1.fma(ai, c61);
            ai = FloatVector.broadcast(S, a[ap + 7 * lda]);
            c70 = b0.fma(ai, c70);
            c71 = b1.fma(ai, c71);
        }
        c00.intoArray(acc, 0 * L);
        c01.intoArray(acc, 1 * L);
        c10.intoArray(acc, 2 * L);
        c11.intoArray(acc, 3 * L);
        c20.intoArray(acc, 4 * L);
        c21.intoArray(acc, 5 * L);
        c30.intoArray(acc, 6 * L);
        c31.intoArray(acc, 7 * L);
        c40.intoArray(acc, 8 * L);
        c41.intoArray(acc, 9 * L);
        c50.intoArray(acc, 10 * L);
        c51.intoArray(acc, 11 * L);
        c60.intoArray(acc, 12 * L);
        c61.intoArray(acc, 13 * L);
        c70.intoArray(acc, 14 * L);
        c71.intoArray(acc, 15 * L);
    }

    /**
     * 6×2 vectors, A packed: 12 accumulators, 2 B vectors and 1 broadcast A live in registers (BLIS's haswell shape).
     *
     * <p>The loop's counter is B's index itself, stepping by {@code NR}, with A's index a second counter stepping by
     * 6. Written as {@code p++} with {@code bOff + p·NR} and {@code aOff + MR·p} (as the other kernels are), JDK 17's
     * C2 recomputes both products from {@code p} every step — in the 4×16 loop's code, ten integer operations beside
     * 4 broadcasts, 2 loads and 8 FMAs: 24 operations for the 4 cycles the FMAs need, all of a Zen 3's six-wide
     * dispatch, so any stall starves the FMAs. Counting in B's index
     * leaves B's range checks hoisted (it is the loop's own induction variable) and three or four integer operations
     * a step. Measured on a Zen 3 at 256 bits, data in L1, the kernels interleaved in one JVM: 1.3–1.5× the
     * {@code p++} 4×16 kernel on JDK 17. Unrolling k by hand instead makes C2 hoist every B load of the unrolled
     * steps and spill accumulators (0.6×). See {@link KernelShape} for where this tile is used.
     */
    private static void packed6(int kc, float[] a, int aOff, float[] b, int bOff, float[] acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int bp = bOff, end = bOff + kc * NR, ap = aOff; bp < end; bp += NR, ap += 6) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector ai;
            ai = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(ai, c00);
            c01 = b1.fma(ai, c01);
            ai = FloatVector.broadcast(S, a[ap + 1]);
            c10 = b0.fma(ai, c10);
            c11 = b1.fma(ai, c11);
            ai = FloatVector.broadcast(S, a[ap + 2]);
            c20 = b0.fma(ai, c20);
            c21 = b1.fma(ai, c21);
            ai = FloatVector.broadcast(S, a[ap + 3]);
            c30 = b0.fma(ai, c30);
            c31 = b1.fma(ai, c31);
            ai = FloatVector.broadcast(S, a[ap + 4]);
            c40 = b0.fma(ai, c40);
            c41 = b1.fma(ai, c41);
            ai = FloatVector.broadcast(S, a[ap + 5]);
            c50 = b0.fma(ai, c50);
            c51 = b1.fma(ai, c51);
        }
        c00.intoArray(acc, 0 * L);
        c01.intoArray(acc, 1 * L);
        c10.intoArray(acc, 2 * L);
        c11.intoArray(acc, 3 * L);
        c20.intoArray(acc, 4 * L);
        c21.intoArray(acc, 5 * L);
        c30.intoArray(acc, 6 * L);
        c31.intoArray(acc, 7 * L);
        c40.intoArray(acc, 8 * L);
        c41.intoArray(acc, 9 * L);
        c50.intoArray(acc, 10 * L);
        c51.intoArray(acc, 11 * L);
    }

    /**
     * 6×2 vectors, A read in place along its rows (row stride {@code lda}). Two loop forms, because the two C2s we
     * run compile them differently (seen with {@code -XX:+PrintAssembly}, measured on a Zen 4 with
     * {@code -XX:UseAVX=2}, one thread, {@code 64..1000 × 64..128 × 128..784} NN GEMMs paired in one JVM):
     * <ul>
     *   <li>JDK 17–24 ({@link #rows6CountingA}): the loop counts in row 0's index of A and reads row r at
     *       {@code ap + r·lda}, as {@link #rows8} does. Counting in B's index instead leaves A's index a second
     *       variable, so C2 keeps a range check on every broadcast (mov, add, cmp and a branch for each of the six
     *       rows: 46 instructions for 12 FMAs, more than a six-wide front end issues in the six cycles the FMAs
     *       need); this way A's checks leave the loop and B's two remain (40 instructions): 1.07–1.10× the GFLOP/s.</li>
     *   <li>JDK 25 and later ({@link #rows6CountingB}): Temurin 25's C2 spills accumulators in the A-counting form
     *       (0.43× the B-counting one, which there runs at 94–97 GFLOP/s). Only the {@code -Dmlp4j.gemm.mr=6}
     *       override reaches this tile on 25 ({@link KernelShape}).</li>
     * </ul>
     */
    private static void rows6(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] acc) {
        if (ROWS6_COUNTING_A) {
            rows6CountingA(kc, a, aOff, lda, b, bOff, acc);
        } else {
            rows6CountingB(kc, a, aOff, lda, b, bOff, acc);
        }
    }

    /** {@link #rows6}'s form for JDK 17–24: the loop counts in A's index. */
    private static void rows6CountingA(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int ap = aOff, end = aOff + kc, bp = bOff; ap < end; ap++, bp += NR) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector ai;
            ai = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(ai, c00);
            c01 = b1.fma(ai, c01);
            ai = FloatVector.broadcast(S, a[ap + lda]);
            c10 = b0.fma(ai, c10);
            c11 = b1.fma(ai, c11);
            ai = FloatVector.broadcast(S, a[ap + 2 * lda]);
            c20 = b0.fma(ai, c20);
            c21 = b1.fma(ai, c21);
            ai = FloatVector.broadcast(S, a[ap + 3 * lda]);
            c30 = b0.fma(ai, c30);
            c31 = b1.fma(ai, c31);
            ai = FloatVector.broadcast(S, a[ap + 4 * lda]);
            c40 = b0.fma(ai, c40);
            c41 = b1.fma(ai, c41);
            ai = FloatVector.broadcast(S, a[ap + 5 * lda]);
            c50 = b0.fma(ai, c50);
            c51 = b1.fma(ai, c51);
        }
        c00.intoArray(acc, 0 * L);
        c01.intoArray(acc, 1 * L);
        c10.intoArray(acc, 2 * L);
        c11.intoArray(acc, 3 * L);
        c20.intoArray(acc, 4 * L);
        c21.intoArray(acc, 5 * L);
        c30.intoArray(acc, 6 * L);
        c31.intoArray(acc, 7 * L);
        c40.intoArray(acc, 8 * L);
        c41.intoArray(acc, 9 * L);
        c50.intoArray(acc, 10 * L);
        c51.intoArray(acc, 11 * L);
    }

    /** {@link #rows6}'s form for JDK 25 and later: the loop counts in B's index, as {@link #packed6} does. */
    private static void rows6CountingB(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] acc) {
        int a0 = aOff, a1 = aOff + lda, a2 = aOff + 2 * lda, a3 = aOff + 3 * lda, a4 = aOff + 4 * lda, a5 = aOff + 5 * lda;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int bp = bOff, end = bOff + kc * NR, p = 0; bp < end; bp += NR, p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector ai;
            ai = FloatVector.broadcast(S, a[a0 + p]);
            c00 = b0.fma(ai, c00);
            c01 = b1.fma(ai, c01);
            ai = FloatVector.broadcast(S, a[a1 + p]);
            c10 = b0.fma(ai, c10);
            c11 = b1.fma(ai, c11);
            ai = FloatVector.broadcast(S, a[a2 + p]);
            c20 = b0.fma(ai, c20);
            c21 = b1.fma(ai, c21);
            ai = FloatVector.broadcast(S, a[a3 + p]);
            c30 = b0.fma(ai, c30);
            c31 = b1.fma(ai, c31);
            ai = FloatVector.broadcast(S, a[a4 + p]);
            c40 = b0.fma(ai, c40);
            c41 = b1.fma(ai, c41);
            ai = FloatVector.broadcast(S, a[a5 + p]);
            c50 = b0.fma(ai, c50);
            c51 = b1.fma(ai, c51);
        }
        c00.intoArray(acc, 0 * L);
        c01.intoArray(acc, 1 * L);
        c10.intoArray(acc, 2 * L);
        c11.intoArray(acc, 3 * L);
        c20.intoArray(acc, 4 * L);
        c21.intoArray(acc, 5 * L);
        c30.intoArray(acc, 6 * L);
        c31.intoArray(acc, 7 * L);
        c40.intoArray(acc, 8 * L);
        c41.intoArray(acc, 9 * L);
        c50.intoArray(acc, 10 * L);
        c51.intoArray(acc, 11 * L);
    }

    /** 4×2 vectors, A packed: 8 accumulators, 2 B vectors and up to 4 broadcasts of A in registers. */
    private static void packed4(int kc, float[] a, int aOff, float[] b, int bOff, float[] acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = aOff + p * 4;
            int bp = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector ai;
            ai = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(ai, c00);
            c01 = b1.fma(ai, c01);
            ai = FloatVector.broadcast(S, a[ap + 1]);
            c10 = b0.fma(ai, c10);
            c11 = b1.fma(ai, c11);
            ai = FloatVector.broadcast(S, a[ap + 2]);
            c20 = b0.fma(ai, c20);
            c21 = b1.fma(ai, c21);
            ai = FloatVector.broadcast(S, a[ap + 3]);
            c30 = b0.fma(ai, c30);
            c31 = b1.fma(ai, c31);
        }
        c00.intoArray(acc, 0 * L);
        c01.intoArray(acc, 1 * L);
        c10.intoArray(acc, 2 * L);
        c11.intoArray(acc, 3 * L);
        c20.intoArray(acc, 4 * L);
        c21.intoArray(acc, 5 * L);
        c30.intoArray(acc, 6 * L);
        c31.intoArray(acc, 7 * L);
    }

    /** 4×2 vectors, A read in place along its rows (row stride {@code lda}). */
    private static void rows4(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] acc) {
        int a0 = aOff, a1 = aOff + lda, a2 = aOff + 2 * lda, a3 = aOff + 3 * lda;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bp = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector ai;
            ai = FloatVector.broadcast(S, a[a0 + p]);
            c00 = b0.fma(ai, c00);
            c01 = b1.fma(ai, c01);
            ai = FloatVector.broadcast(S, a[a1 + p]);
            c10 = b0.fma(ai, c10);
            c11 = b1.fma(ai, c11);
            ai = FloatVector.broadcast(S, a[a2 + p]);
            c20 = b0.fma(ai, c20);
            c21 = b1.fma(ai, c21);
            ai = FloatVector.broadcast(S, a[a3 + p]);
            c30 = b0.fma(ai, c30);
            c31 = b1.fma(ai, c31);
        }
        c00.intoArray(acc, 0 * L);
        c01.intoArray(acc, 1 * L);
        c10.intoArray(acc, 2 * L);
        c11.intoArray(acc, 3 * L);
        c20.intoArray(acc, 4 * L);
        c21.intoArray(acc, 5 * L);
        c30.intoArray(acc, 6 * L);
        c31.intoArray(acc, 7 * L);
    }

    /**
     * {@code C = α·acc + β·C} on a full tile, as {@code fma(C, β, α·acc)}. The row count is the constant {@code MR}
     * on purpose: with a variable bound, JDK 17's C2 (256-bit, 6-row tile) sometimes left this loop's vectors boxed
     * in a warm training step (caught by {@code ZeroAllocationTest}).
     */
    private static void mergeFull(float[] acc, float alpha, float beta, float[] c, int cOff, int ldc) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        if (beta == 0f) {
            for (int i = 0; i < MR; i++) {
                int ci = cOff + i * ldc, ti = i * NR;
                FloatVector.fromArray(S, acc, ti).mul(va).intoArray(c, ci);
                FloatVector.fromArray(S, acc, ti + L).mul(va).intoArray(c, ci + L);
            }
        } else {
            FloatVector vb = FloatVector.broadcast(S, beta);
            for (int i = 0; i < MR; i++) {
                int ci = cOff + i * ldc, ti = i * NR;
                FloatVector.fromArray(S, c, ci).fma(vb, FloatVector.fromArray(S, acc, ti).mul(va)).intoArray(c, ci);
                FloatVector.fromArray(S, c, ci + L).fma(vb, FloatVector.fromArray(S, acc, ti + L).mul(va))
                        .intoArray(c, ci + L);
            }
        }
    }

    /**
     * The valid corner of a partial tile, with the same rounding as {@link #mergeFull}. Small problems (a batch of
     * 64, 100 or 110 units, output layers of 10) have an edge tile in most slivers, so this is vector code where it
     * can be: a row of at least {@code L} columns ({@code cols ≤ NR = 2·L}) is two vectors, the first at column 0 and
     * the second ending at column {@code cols}, overlapping the first when {@code cols} is not {@code 2·L}; both
     * read C before either is stored, so the overlapping lanes get the same value twice. Narrower rows go column
     * by column. The earlier form (whole vectors, then the {@code cols mod L} columns one by one) took about 65 ns
     * for a 6 × 14 corner against 8 for a full tile, this one about 15 (Zen 3, JDK 17; Temurin 25 alike); JFR put
     * 2.5–8 % of a deep BSDE iteration on the edge merges.
     */
    private static void mergeEdge(float[] acc, float alpha, float beta, float[] c, int cOff, int ldc, int rows, int cols) {
        if (cols < L) {
            mergeNarrow(acc, alpha, beta, c, cOff, ldc, rows, cols);
            return;
        }
        int last = cols - L;
        FloatVector va = FloatVector.broadcast(S, alpha);
        // a constant bound with a guard, not `i < rows`, for the reason given at mergeFull
        if (beta == 0f) {
            for (int i = 0; i < MAX_TILE_ROWS; i++) {
                if (i < rows) {
                    int ci = cOff + i * ldc, ti = i * NR;
                    FloatVector lo = FloatVector.fromArray(S, acc, ti).mul(va);
                    FloatVector hi = FloatVector.fromArray(S, acc, ti + last).mul(va);
                    lo.intoArray(c, ci);
                    hi.intoArray(c, ci + last);
                }
            }
        } else {
            FloatVector vb = FloatVector.broadcast(S, beta);
            for (int i = 0; i < MAX_TILE_ROWS; i++) {
                if (i < rows) {
                    int ci = cOff + i * ldc, ti = i * NR;
                    FloatVector lo = FloatVector.fromArray(S, c, ci)
                            .fma(vb, FloatVector.fromArray(S, acc, ti).mul(va));
                    FloatVector hi = FloatVector.fromArray(S, c, ci + last)
                            .fma(vb, FloatVector.fromArray(S, acc, ti + last).mul(va));
                    lo.intoArray(c, ci);
                    hi.intoArray(c, ci + last);
                }
            }
        }
    }

    /** {@link #mergeEdge} for fewer than {@code L} columns: {@code fma(C, β, α·acc)} element by element. */
    private static void mergeNarrow(float[] acc, float alpha, float beta, float[] c, int cOff, int ldc,
                                    int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int ci = cOff + i * ldc, ti = i * NR;
            if (beta == 0f) {
                for (int j = 0; j < cols; j++) {
                    c[ci + j] = alpha * acc[ti + j];
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    c[ci + j] = Math.fma(c[ci + j], beta, alpha * acc[ti + j]);
                }
            }
        }
    }
}
