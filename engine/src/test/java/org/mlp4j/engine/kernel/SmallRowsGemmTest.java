package org.mlp4j.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.mlp4j.engine.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GEMMs with one to four rows of C (prediction of single samples) take an unpacked path, split across threads by
 * halves of k or by columns; they agree with the scalar reference and give the same bits on 1 and 2 threads.
 */
class SmallRowsGemmTest {
    private final Kernels scalar = KernelsProvider.create("scalar", 1);

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void fewRowsAgreeWithTheReference(int threads) {
        Kernels vector = TestKernels.vector(threads);
        Rng rng = new Rng(11);
        int[][] shapes = {{1, 128, 784}, {1, 10, 64}, {3, 129, 300}, {4, 1024, 784}, {2, 17, 5}, {1, 1, 1}, {4, 300, 1}};
        for (int[] s : shapes) {
            for (boolean transA : new boolean[] {false, true}) {
                int m = s[0], n = s[1], k = s[2];
                float[] a = random(rng, m * k + 3);
                float[] b = random(rng, k * (n + 2) + 1);
                float[] c0 = random(rng, m * (n + 1) + 2);
                float[] expected = c0.clone();
                float[] actual = c0.clone();
                int lda = transA ? m : k;
                scalar.gemm(transA, false, m, n, k, 0.7f, a, 3, lda, b, 1, n + 2, 0.3f, expected, 2, n + 1);
                vector.gemm(transA, false, m, n, k, 0.7f, a, 3, lda, b, 1, n + 2, 0.3f, actual, 2, n + 1);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 2e-6 * k + 1e-6, java.util.Arrays.toString(s) + " at " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void oneAndTwoThreadsGiveTheSameBits(int m) {
        Rng rng = new Rng(3);
        // 256 columns: enough multiply-adds for two threads to split them, also for one row
        float[] a = random(rng, m * 784);
        float[] b = random(rng, 784 * 256);
        float[] one = new float[m * 256];
        float[] two = new float[m * 256];
        TestKernels.vector(1).gemm(false, false, m, 256, 784, 1f, a, 0, 784, b, 0, 256, 0f, one, 0, 256);
        TestKernels.vector(2).gemm(false, false, m, 256, 784, 1f, a, 0, 784, b, 0, 256, 0f, two, 0, 256);
        assertArrayEquals(one, two);
    }

    /**
     * A transposed A ({@code op(A) = Aᵀ}, as a weight-gradient or a column-major caller passes it) is gathered into
     * rows and then multiplied by the same kernels: the bits are those of the same matrix stored by rows, on one
     * thread and on two.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aTransposedAGivesTheBitsOfTheSameRows(int threads) {
        Kernels vector = TestKernels.vector(threads);
        Rng rng = new Rng(7);
        for (int[] s : new int[][] {{1, 128, 784}, {3, 70, 33}, {4, 1024, 300}, {2, 5, 1}}) {
            int m = s[0], n = s[1], k = s[2];
            float[] rows = random(rng, m * k);
            float[] columns = new float[k * m];
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    columns[p * m + i] = rows[i * k + p];
                }
            }
            float[] b = random(rng, k * n);
            float[] c = random(rng, m * n);
            float[] fromRows = c.clone();
            float[] fromColumns = c.clone();
            vector.gemm(false, false, m, n, k, 0.9f, rows, 0, k, b, 0, n, 0.5f, fromRows, 0, n);
            vector.gemm(true, false, m, n, k, 0.9f, columns, 0, m, b, 0, n, 0.5f, fromColumns, 0, n);
            assertArrayEquals(fromRows, fromColumns, java.util.Arrays.toString(s) + " on " + threads + " threads");
        }
    }

    /**
     * The columns past the last whole vector (a 10-class output layer is nothing else) share one vector chain that
     * reads past them into B's next row; each is still exactly the scalar chain {@code s = fma(a[p], b[p][j], s)}
     * in p order with the epilogue {@code α·s (+ β·c)} — also when B ends at its last element, where the last rows
     * cannot be read at full width. From 64 k multiply-adds and k ≥ 64 the chain runs in two halves, {@code p < h}
     * and {@code p ≥ h} with {@code h = ⌊k/2⌋}, and {@code s} is their sum.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void columnsPastTheLastWholeVectorAreTheScalarChain(int threads) {
        Kernels vector = TestKernels.vector(threads);
        Rng rng = new Rng(5);
        // {1, 43, 4096}, {1, 22, 3001} (odd k) and {4, 47, 400} sum k in halves, one per thread on two threads;
        // {4, 700, 47} (k too short to halve) has two threads split its columns, the tail going to the last part
        int[][] shapes = {{1, 10, 64}, {1, 10, 1024}, {2, 3, 1}, {1, 5, 3}, {3, 21, 50}, {1, 7, 784}, {4, 47, 9},
                {1, 35, 200}, {2, 13, 2}, {1, 43, 4096}, {1, 22, 3001}, {4, 47, 400}, {4, 700, 47}};
        for (int[] s : shapes) {
            for (int pad : new int[] {0, 3}) {
                for (float beta : new float[] {0f, 0.3f}) {
                    int m = s[0], n = s[1], k = s[2], ldb = n + pad, bOff = 2;
                    float[] a = random(rng, m * k);
                    float[] b = random(rng, bOff + (k - 1) * ldb + n); // nothing after B's last element
                    float[] c = random(rng, m * n);
                    float[] expected = c.clone();
                    int h = (long) m * n * k >= 1 << 16 && k >= 64 ? k / 2 : k;
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            float s0 = 0f;
                            for (int p = 0; p < h; p++) {
                                s0 = Math.fma(a[i * k + p], b[bOff + p * ldb + j], s0);
                            }
                            float s1 = 0f;
                            for (int p = h; p < k; p++) {
                                s1 = Math.fma(a[i * k + p], b[bOff + p * ldb + j], s1);
                            }
                            float sum = h == k ? s0 : s0 + s1;
                            expected[i * n + j] = beta == 0f ? 0.7f * sum : 0.7f * sum + beta * c[i * n + j];
                        }
                    }
                    vector.gemm(false, false, m, n, k, 0.7f, a, 0, k, b, bOff, ldb, beta, c, 0, n);
                    int lanes = org.mlp4j.engine.kernel.vector.VectorKernels.lanes();
                    for (int i = 0; i < m; i++) {
                        for (int j = n / lanes * lanes; j < n; j++) {
                            assertEquals(expected[i * n + j], c[i * n + j], 0f,
                                    java.util.Arrays.toString(s) + " pad " + pad + " β " + beta + " at " + i + "," + j);
                        }
                    }
                }
            }
        }
    }

    /**
     * Whatever blocks a row's vectors are taken in — eight, four and one, or one of twelve first where 12 to 15
     * vectors are left — each column of C is the scalar chain {@code s = fma(a[p], b[p][j], s)} in p order, with the
     * block kernels' epilogue {@code fma(c, β, α·s)} in whole vectors and {@code α·s + β·c} past the last one: the
     * widths below take every combination of blocks at this JVM's vector width.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void everyBlockOfColumnsIsTheScalarChain(int m) {
        Kernels vector = TestKernels.vector(1);
        int lanes = org.mlp4j.engine.kernel.vector.VectorKernels.lanes();
        Rng rng = new Rng(17);
        int k = 37;
        for (int vectors : new int[] {1, 3, 4, 7, 8, 11, 12, 13, 15, 16, 17, 20, 24, 28}) {
            for (int rest : new int[] {0, lanes - 1}) {
                for (float beta : new float[] {0f, 0.3f}) {
                    int n = vectors * lanes + rest, ldb = n + 1;
                    float[] a = random(rng, m * k);
                    float[] b = random(rng, k * ldb);
                    float[] c = random(rng, m * n);
                    float[] actual = c.clone();
                    vector.gemm(false, false, m, n, k, 0.7f, a, 0, k, b, 0, ldb, beta, actual, 0, n);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            float sum = 0f;
                            for (int p = 0; p < k; p++) {
                                sum = Math.fma(a[i * k + p], b[p * ldb + j], sum);
                            }
                            float cij = c[i * n + j];
                            float expected = beta == 0f ? 0.7f * sum
                                    : j < vectors * lanes ? Math.fma(cij, beta, 0.7f * sum) : 0.7f * sum + beta * cij;
                            assertEquals(expected, actual[i * n + j], 0f, m + "×" + n + "×" + k + " (" + vectors
                                    + " vectors of " + lanes + ") β " + beta + " at " + i + "," + j);
                        }
                    }
                }
            }
        }
    }

    private static float[] random(Rng rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }
}
