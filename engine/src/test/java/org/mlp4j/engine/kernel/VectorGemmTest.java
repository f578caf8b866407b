package org.mlp4j.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector GEMM against the scalar reference, {@code C = α·op(A)·op(B) + β·C}.
 *
 * <p>Tolerance: both sides sum k products in float (in different orders and with or without FMA), so each is within
 * {@code (k+2)·u·(|α|·Σ_p|a_ip||b_pj| + |β||c_ij|)} of the exact value, {@code u = 2⁻²⁴}; we allow twice that
 * for their difference: {@code |Δ| ≤ 2·(k+2)·2⁻²⁴·scale}. Elements of C outside the {@code m×n} window
 * (leading-dimension padding, the array around the offset) must stay untouched, bit for bit.
 */
class VectorGemmTest {
    private static final float[] ALPHAS = {0f, 1f, -0.5f};
    private static final float[] BETAS = {0f, 1f, 0.3f};

    private final Kernels reference = new ScalarKernels();

    private static Kernels vector(int threads) {
        return TestKernels.vector(threads);
    }

    /** A GEMM problem embedded in larger arrays, with padded leading dimensions and offsets. */
    private static final class Problem {
        final boolean transA, transB;
        final int m, n, k, lda, ldb, ldc, aOff, bOff, cOff;
        final float alpha, beta;
        final float[] a, b, c;

        Problem(SplittableRandom r, boolean transA, boolean transB, int m, int n, int k, float alpha, float beta) {
            this.transA = transA; this.transB = transB; this.m = m; this.n = n; this.k = k;
            this.alpha = alpha; this.beta = beta;
            int aRows = transA ? k : m, aCols = transA ? m : k;
            int bRows = transB ? n : k, bCols = transB ? k : n;
            lda = aCols + r.nextInt(3) * r.nextInt(9);
            ldb = bCols + r.nextInt(3) * r.nextInt(9);
            ldc = n + r.nextInt(3) * r.nextInt(9);
            aOff = r.nextInt(5);
            bOff = r.nextInt(5);
            cOff = r.nextInt(5);
            a = random(r, aOff + aRows * lda + 3);
            b = random(r, bOff + bRows * ldb + 3);
            c = random(r, cOff + m * ldc + 3);
        }

        float[] run(Kernels kernels) {
            float[] out = c.clone();
            kernels.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
            return out;
        }

        /** {@code |α|·Σ_p|op(A)_ip||op(B)_pj| + |β||c_ij|}: the magnitude the rounding error scales with. */
        double scale(int i, int j) {
            double s = 0;
            for (int p = 0; p < k; p++) {
                float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                float bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                s += Math.abs((double) aip * bpj);
            }
            return Math.abs(alpha) * s + Math.abs(beta) * Math.abs(c[cOff + i * ldc + j]);
        }

        @Override
        public String toString() {
            return (transA ? "T" : "N") + (transB ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k
                    + " α=" + alpha + " β=" + beta + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc;
        }
    }

    private static float[] random(SplittableRandom r, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    private void assertMatchesReference(Problem p, Kernels kernels) {
        float[] expected = p.run(reference);
        float[] actual = p.run(kernels);
        double tol = 2.0 * (p.k + 2) * Math.scalb(1.0, -24);
        for (int idx = 0; idx < expected.length; idx++) {
            int rel = idx - p.cOff;
            int ldc = Math.max(p.ldc, 1);
            int i = rel / ldc, j = rel % ldc;
            boolean inside = rel >= 0 && i < p.m && j < p.n;
            if (!inside) {
                if (Float.floatToRawIntBits(actual[idx]) != Float.floatToRawIntBits(p.c[idx])) {
                    fail(p + ": wrote outside C at index " + idx);
                }
                continue;
            }
            double err = Math.abs((double) actual[idx] - expected[idx]);
            double bound = tol * p.scale(i, j) + 1e-30;
            if (!(err <= bound)) {
                fail(p + " [" + kernels.describe() + "]: C[" + i + "][" + j + "] = " + actual[idx]
                        + ", reference " + expected[idx] + ", |Δ| " + err + " > " + bound);
            }
        }
    }

    @Test
    void randomShapesAllTransposesMatchTheScalarReference() {
        SplittableRandom r = new SplittableRandom(42);
        Kernels one = vector(1), two = vector(2);
        for (int trial = 0; trial < 160; trial++) {
            boolean tA = (trial & 1) != 0, tB = (trial & 2) != 0;
            int m = r.nextInt(301), n = r.nextInt(301), k = r.nextInt(301);
            if (trial % 3 == 0) {
                // favour the edge: sizes one around multiples of the vector and tile widths
                m = 8 * r.nextInt(20) + r.nextInt(3) - 1;
                n = 16 * r.nextInt(12) + r.nextInt(3) - 1;
                m = Math.max(m, 0); n = Math.max(n, 0);
            }
            float alpha = ALPHAS[r.nextInt(3)], beta = BETAS[r.nextInt(3)];
            Problem p = new Problem(r, tA, tB, m, n, k, alpha, beta);
            assertMatchesReference(p, (trial & 4) == 0 ? one : two);
        }
    }

    @Test
    void everyAlphaBetaCombinationMatches() {
        SplittableRandom r = new SplittableRandom(7);
        Kernels kernels = vector(2);
        for (float alpha : ALPHAS) {
            for (float beta : BETAS) {
                for (int t = 0; t < 4; t++) {
                    assertMatchesReference(new Problem(r, (t & 1) != 0, (t & 2) != 0, 37, 45, 29, alpha, beta), kernels);
                }
            }
        }
    }

    @Test
    void largePackedProblemsMatchOnOneAndTwoThreads() {
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < 4; t++) {
            boolean tA = (t & 1) != 0, tB = (t & 2) != 0;
            assertMatchesReference(new Problem(r, tA, tB, 600, 700, 500, -0.5f, 0.3f), vector(1 + (t & 1)));
        }
        // more than one KC and NC block, odd edges
        assertMatchesReference(new Problem(r, false, false, 203, 4200, 530, 1f, 1f), vector(2));
    }

    @Test
    void mlpShapesMatch() {
        SplittableRandom r = new SplittableRandom(11);
        Kernels kernels = vector(2);
        int[][] shapes = {{128, 128, 784}, {128, 64, 128}, {128, 10, 64}, {784, 128, 128}, {64, 10, 128},
                {128, 784, 128}, {256, 1024, 784}, {256, 10, 1024}, {1024, 10, 256}, {256, 1024, 10}};
        boolean[][] trans = {{false, false}, {false, false}, {false, false}, {true, false}, {true, false},
                {false, true}, {false, false}, {false, false}, {true, false}, {false, true}};
        for (int s = 0; s < shapes.length; s++) {
            int[] mnk = shapes[s];
            assertMatchesReference(new Problem(r, trans[s][0], trans[s][1], mnk[0], mnk[1], mnk[2], 1f, 0f), kernels);
        }
    }

    @Test
    void sameThreadCountGivesBitIdenticalResults() {
        SplittableRandom r = new SplittableRandom(5);
        for (int threads = 1; threads <= 2; threads++) {
            for (int t = 0; t < 4; t++) {
                Problem p = new Problem(r, (t & 1) != 0, (t & 2) != 0, 301, 517, 389, 1f, 0.3f);
                float[] first = p.run(vector(threads));
                float[] second = p.run(vector(threads));
                assertArrayEquals(first, second, p + " on " + threads + " threads");
            }
        }
    }

    @Test
    void resultsDoNotDependOnThreadCount() {
        SplittableRandom r = new SplittableRandom(6);
        for (int t = 0; t < 4; t++) {
            Problem p = new Problem(r, (t & 1) != 0, (t & 2) != 0, 333, 290, 611, -0.5f, 1f);
            assertArrayEquals(p.run(vector(1)), p.run(vector(2)), p.toString());
        }
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        SplittableRandom r = new SplittableRandom(8);
        for (int t = 0; t < 4; t++) {
            Problem p = new Problem(r, (t & 1) != 0, (t & 2) != 0, 67, 83, 41, 1f, 0f);
            Arrays.fill(p.c, p.cOff, p.cOff + p.m * p.ldc, Float.NaN);
            float[] out = p.run(vector(2));
            for (int i = 0; i < p.m; i++) {
                for (int j = 0; j < p.n; j++) {
                    assertTrue(Float.isFinite(out[p.cOff + i * p.ldc + j]), p + ": NaN leaked at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void zeroAlphaOrEmptyKOnlyScalesC() {
        SplittableRandom r = new SplittableRandom(9);
        Problem p = new Problem(r, false, false, 20, 30, 0, 1f, 0.3f);
        assertMatchesReference(p, vector(1));
        Problem q = new Problem(r, true, true, 20, 30, 40, 0f, 0f);
        float[] out = q.run(vector(1));
        for (int i = 0; i < q.m; i++) {
            for (int j = 0; j < q.n; j++) {
                assertEquals(0f, out[q.cOff + i * q.ldc + j]);
            }
        }
    }

    @Test
    void emptyShapesTouchNothing() {
        SplittableRandom r = new SplittableRandom(10);
        for (int[] mnk : new int[][] {{0, 5, 5}, {5, 0, 5}, {0, 0, 0}}) {
            Problem p = new Problem(r, false, false, mnk[0], mnk[1], mnk[2], 1f, 0.3f);
            assertArrayEquals(p.c, p.run(vector(2)));
        }
    }
}
