package org.mlp4j.engine.kernel.vector;

import static org.mlp4j.engine.kernel.vector.KernelShape.L;
import static org.mlp4j.engine.kernel.vector.GemmBlocking.MR;
import static org.mlp4j.engine.kernel.vector.GemmBlocking.NR;
import static org.mlp4j.engine.kernel.vector.KernelShape.S;

import jdk.incubator.vector.FloatVector;

/**
 * Copies blocks of op(A) and op(B) into the layout {@link MicroKernel} streams, absorbing the transposes.
 *
 * <p>Packed A: {@code MR}-tall slivers, each {@code kc} columns of {@code MR} consecutive floats
 * ({@code A[i][p]} at {@code sliver·MR·kc + p·MR + i}). Packed B: {@code NR}-wide slivers, each {@code kc} rows of
 * {@code NR} consecutive floats ({@code B[p][j]} at {@code sliver·NR·kc + p·NR + j}). Rows or columns past the
 * matrix are zero, so edge tiles can run the full kernel. The source is always read along its contiguous dimension.
 */
final class GemmPacking {

    private GemmPacking() {
    }

    /** Packs {@code op(A)[i0..i0+mc)[p0..p0+kc)} into {@code dst[0..)} as {@code ⌈mc/MR⌉} slivers. */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int p0, int mc, int kc, float[] dst) {
        for (int s = 0; s < mc; s += MR) {
            int rows = Math.min(MR, mc - s);
            int d = s * kc;
            if (transA && rows == MR) {
                // op(A)[i][p] = a[p][i]: each p contributes MR consecutive floats; the constant trip count unrolls
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + s;
                    int dp = d + p * MR;
                    for (int i = 0; i < MR; i++) {
                        dst[dp + i] = a[src + i];
                    }
                }
            } else if (transA) {
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + s;
                    int dp = d + p * MR;
                    for (int i = 0; i < MR; i++) {
                        dst[dp + i] = i < rows ? a[src + i] : 0f;
                    }
                }
            } else {
                // op(A)[i][p] = a[i][p]: read each row contiguously, write with stride MR
                for (int i = 0; i < MR; i++) {
                    if (i < rows) {
                        int src = aOff + (i0 + s + i) * lda + p0;
                        for (int p = 0; p < kc; p++) {
                            dst[d + p * MR + i] = a[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst[d + p * MR + i] = 0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs slivers {@code [s0, s1)} of {@code op(B)[p0..p0+kc)[j0..j0+nc)} into {@code dst}, sliver {@code s} at
     * {@code dstOff + s·NR·kc}.
     *
     * <p>With op(B) = B the full slivers are filled row by row: each of B's rows is read once, left to right, and
     * its NR-wide pieces stored to their slivers, so the reads run along memory, where sliver by sliver they stepped
     * down B's rows one NR-wide piece at a time (a row stride apart). B is a weight matrix, usually out of cache when
     * its GEMM starts (each deep BSDE subnet's 48 KB weights, 2.6 MB for the 19 subnets, among the 9 MB an iteration
     * touches); the hardware prefetcher follows the rows. Measured on a Zen 3 (JDK 17, one thread, B cycled over
     * copies that together pass L2), the whole GEMM row-wise against sliver-wise, paired medians of 15 rounds:
     * 64 × 110 × 100 1.03–1.15, 64 × 128 × 784 1.12–1.22, 128 × 1024 × 784 and 128 × 1024 × 1024
     * 1.11–1.20, 1000 × 128 × 784 1.01; with B hot 0.96–1.12.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int j0, int kc, int nc,
                      int s0, int s1, float[] dst, int dstOff) {
        int first = s0;
        if (!transB && nc / NR > s0) {
            first = Math.min(s1, nc / NR);
            packFullRows(b, bOff + p0 * ldb + j0, ldb, kc, s0, first, dst, dstOff);
        }
        for (int s = first; s < s1; s++) {
            int j = s * NR;
            int cols = Math.min(NR, nc - j);
            int d = dstOff + s * NR * kc;
            if (transB && cols == NR) {
                // op(B)[p][j] = b[j][p]: the sliver is the kc × NR transpose of NR rows of b
                Transpose.matrix(b, bOff + (j0 + j) * ldb + p0, ldb, NR, kc, dst, d, NR);
            } else if (transB) {
                // a partial sliver: read each row of b contiguously, write with stride NR, zeros past the edge
                for (int jj = 0; jj < NR; jj++) {
                    if (jj < cols) {
                        int src = bOff + (j0 + j + jj) * ldb + p0;
                        for (int p = 0; p < kc; p++) {
                            dst[d + p * NR + jj] = b[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst[d + p * NR + jj] = 0f;
                        }
                    }
                }
            } else {
                // the partial last sliver of B: its columns, then zeros to NR
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + j;
                    int dp = d + p * NR;
                    for (int jj = 0; jj < cols; jj++) {
                        dst[dp + jj] = b[src + jj];
                    }
                    for (int jj = cols; jj < NR; jj++) {
                        dst[dp + jj] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Full slivers {@code [s0, s1)} of B ({@code B[p][j]} at {@code b[from + p·ldb + j]}), row by row: row p's piece
     * for sliver s, two vectors, goes to {@code dst[dstOff + s·NR·kc + p·NR]}.
     */
    private static void packFullRows(float[] b, int from, int ldb, int kc, int s0, int s1, float[] dst, int dstOff) {
        int sliver = NR * kc;
        for (int p = 0; p < kc; p++) {
            int src = from + p * ldb + s0 * NR;
            for (int s = s0, d = dstOff + s0 * sliver + p * NR; s < s1; s++, src += NR, d += sliver) {
                FloatVector.fromArray(S, b, src).intoArray(dst, d);
                FloatVector.fromArray(S, b, src + L).intoArray(dst, d + L);
            }
        }
    }
}
