package org.mlp4j.engine.kernel.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlp4j.engine.parallel.WorkerPool;

/**
 * The in-place GEMM is a faster way to the same numbers: for every shape it takes, every transpose and every α, β,
 * it writes exactly the packed path's bits into C (the same FMA chain per element) and nothing outside C. Its
 * edges are the cases below: rows not a multiple of the tile's, columns a few past a vector or past two, one column,
 * one step of k, and leading dimensions wider than the matrices.
 */
class InPlaceGemmTest {
    private static final int[] ROWS = {1, 3, StridedTile.ROWS - 1, StridedTile.ROWS, StridedTile.ROWS + 1, 64, 110};
    private static final int[] COLS = {1, KernelShape.L - 1, KernelShape.L, KernelShape.L + 1, 2 * KernelShape.L - 1,
            2 * KernelShape.L, 2 * KernelShape.L + 3, 100, 110};
    private static final int[] DEPTHS = {1, 7, 64, 110};
    private static final float[][] ALPHA_BETA = {{1f, 0f}, {1f, 1f}, {-0.5f, 0.3f}};

    @Test
    void everyShapeAndTransposeGivesThePackedPathsBits() {
        SplittableRandom r = new SplittableRandom(17);
        VectorGemm packed = new VectorGemm(WorkerPool.shared(), 1);
        InPlaceGemm.Scratch scratch = new InPlaceGemm.Scratch();
        int cases = 0;
        for (int m : ROWS) {
            for (int n : COLS) {
                for (int k : DEPTHS) {
                    for (int t = 0; t < 4 * ALPHA_BETA.length; t++) {
                        if (!readsInPlace((t & 1) != 0)) {
                            continue;
                        }
                        // every α, β for every shape: C = A·B takes other edges (a last sliver shifted left)
                        float[] ab = ALPHA_BETA[t / 4];
                        Problem p = new Problem(r, (t & 1) != 0, (t & 2) != 0, m, n, k, ab[0], ab[1]);
                        float[] viaPacking = p.c.clone();
                        packed.packed(p.transA, p.transB, m, n, k, p.alpha, p.a, p.aOff, p.lda, p.b, p.bOff, p.ldb,
                                p.beta, viaPacking, p.cOff, p.ldc, 1);
                        float[] inPlace = p.c.clone();
                        InPlaceGemm.gemm(p.transA, p.transB, m, n, k, p.alpha, p.a, p.aOff, p.lda, p.b, p.bOff, p.ldb,
                                p.beta, inPlace, p.cOff, p.ldc, scratch);
                        for (int i = 0; i < inPlace.length; i++) {
                            if (Float.floatToRawIntBits(inPlace[i]) != Float.floatToRawIntBits(viaPacking[i])) {
                                fail(p + ": element " + i + " is " + inPlace[i] + ", the packed path gives "
                                        + viaPacking[i] + (p.inside(i) ? "" : " (outside C: must be untouched)"));
                            }
                        }
                        cases++;
                    }
                }
            }
        }
        assertEquals(ROWS.length * COLS.length * DEPTHS.length * (StridedTile.ROWS == 8 ? 4 : 2) * ALPHA_BETA.length,
                cases);
    }

    /** Whether the in-place tiles take this op(A): with 16 registers they read only Aᵀ, as weight gradients do. */
    private static boolean readsInPlace(boolean transA) {
        return transA || StridedTile.ROWS == 8;
    }

    @Test
    void scratchLeftByOtherShapesDoesNotLeakIntoTheResult() {
        // scratch buffers are reused across calls of different shapes: a stale edge or transpose must not leak
        SplittableRandom r = new SplittableRandom(3);
        VectorGemm packed = new VectorGemm(WorkerPool.shared(), 1);
        InPlaceGemm.Scratch scratch = new InPlaceGemm.Scratch();
        int[][] shapes = {{70, 110, 100}, {5, 3, 2}, {64, 17, 110}, {9, 100, 1}};
        for (int[] s : shapes) {
            Problem p = new Problem(r, true, true, s[0], s[1], s[2], 1f, 0f);
            float[] expected = p.c.clone();
            packed.packed(true, true, s[0], s[1], s[2], 1f, p.a, p.aOff, p.lda, p.b, p.bOff, p.ldb, 0f, expected,
                    p.cOff, p.ldc, 1);
            float[] actual = p.c.clone();
            InPlaceGemm.gemm(true, true, s[0], s[1], s[2], 1f, p.a, p.aOff, p.lda, p.b, p.bOff, p.ldb, 0f, actual,
                    p.cOff, p.ldc, scratch);
            for (int i = 0; i < actual.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), p + " at " + i);
            }
        }
    }

    @Test
    void thePlanSendsOnlySmallOneThreadProblemsInPlace() {
        assumeTrue(KernelShape.REGISTERS >= 32, "the in-place tiles are used with 32 vector registers only");
        // the deep BSDE subnet's shapes go in place on one thread
        assertTrue(GemmPlan.inPlace(false, false, 110, 100, 110, 1));
        assertTrue(GemmPlan.inPlace(false, true, 100, 110, 110, 1));
        // a split GEMM, a large B, a k past one KC block, or B's rows a multiple of 256 bytes apart do not
        assertFalse(GemmPlan.inPlace(false, false, 110, 100, 110, 2));
        assertFalse(GemmPlan.inPlace(false, false, 128, 784, 128, 1));
        assertFalse(GemmPlan.inPlace(false, false, 10, GemmPlan.kc(false) + 1, 10, 1));
        assertFalse(GemmPlan.inPlace(false, false, 64, 128, 64, 1));
        assertTrue(GemmPlan.inPlace(false, true, 64, 128, 128, 1), "Bᵀ is transposed into a padded scratch first");
        // with Aᵀ (a weight gradient Xᵀ·dZ), such a B is copied into a padded scratch rather than Aᵀ packed
        assertTrue(GemmPlan.inPlace(true, false, 128, 64, 128, 1));
        assertFalse(GemmPlan.inPlace(true, false, 128, 784, 128, 1), "a large B still goes to the packed path");
    }

    /**
     * With 16 vector registers only weight gradients (Aᵀ·B) go in place, in 6-row tiles before JDK 25 and 4-row ones
     * from 25 (whose C2 spills 12 accumulators): the packed path reads A along its rows in place already, and Bᵀ
     * would still have to be transposed.
     */
    @Test
    void withSixteenRegistersOnlyAWeightGradientGoesInPlace() {
        assumeTrue(KernelShape.REGISTERS < 32, "the plan for 16 vector registers");
        assertEquals(Runtime.version().feature() < 25 ? 6 : 4, StridedTile.ROWS);
        assertTrue(GemmPlan.inPlace(true, false, 128, 64, 128, 1), "Xᵀ·dZ of a 64-row slice");
        assertTrue(GemmPlan.inPlace(true, false, 110, 64, 110, 1), "a deep BSDE subnet's Xᵀ·dZ");
        assertFalse(GemmPlan.inPlace(true, false, 128, 64, 128, 2), "a split GEMM");
        assertFalse(GemmPlan.inPlace(true, false, 128, 784, 128, 1), "a large B");
        assertFalse(GemmPlan.inPlace(false, false, 110, 100, 110, 1), "A along its rows");
        assertFalse(GemmPlan.inPlace(false, true, 100, 110, 110, 1), "Bᵀ");
    }

    @Test
    void aBWhoseRowsShareL1SetsIsCopiedToPaddedRowsWithTheSameBits() {
        // B's rows a multiple of 64 floats apart: InPlaceGemm copies them to a padded scratch first (GemmPlan takes
        // such a B in place with Aᵀ); every element must still be the packed path's, and nothing outside C written
        SplittableRandom r = new SplittableRandom(29);
        VectorGemm packed = new VectorGemm(WorkerPool.shared(), 1);
        InPlaceGemm.Scratch scratch = new InPlaceGemm.Scratch();
        int[][] shapes = {{784, 128, 64, 128}, {128, 64, 64, 64}, {9, 64, 7, 128}, {110, 100, 64, 128}, {5, 3, 2, 64}};
        for (int[] s : shapes) {
            for (boolean transA : new boolean[] {true, false}) {
                if (!readsInPlace(transA)) {
                    continue;
                }
                Problem p = new Problem(r, transA, false, s[0], s[1], s[2], 1f, 0f, s[3]);
                float[] expected = p.c.clone();
                packed.packed(transA, false, p.m, p.n, p.k, 1f, p.a, p.aOff, p.lda, p.b, p.bOff, p.ldb, 0f, expected,
                        p.cOff, p.ldc, 1);
                float[] actual = p.c.clone();
                InPlaceGemm.gemm(transA, false, p.m, p.n, p.k, 1f, p.a, p.aOff, p.lda, p.b, p.bOff, p.ldb, 0f, actual,
                        p.cOff, p.ldc, scratch);
                for (int i = 0; i < actual.length; i++) {
                    assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), p + " at " + i);
                }
            }
        }
    }

    /** A problem embedded in larger arrays: padded leading dimensions and offsets, C's surroundings random. */
    private static final class Problem {
        final boolean transA, transB;
        final int m, n, k, lda, ldb, ldc, aOff, bOff, cOff;
        final float alpha, beta;
        final float[] a, b, c;

        Problem(SplittableRandom r, boolean transA, boolean transB, int m, int n, int k, float alpha, float beta) {
            this(r, transA, transB, m, n, k, alpha, beta, -1);
        }

        /** With {@code ldb ≥ 0} B's leading dimension as given, else a random one that does not share L1 sets. */
        Problem(SplittableRandom r, boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
                int ldb) {
            this.transA = transA; this.transB = transB; this.m = m; this.n = n; this.k = k;
            this.alpha = alpha; this.beta = beta;
            int aRows = transA ? k : m, aCols = transA ? m : k;
            int bRows = transB ? n : k, bCols = transB ? k : n;
            lda = aCols + r.nextInt(4);
            int pad = r.nextInt(4);
            this.ldb = ldb >= 0 ? ldb : GemmPlan.conflicting(bCols + pad) ? bCols + pad + 1 : bCols + pad;
            ldc = n + r.nextInt(4);
            aOff = r.nextInt(5);
            bOff = r.nextInt(5);
            cOff = r.nextInt(5);
            // exactly as long as the last row needs: a kernel reading past a matrix fails here
            a = random(r, aOff + (aRows - 1) * lda + aCols);
            b = random(r, bOff + (bRows - 1) * this.ldb + bCols);
            c = random(r, cOff + m * ldc + 2);
        }

        boolean inside(int index) {
            int rel = index - cOff;
            return rel >= 0 && rel / ldc < m && rel % ldc < n;
        }

        @Override
        public String toString() {
            return (transA ? "T" : "N") + (transB ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k + " α=" + alpha
                    + " β=" + beta + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc;
        }

        private static float[] random(SplittableRandom r, int size) {
            float[] x = new float[size];
            for (int i = 0; i < size; i++) {
                x[i] = (float) (r.nextDouble() * 2 - 1);
            }
            return x;
        }
    }
}
