package org.mlp4j.engine.kernel.vector;

import static org.mlp4j.engine.kernel.vector.GemmBlocking.NR;
import static org.mlp4j.engine.kernel.vector.KernelShape.L;
import static org.mlp4j.engine.kernel.vector.KernelShape.S;

import jdk.incubator.vector.FloatVector;

/**
 * The register tiles of {@link InPlaceGemm}: {@code ROWS} rows of C by one or two vectors, {@code A·B} over
 * {@code kc} steps, with A and B read where they lie — B's rows {@code ldb} apart, A either along its rows
 * ({@code A[i][p] = a[aOff + i·lda + p]}) or as Aᵀ's {@code ROWS} consecutive floats per p
 * ({@code A[i][p] = a[aOff + p·aStep + i]}, which is also the layout of a packed A sliver with {@code aStep = ROWS}).
 *
 * <p>Loop structure, as {@link MicroKernel}'s: for each p, load B's row (one or two vectors), broadcast each of the
 * {@code ROWS} values of A's column p and FMA it into that row's accumulators. The accumulators stay in registers and
 * are stored at the end to {@code dst} from {@code dOff}, rows {@code dStride} apart: straight into C when the
 * product is all there is to it (α = 1, β = 0, a whole tile), else into a tile that is merged with α and β.
 *
 * <p>B's index steps by {@code ldb} as a second loop variable, so its range check stays in the loop (one compare per
 * B vector, against 8 or 16 FMAs). Along A's rows, the loop counts in row 0's index and reads row r at
 * {@code ap + r·lda}: one address register for all rows (with a base per row and {@code p} as the counter, C2 spends
 * a general register and an address computation per row, and the 8-row tile ran at 57–60 % of the FMA peak in L1
 * against 83 % this way; Xeon, Temurin 25).
 *
 * <p>{@code ROWS} is 8 with 32 vector registers: 16 accumulators, 2 B vectors and a broadcast. With 16 it follows the
 * packed kernel's choice by JIT ({@link KernelShape}): 6 rows (12 accumulators) on JDK 17–24; 4 from JDK 25, whose
 * C2 schedules the broadcasts ahead of their FMAs and spills 12 accumulators (the 6-row tiles ran the small net's
 * weight gradients at 0.58–0.65× the packed path on Temurin 25, the 4-row ones at 1.05–1.11×). {@link GemmPlan#inPlace}
 * then takes these tiles for weight gradients (A as Aᵀ's columns) only; A along its rows has 8-row tiles only.
 */
final class StridedTile {
    /** The packed tile's rows by registers and JIT ({@link KernelShape#rows}), not its {@code mlp4j.gemm.mr} override. */
    static final int ROWS = KernelShape.rows(0, KernelShape.REGISTERS, Runtime.version().feature());

    private StridedTile() {
    }

    /**
     * {@code dst = A·B} with A along its rows; {@code narrow}: one vector of B's columns, else two. 8-row tiles only:
     * with 16 registers {@link GemmPlan#inPlace} sends no such product here.
     */
    static void rowsOfA(boolean narrow, int kc, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float[] dst, int dOff, int dStride) {
        if (ROWS != 8) {
            throw new IllegalStateException("A along its rows is read in place by 8-row tiles only (GemmPlan.inPlace)");
        }
        if (narrow) {
            rows8x1(kc, a, aOff, lda, b, bOff, ldb, dst, dOff, dStride);
        } else {
            rows8x2(kc, a, aOff, lda, b, bOff, ldb, dst, dOff, dStride);
        }
    }

    /** {@code dst = A·B} with A as {@code ROWS} consecutive floats per p, {@code aStep} apart. */
    static void columnsOfA(boolean narrow, int kc, float[] a, int aOff, int aStep, float[] b, int bOff, int ldb,
                           float[] dst, int dOff, int dStride) {
        if (ROWS == 6) {
            if (narrow) {
                cols6x1(kc, a, aOff, aStep, b, bOff, ldb, dst, dOff, dStride);
            } else {
                cols6x2(kc, a, aOff, aStep, b, bOff, ldb, dst, dOff, dStride);
            }
        } else if (ROWS == 4) {
            if (narrow) {
                cols4x1(kc, a, aOff, aStep, b, bOff, ldb, dst, dOff, dStride);
            } else {
                cols4x2(kc, a, aOff, aStep, b, bOff, ldb, dst, dOff, dStride);
            }
        } else if (narrow) {
            cols8x1(kc, a, aOff, aStep, b, bOff, ldb, dst, dOff, dStride);
        } else {
            cols8x2(kc, a, aOff, aStep, b, bOff, ldb, dst, dOff, dStride);
        }
    }

    /** 8 rows of A in place along its rows (row stride {@code lda}) by two vectors of B. */
    private static void rows8x2(int kc, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float[] dst, int dOff, int dStride) {
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
        c00.intoArray(dst, dOff);
        c01.intoArray(dst, dOff + L);
        c10.intoArray(dst, dOff + dStride);
        c11.intoArray(dst, dOff + dStride + L);
        c20.intoArray(dst, dOff + 2 * dStride);
        c21.intoArray(dst, dOff + 2 * dStride + L);
        c30.intoArray(dst, dOff + 3 * dStride);
        c31.intoArray(dst, dOff + 3 * dStride + L);
        c40.intoArray(dst, dOff + 4 * dStride);
        c41.intoArray(dst, dOff + 4 * dStride + L);
        c50.intoArray(dst, dOff + 5 * dStride);
        c51.intoArray(dst, dOff + 5 * dStride + L);
        c60.intoArray(dst, dOff + 6 * dStride);
        c61.intoArray(dst, dOff + 6 * dStride + L);
        c70.intoArray(dst, dOff + 7 * dStride);
        c71.intoArray(dst, dOff + 7 * dStride + L);
    }

    /** 8 rows of A in place along its rows (row stride {@code lda}) by one vector of B. */
    private static void rows8x1(int kc, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float[] dst, int dOff, int dStride) {
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
        c00.intoArray(dst, dOff);
        c10.intoArray(dst, dOff + dStride);
        c20.intoArray(dst, dOff + 2 * dStride);
        c30.intoArray(dst, dOff + 3 * dStride);
        c40.intoArray(dst, dOff + 4 * dStride);
        c50.intoArray(dst, dOff + 5 * dStride);
        c60.intoArray(dst, dOff + 6 * dStride);
        c70.intoArray(dst, dOff + 7 * dStride);
    }

    /** 8 rows of A as 8 consecutive floats per p ({@code A[i][p] = a[aOff + p·aStep + i]}) by two vectors of B. */
    private static void cols8x2(int kc, float[] a, int aOff, int aStep, float[] b, int bOff, int ldb,
                                float[] dst, int dOff, int dStride) {
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
        c00.intoArray(dst, dOff);
        c01.intoArray(dst, dOff + L);
        c10.intoArray(dst, dOff + dStride);
        c11.intoArray(dst, dOff + dStride + L);
        c20.intoArray(dst, dOff + 2 * dStride);
        c21.intoArray(dst, dOff + 2 * dStride + L);
        c30.intoArray(dst, dOff + 3 * dStride);
        c31.intoArray(dst, dOff + 3 * dStride + L);
        c40.intoArray(dst, dOff + 4 * dStride);
        c41.intoArray(dst, dOff + 4 * dStride + L);
        c50.intoArray(dst, dOff + 5 * dStride);
        c51.intoArray(dst, dOff + 5 * dStride + L);
        c60.intoArray(dst, dOff + 6 * dStride);
        c61.intoArray(dst, dOff + 6 * dStride + L);
        c70.intoArray(dst, dOff + 7 * dStride);
        c71.intoArray(dst, dOff + 7 * dStride + L);
    }

    /** 8 rows of A as 8 consecutive floats per p ({@code A[i][p] = a[aOff + p·aStep + i]}) by one vector of B. */
    private static void cols8x1(int kc, float[] a, int aOff, int aStep, float[] b, int bOff, int ldb,
                                float[] dst, int dOff, int dStride) {
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
        c00.intoArray(dst, dOff);
        c10.intoArray(dst, dOff + dStride);
        c20.intoArray(dst, dOff + 2 * dStride);
        c30.intoArray(dst, dOff + 3 * dStride);
        c40.intoArray(dst, dOff + 4 * dStride);
        c50.intoArray(dst, dOff + 5 * dStride);
        c60.intoArray(dst, dOff + 6 * dStride);
        c70.intoArray(dst, dOff + 7 * dStride);
    }

    /** 6 rows of A as 6 consecutive floats per p ({@code A[i][p] = a[aOff + p·aStep + i]}) by two vectors of B. */
    private static void cols6x2(int kc, float[] a, int aOff, int aStep, float[] b, int bOff, int ldb,
                                float[] dst, int dOff, int dStride) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
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
        }
        c00.intoArray(dst, dOff);
        c01.intoArray(dst, dOff + L);
        c10.intoArray(dst, dOff + dStride);
        c11.intoArray(dst, dOff + dStride + L);
        c20.intoArray(dst, dOff + 2 * dStride);
        c21.intoArray(dst, dOff + 2 * dStride + L);
        c30.intoArray(dst, dOff + 3 * dStride);
        c31.intoArray(dst, dOff + 3 * dStride + L);
        c40.intoArray(dst, dOff + 4 * dStride);
        c41.intoArray(dst, dOff + 4 * dStride + L);
        c50.intoArray(dst, dOff + 5 * dStride);
        c51.intoArray(dst, dOff + 5 * dStride + L);
    }

    /** 6 rows of A as 6 consecutive floats per p ({@code A[i][p] = a[aOff + p·aStep + i]}) by one vector of B. */
    private static void cols6x1(int kc, float[] a, int aOff, int aStep, float[] b, int bOff, int ldb,
                                float[] dst, int dOff, int dStride) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
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
        }
        c00.intoArray(dst, dOff);
        c10.intoArray(dst, dOff + dStride);
        c20.intoArray(dst, dOff + 2 * dStride);
        c30.intoArray(dst, dOff + 3 * dStride);
        c40.intoArray(dst, dOff + 4 * dStride);
        c50.intoArray(dst, dOff + 5 * dStride);
    }

    /** 4 rows of A as 4 consecutive floats per p ({@code A[i][p] = a[aOff + p·aStep + i]}) by two vectors of B. */
    private static void cols4x2(int kc, float[] a, int aOff, int aStep, float[] b, int bOff, int ldb,
                                float[] dst, int dOff, int dStride) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
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
        }
        c00.intoArray(dst, dOff);
        c01.intoArray(dst, dOff + L);
        c10.intoArray(dst, dOff + dStride);
        c11.intoArray(dst, dOff + dStride + L);
        c20.intoArray(dst, dOff + 2 * dStride);
        c21.intoArray(dst, dOff + 2 * dStride + L);
        c30.intoArray(dst, dOff + 3 * dStride);
        c31.intoArray(dst, dOff + 3 * dStride + L);
    }

    /** 4 rows of A as 4 consecutive floats per p ({@code A[i][p] = a[aOff + p·aStep + i]}) by one vector of B. */
    private static void cols4x1(int kc, float[] a, int aOff, int aStep, float[] b, int bOff, int ldb,
                                float[] dst, int dOff, int dStride) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
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
        }
        c00.intoArray(dst, dOff);
        c10.intoArray(dst, dOff + dStride);
        c20.intoArray(dst, dOff + 2 * dStride);
        c30.intoArray(dst, dOff + 3 * dStride);
    }
}
