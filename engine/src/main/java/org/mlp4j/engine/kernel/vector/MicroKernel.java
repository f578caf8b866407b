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
 * element feeds {@code MR} or 2 FMAs; the accumulators never leave registers until the final store.
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

    /** A full tile at {@code c[cOff]} (row stride {@code ldc}); {@code β = 0} does not read C. */
    static void tile(int kc, float[] a, int aOff, int rsA, int csA, float[] b, int bOff, int rsB,
                     float alpha, float beta, float[] c, int cOff, int ldc) {
        if (MR == 8) {
            tile8(kc, a, aOff, rsA, csA, b, bOff, rsB, alpha, beta, c, cOff, ldc);
        } else {
            tile6(kc, a, aOff, rsA, csA, b, bOff, rsB, alpha, beta, c, cOff, ldc);
        }
    }

    /**
     * A partial tile ({@code rows ≤ MR}, {@code cols ≤ NR}): the full tile is computed into {@code scratch} (the
     * operands are zero-padded), then the valid corner is merged into C with the same rounding as {@link #tile}.
     */
    static void edge(int kc, float[] a, int aOff, int rsA, int csA, float[] b, int bOff, int rsB,
                     float alpha, float beta, float[] c, int cOff, int ldc, int rows, int cols, float[] scratch) {
        tile(kc, a, aOff, rsA, csA, b, bOff, rsB, 1f, 0f, scratch, 0, NR);
        for (int i = 0; i < rows; i++) {
            int ci = cOff + i * ldc;
            int ti = i * NR;
            for (int j = 0; j < cols; j++) {
                float ab = alpha * scratch[ti + j];
                c[ci + j] = beta == 0f ? ab : Math.fma(c[ci + j], beta, ab);
            }
        }
    }

    /** The 8×2-vector tile: 16 accumulators, 2 B vectors and 1 broadcast A live in registers. */
    private static void tile8(int kc, float[] a, int aOff, int rsA, int csA, float[] b, int bOff, int rsB,
                              float alpha, float beta, float[] c, int cOff, int ldc) {
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
        FloatVector va = FloatVector.broadcast(S, alpha);
        if (beta == 0f) {
            put(c00, c01, va, c, cOff);
            put(c10, c11, va, c, cOff + ldc);
            put(c20, c21, va, c, cOff + 2 * ldc);
            put(c30, c31, va, c, cOff + 3 * ldc);
            put(c40, c41, va, c, cOff + 4 * ldc);
            put(c50, c51, va, c, cOff + 5 * ldc);
            put(c60, c61, va, c, cOff + 6 * ldc);
            put(c70, c71, va, c, cOff + 7 * ldc);
        } else {
            FloatVector vb = FloatVector.broadcast(S, beta);
            update(c00, c01, va, vb, c, cOff);
            update(c10, c11, va, vb, c, cOff + ldc);
            update(c20, c21, va, vb, c, cOff + 2 * ldc);
            update(c30, c31, va, vb, c, cOff + 3 * ldc);
            update(c40, c41, va, vb, c, cOff + 4 * ldc);
            update(c50, c51, va, vb, c, cOff + 5 * ldc);
            update(c60, c61, va, vb, c, cOff + 6 * ldc);
            update(c70, c71, va, vb, c, cOff + 7 * ldc);
        }
    }

    /** The 6×2-vector tile: 12 accumulators, 2 B vectors and 1 broadcast A live in registers. */
    private static void tile6(int kc, float[] a, int aOff, int rsA, int csA, float[] b, int bOff, int rsB,
                              float alpha, float beta, float[] c, int cOff, int ldc) {
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
        FloatVector va = FloatVector.broadcast(S, alpha);
        if (beta == 0f) {
            put(c00, c01, va, c, cOff);
            put(c10, c11, va, c, cOff + ldc);
            put(c20, c21, va, c, cOff + 2 * ldc);
            put(c30, c31, va, c, cOff + 3 * ldc);
            put(c40, c41, va, c, cOff + 4 * ldc);
            put(c50, c51, va, c, cOff + 5 * ldc);
        } else {
            FloatVector vb = FloatVector.broadcast(S, beta);
            update(c00, c01, va, vb, c, cOff);
            update(c10, c11, va, vb, c, cOff + ldc);
            update(c20, c21, va, vb, c, cOff + 2 * ldc);
            update(c30, c31, va, vb, c, cOff + 3 * ldc);
            update(c40, c41, va, vb, c, cOff + 4 * ldc);
            update(c50, c51, va, vb, c, cOff + 5 * ldc);
        }
    }

    private static void put(FloatVector c0, FloatVector c1, FloatVector va, float[] c, int off) {
        c0.mul(va).intoArray(c, off);
        c1.mul(va).intoArray(c, off + L);
    }

    private static void update(FloatVector c0, FloatVector c1, FloatVector va, FloatVector vb, float[] c, int off) {
        FloatVector.fromArray(S, c, off).fma(vb, c0.mul(va)).intoArray(c, off);
        FloatVector.fromArray(S, c, off + L).fma(vb, c1.mul(va)).intoArray(c, off + L);
    }
}
