package org.mlp4j.engine.kernel.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlp4j.engine.parallel.WorkerPool;

/**
 * A GEMM of a few rows sums k in two halves from {@link SmallGemm#HALVES_MIN_MACS} multiply-adds, so that two threads
 * can take one half each: {@code C[i][j] = α·(s₀ + s₁) (+ β·C)}, {@code s₀} the FMA chain over {@code p < h},
 * {@code s₁} over {@code p ≥ h}, {@code h = ⌊k/2⌋}. Where the halves start, and so the bits, is fixed by the shape:
 * any number of parts — one half each, or each half's columns shared among several — gives one thread's bits.
 */
class SmallGemmHalvesTest {
    private static final int[][] SHAPES = {{1, 128, 784}, {4, 1024, 300}, {1, 43, 4096}, {3, 129, 300},
            {1, 22, 3001}, {4, 700, 47}, {1, 10, 64}, {2, 17, 5}};

    @Test
    void theHalfIsFixedByTheShapeAlone() {
        assertEquals(392, SmallGemm.half(1, 128, 784), "the small net's first layer on one row: 100 k multiply-adds");
        assertEquals(1500, SmallGemm.half(1, 22, 3001), "an odd k: the second half is the longer");
        assertEquals(655, SmallGemm.half(1, 100, 655), "65 500 multiply-adds: below the threshold, one chain");
        assertEquals(328, SmallGemm.half(1, 100, 656), "65 600 multiply-adds: halves");
        assertEquals(63, SmallGemm.half(4, 1024, 63), "k too short for two halves of 32");
        assertEquals(32, SmallGemm.half(4, 1024, 64), "the shortest k that is halved");
    }

    /**
     * Up to six threads' worth of parts (run by the pool's threads, however many the machine has): with k in halves,
     * {@code 2·min(threads/2, n/L)} parts; otherwise the columns split.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6})
    void everyThreadCountGivesOneThreadsBits(int threads) {
        SplittableRandom r = new SplittableRandom(23);
        VectorGemm one = new VectorGemm(WorkerPool.shared(), 1);
        VectorGemm many = new VectorGemm(WorkerPool.shared(), threads);
        for (int[] s : SHAPES) {
            for (boolean transA : new boolean[] {false, true}) {
                int m = s[0], n = s[1], k = s[2];
                float[] a = random(r, m * k);
                float[] b = random(r, k * n);
                float[] c = random(r, m * n);
                float[] expected = c.clone();
                float[] actual = c.clone();
                int lda = transA ? m : k;
                one.gemm(transA, false, m, n, k, 0.8f, a, 0, lda, b, 0, n, 0.4f, expected, 0, n);
                many.gemm(transA, false, m, n, k, 0.8f, a, 0, lda, b, 0, n, 0.4f, actual, 0, n);
                assertArrayEquals(expected, actual, java.util.Arrays.toString(s) + " transA " + transA + " on "
                        + threads + " threads");
            }
        }
    }

    /**
     * Every column, whole vectors and the last ones alike, is exactly the two chains' sum with the block kernels'
     * epilogue: {@code fma(C, β, α·s)} in whole vectors, {@code α·s + β·C} past the last one.
     */
    @Test
    void eachElementIsTheSumOfItsTwoHalvesChains() {
        SplittableRandom r = new SplittableRandom(29);
        for (int threads : new int[] {1, 2}) {
            VectorGemm gemm = new VectorGemm(WorkerPool.shared(), threads);
            for (int[] s : new int[][] {{1, 128, 784}, {1, 43, 4096}, {1, 22, 3001}, {4, 47, 400}}) {
                int m = s[0], n = s[1], k = s[2];
                int h = SmallGemm.half(m, n, k);
                assertEquals(k / 2, h, java.util.Arrays.toString(s) + " is halved");
                for (float beta : new float[] {0f, 0.3f}) {
                    float[] a = random(r, m * k);
                    float[] b = random(r, k * n);
                    float[] c = random(r, m * n);
                    float[] actual = c.clone();
                    gemm.gemm(false, false, m, n, k, 0.7f, a, 0, k, b, 0, n, beta, actual, 0, n);
                    int whole = n / KernelShape.L * KernelShape.L;
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            float s0 = 0f;
                            for (int p = 0; p < h; p++) {
                                s0 = Math.fma(a[i * k + p], b[p * n + j], s0);
                            }
                            float s1 = 0f;
                            for (int p = h; p < k; p++) {
                                s1 = Math.fma(a[i * k + p], b[p * n + j], s1);
                            }
                            float sum = s0 + s1;
                            float cij = c[i * n + j];
                            float expected = beta == 0f ? 0.7f * sum
                                    : j < whole ? Math.fma(cij, beta, 0.7f * sum) : 0.7f * sum + beta * cij;
                            assertEquals(expected, actual[i * n + j], 0f, java.util.Arrays.toString(s) + " β " + beta
                                    + " on " + threads + " threads at " + i + "," + j);
                        }
                    }
                }
            }
        }
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }
}
