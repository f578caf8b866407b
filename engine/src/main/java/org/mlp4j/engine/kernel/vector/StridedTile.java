package org.mlp4j.engine.kernel.vector;

import static org.mlp4j.engine.kernel.vector.GemmBlocking.NR;
import static org.mlp4j.engine.kernel.vector.KernelShape.L;
import static org.mlp4j.engine.kernel.vector.KernelShape.S;

import jdk.incubator.vector.FloatVector;

/**
 * The register tiles of {@link InPlaceGemm}: {@code ROWS} rows of C by one or two vectors, {@code acc = A·B} over
 * {@code kc} steps, with A and B read where they lie — B's rows {@code ldb} apart, A either along its rows
 * ({@code A[i][p] = a[aOff + i·lda + p]}) or as Aᵀ's {@code ROWS} consecutive floats per p
 * ({@code A[i][p] = a[aOff + p·aStep + i]}, which is also the layout of a packed A sliver with {@code aStep = ROWS}).
 *
 * <p>Loop structure, as {@link MicroKernel}'s: for each p, load B's row (one or two vectors), broadcast each of the
 * {@code ROWS} values of A's column p and FMA it into that row's accumulators; the accumulators stay in registers and
 * are stored to {@code acc} (rows {@code NR} floats apart) at the end. B's index steps by {@code ldb} as a second
 * loop variable, so its range check stays in the loop (one compare per B vector, against 8 or 16 FMAs). Along A's
 * rows, the loop counts in row 0's index and row r is read at {@code ap + r·lda}: one address register for all
 * rows (with a base per row and {@code p} as the counter, C2 spends a general register and an address computation
 * per row and the 8-row tile ran at 57–60 % of the FMA peak in L1, against 83 % this way; Xeon, Temurin 25). {@code ROWS} is 8: 16 accumulators, 2 B vectors and a
 * broadcast, for 32 vector registers ({@link GemmPlan#inPlace} uses these tiles only there: with 16 registers a
 * 4-row version of them measured 0.84–1.13× the packed path on the subnet shapes, AVX2 path on JDK 17 and 25).
 */
final class StridedTile {
    static final int ROWS = 8;

    private StridedTile() {
    }

    /** {@code acc = A·B} with A along its rows; {@code narrow}: one vector of B's columns, else two. */
    static void rowsOfA(boolean narrow, int kc, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float[] acc) {
        if (narrow) {
            rows8x1(kc, a, aOff, lda, b, bOff, ldb, acc);
        } else {
            rows8x2(kc, a, aOff, lda, b, bOff, ldb, acc);
        }
    }

    /** {@code acc = A·B} with A as {@code ROWS} consecutive floats per p, {@code aStep} apart. */
    static void columnsOfA(boolean narrow, int kc, float[] a, int aOff, int aStep, float[] b, int bOff, int ldb,
                           float[] acc) {
        if (narrow) {
            cols8x1(kc, a, aOff, aStep, b, bOff, ldb, acc);
        } else {
            cols8x2(kc, a, aOff, aStep, b, bOff, ldb, acc);
        }
    }

    /** 8 rows of A in place along its rows (row stride {@code lda}) by two vectors of B. */
    private static void rows8x2(int kc, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int ap = aOff, end = aOff + kc, bp = bOff; ap < end; ap++, bp += ldb) {
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
        c00.intoArray(acc, 0);
        c01.intoArray(acc, 0 + L);
        c10.intoArray(acc, 1 * NR);
        c11.intoArray(acc, 1 * NR + L);
        c20.intoArray(acc, 2 * NR);
        c21.intoArray(acc, 2 * NR + L);
        c30.intoArray(acc, 3 * NR);
        c31.intoArray(acc, 3 * NR + L);
        c40.intoArray(acc, 4 * NR);
        c41.intoArray(acc, 4 * NR + L);
        c50.intoArray(acc, 5 * NR);
        c51.intoArray(acc, 5 * NR + L);
        c60.intoArray(acc, 6 * NR);
        c61.intoArray(acc, 6 * NR + L);
        c70.intoArray(acc, 7 * NR);
        c71.intoArray(acc, 7 * NR + L);
    }

    /** 8 rows of A in place along its rows (row stride {@code lda}) by one vector of B. */
    private static void rows8x1(int kc, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] acc) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        for (int ap = aOff, end = aOff + kc, bp = bOff; ap < end; ap++, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector ai;
            ai = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(ai, c00);
            ai = FloatVector.broadcast(S, a[ap + lda]);
            c10 = b0.fma(ai, c10);
            ai = FloatVector.broadcast(S, a[ap + 2 * lda]);
            c20 = b0.fma(ai, c20);
            ai = FloatVector.broadcast(S, a[ap + 3 * lda]);
            c30 = b0.fma(ai, c30);
            ai = FloatVector.broadcast(S, a[ap + 4 * lda]);
            c40 = b0.fma(ai, c40);
            ai = FloatVector.broadcast(S, a[ap + 5 * lda]);
            c50 = b0.fma(ai, c50);
            ai = FloatVector.broadcast(S, a[ap + 6 * lda]);
            c60 = b0.fma(ai, c60);
            ai = FloatVector.broadcast(S, a[ap + 7 * lda]);
            c70 = b0.fma(ai, c70);
        }
        c00.intoArray(acc, 0);
        c10.intoArray(acc, 1 * NR);
        c20.intoArray(acc, 2 * NR);
        c30.intoArray(acc, 3 * NR);
        c40.intoArray(acc, 4 * NR);
        c50.intoArray(acc, 5 * NR);
        c60.intoArray(acc, 6 * NR);
        c70.intoArray(acc, 7 * NR);
    }

    /** 8 rows of A as 8 consecutive floats per p ({@code A[i][p] = a[aOff + p·aStep + i]}) by two vectors of B. */
    private static void cols8x2(int kc, float[] a, int aOff, int aStep, float[] b, int bOff, int ldb, float[] acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0, bp = bOff, ap = aOff; p < kc; p++, bp += ldb, ap += aStep) {
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
        c00.intoArray(acc, 0);
        c01.intoArray(acc, 0 + L);
        c10.intoArray(acc, 1 * NR);
        c11.intoArray(acc, 1 * NR + L);
        c20.intoArray(acc, 2 * NR);
        c21.intoArray(acc, 2 * NR + L);
        c30.intoArray(acc, 3 * NR);
        c31.intoArray(acc, 3 * NR + L);
        c40.intoArray(acc, 4 * NR);
        c41.intoArray(acc, 4 * NR + L);
        c50.intoArray(acc, 5 * NR);
        c51.intoArray(acc, 5 * NR + L);
        c60.intoArray(acc, 6 * NR);
        c61.intoArray(acc, 6 * NR + L);
        c70.intoArray(acc, 7 * NR);
        c71.intoArray(acc, 7 * NR + L);
    }

    /** 8 rows of A as 8 consecutive floats per p ({@code A[i][p] = a[aOff + p·aStep + i]}) by one vector of B. */
    private static void cols8x1(int kc, float[] a, int aOff, int aStep, float[] b, int bOff, int ldb, float[] acc) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        for (int p = 0, bp = bOff, ap = aOff; p < kc; p++, bp += ldb, ap += aStep) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector ai;
            ai = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(ai, c00);
            ai = FloatVector.broadcast(S, a[ap + 1]);
            c10 = b0.fma(ai, c10);
            ai = FloatVector.broadcast(S, a[ap + 2]);
            c20 = b0.fma(ai, c20);
            ai = FloatVector.broadcast(S, a[ap + 3]);
            c30 = b0.fma(ai, c30);
            ai = FloatVector.broadcast(S, a[ap + 4]);
            c40 = b0.fma(ai, c40);
            ai = FloatVector.broadcast(S, a[ap + 5]);
            c50 = b0.fma(ai, c50);
            ai = FloatVector.broadcast(S, a[ap + 6]);
            c60 = b0.fma(ai, c60);
            ai = FloatVector.broadcast(S, a[ap + 7]);
            c70 = b0.fma(ai, c70);
        }
        c00.intoArray(acc, 0);
        c10.intoArray(acc, 1 * NR);
        c20.intoArray(acc, 2 * NR);
        c30.intoArray(acc, 3 * NR);
        c40.intoArray(acc, 4 * NR);
        c50.intoArray(acc, 5 * NR);
        c60.intoArray(acc, 6 * NR);
        c70.intoArray(acc, 7 * NR);
    }
}
