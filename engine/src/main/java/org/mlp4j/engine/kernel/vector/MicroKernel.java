package org.mlp4j.engine.kernel.vector;

import static org.mlp4j.engine.kernel.vector.GemmBlocking.L;
import static org.mlp4j.engine.kernel.vector.GemmBlocking.MR;
import static org.mlp4j.engine.kernel.vector.GemmBlocking.NR;
import static org.mlp4j.engine.kernel.vector.GemmBlocking.S;

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
 * <p>Operands are addressed by strides, so the same kernel reads packed slivers and, for small problems, A and B
 * in place: {@code A[i][p] = a[aOff + i·rsA + p·csA]} (packed: {@code rsA = 1, csA = MR}; row-major A:
 * {@code lda, 1}; Aᵀ: {@code 1, lda}) and {@code B[p][0..NR) = b[bOff + p·rsB ...]} contiguous (packed:
 * {@code rsB = NR}; row-major B: {@code ldb}). Each C element is summed in p order, so the result does not depend on
 * where the operands came from or which thread ran the tile.
 */
final class MicroKernel {

    private MicroKernel() {
    }

    /**
     * {@code C[0..rows)[0..cols) = α·A·B + β·C} for one tile at {@code c[cOff]} (row stride {@code ldc}), using
     * {@code acc} ({@code MR·NR} floats) as scratch. Partial tiles read zero-padded operands; {@code β = 0} does not
     * read C.
     */
    static void tile(int kc, float[] a, int aOff, int rsA, int csA, float[] b, int bOff, int rsB,
                     float alpha, float beta, float[] c, int cOff, int ldc, int rows, int cols, float[] acc) {
        if (MR == 8) {
            tile8(kc, a, aOff, rsA, csA, b, bOff, rsB, acc);
        } else {
            tile6(kc, a, aOff, rsA, csA, b, bOff, rsB, acc);
        }
        if (rows == MR && cols == NR) {
            merge(acc, alpha, beta, c, cOff, ldc);
        } else {
            mergeEdge(acc, alpha, beta, c, cOff, ldc, rows, cols);
        }
    }

    /** The 8×2-vector tile: 16 accumulators, 2 B vectors and 1 broadcast A live in registers. */
    private static void tile8(int kc, float[] a, int aOff, int rsA, int csA, float[] b, int bOff, int rsB, float[] acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = aOff + p * csA;
            int bp = bOff + p * rsB;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector ai;
            ai = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(ai, c00);
            c01 = b1.fma(ai, c01);
            ai = FloatVector.broadcast(S, a[ap + rsA]);
            c10 = b0.fma(ai, c10);
            c11 = b1.fma(ai, c11);
            ai = FloatVector.broadcast(S, a[ap + 2 * rsA]);
            c20 = b0.fma(ai, c20);
            c21 = b1.fma(ai, c21);
            ai = FloatVector.broadcast(S, a[ap + 3 * rsA]);
            c30 = b0.fma(ai, c30);
            c31 = b1.fma(ai, c31);
            ai = FloatVector.broadcast(S, a[ap + 4 * rsA]);
            c40 = b0.fma(ai, c40);
            c41 = b1.fma(ai, c41);
            ai = FloatVector.broadcast(S, a[ap + 5 * rsA]);
            c50 = b0.fma(ai, c50);
            c51 = b1.fma(ai, c51);
            ai = FloatVector.broadcast(S, a[ap + 6 * rsA]);
            c60 = b0.fma(ai, c60);
            c61 = b1.fma(ai, c61);
            ai = FloatVector.broadcast(S, a[ap + 7 * rsA]);
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

    /** The 6×2-vector tile: 12 accumulators, 2 B vectors and 1 broadcast A live in registers. */
    private static void tile6(int kc, float[] a, int aOff, int rsA, int csA, float[] b, int bOff, int rsB, float[] acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ap = aOff + p * csA;
            int bp = bOff + p * rsB;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector ai;
            ai = FloatVector.broadcast(S, a[ap]);
            c00 = b0.fma(ai, c00);
            c01 = b1.fma(ai, c01);
            ai = FloatVector.broadcast(S, a[ap + rsA]);
            c10 = b0.fma(ai, c10);
            c11 = b1.fma(ai, c11);
            ai = FloatVector.broadcast(S, a[ap + 2 * rsA]);
            c20 = b0.fma(ai, c20);
            c21 = b1.fma(ai, c21);
            ai = FloatVector.broadcast(S, a[ap + 3 * rsA]);
            c30 = b0.fma(ai, c30);
            c31 = b1.fma(ai, c31);
            ai = FloatVector.broadcast(S, a[ap + 4 * rsA]);
            c40 = b0.fma(ai, c40);
            c41 = b1.fma(ai, c41);
            ai = FloatVector.broadcast(S, a[ap + 5 * rsA]);
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

    /** {@code C = α·acc + β·C} on a full tile, as {@code fma(C, β, α·acc)}. */
    private static void merge(float[] acc, float alpha, float beta, float[] c, int cOff, int ldc) {
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

    /** The valid corner of a partial tile, with the same rounding as {@link #merge}. */
    private static void mergeEdge(float[] acc, float alpha, float beta, float[] c, int cOff, int ldc, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int ci = cOff + i * ldc, ti = i * NR;
            for (int j = 0; j < cols; j++) {
                float ab = alpha * acc[ti + j];
                c[ci + j] = beta == 0f ? ab : Math.fma(c[ci + j], beta, ab);
            }
        }
    }
}
