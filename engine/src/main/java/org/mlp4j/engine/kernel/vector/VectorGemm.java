package org.mlp4j.engine.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * An unpacked Vector API GEMM over a band of rows of C: {@code C[i0..i1) = α·op(A)·op(B) + β·C}.
 *
 * <p>Loop structure: for each row i of C, either stream rows of B and accumulate {@code a[i][p]·B[p][:]}
 * into C's row (op(B) = B: axpy form, one FMA per loaded element of B), or, for op(B) = Bᵀ, compute each
 * {@code C[i][j]} as a vector dot product of two contiguous rows. Each element is produced by one thread
 * in a fixed order, so results do not depend on how rows are split across threads.
 */
final class VectorGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorGemm() {
    }

    static void rows(int i0, int i1, boolean transA, boolean transB, int n, int k,
                     float alpha, float[] a, int aOffset, int lda,
                     float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc) {
        for (int i = i0; i < i1; i++) {
            int cRow = cOffset + i * ldc;
            if (!transB) {
                scaleRow(c, cRow, n, beta);
                for (int p = 0; p < k; p++) {
                    float aip = alpha * (transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p]);
                    if (aip == 0f) {
                        continue;
                    }
                    axpyRow(aip, b, bOffset + p * ldb, c, cRow, n);
                }
            } else {
                for (int j = 0; j < n; j++) {
                    int bRow = bOffset + j * ldb;
                    float s = transA ? stridedDot(a, aOffset + i, lda, b, bRow, k) : dot(a, aOffset + i * lda, b, bRow, k);
                    c[cRow + j] = beta == 0f ? alpha * s : alpha * s + beta * c[cRow + j];
                }
            }
        }
    }

    private static void scaleRow(float[] c, int off, int n, float beta) {
        if (beta == 1f) {
            return;
        }
        for (int j = 0; j < n; j++) {
            c[off + j] = beta == 0f ? 0f : beta * c[off + j];
        }
    }

    private static void axpyRow(float s, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector vs = FloatVector.broadcast(S, s);
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += L) {
            FloatVector vx = FloatVector.fromArray(S, x, xOff + j);
            FloatVector vy = FloatVector.fromArray(S, y, yOff + j);
            vx.fma(vs, vy).intoArray(y, yOff + j);
        }
        for (; j < n; j++) {
            y[yOff + j] = Math.fma(s, x[xOff + j], y[yOff + j]);
        }
    }

    private static float dot(float[] x, int xOff, float[] y, int yOff, int k) {
        FloatVector acc = FloatVector.zero(S);
        int p = 0;
        for (int bound = S.loopBound(k); p < bound; p += L) {
            acc = FloatVector.fromArray(S, x, xOff + p).fma(FloatVector.fromArray(S, y, yOff + p), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; p < k; p++) {
            s = Math.fma(x[xOff + p], y[yOff + p], s);
        }
        return s;
    }

    private static float stridedDot(float[] x, int xOff, int stride, float[] y, int yOff, int k) {
        float s = 0f;
        for (int p = 0; p < k; p++) {
            s = Math.fma(x[xOff + p * stride], y[yOff + p], s);
        }
        return s;
    }
}
