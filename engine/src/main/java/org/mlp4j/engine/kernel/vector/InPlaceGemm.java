package org.mlp4j.engine.kernel.vector;

import static org.mlp4j.engine.kernel.vector.GemmBlocking.NR;
import static org.mlp4j.engine.kernel.vector.KernelShape.L;
import static org.mlp4j.engine.kernel.vector.KernelShape.S;

import jdk.incubator.vector.FloatVector;

/**
 * {@code C = α·op(A)·op(B) + β·C} for problems whose B stays in cache (a subnet's 64 × 100 × 110 layers): the
 * micro-kernel reads A and B where they lie, so the GEMM copies next to nothing.
 *
 * <p>At these sizes the Goto path's copies cost a large share of the arithmetic: a 64-row GEMM multiplies each element
 * of B by only 64 rows, so copying B (and, for Aᵀ, A) is paid against few FMAs. Measured on the subnet's nine
 * shapes (Xeon 4th/5th gen, AVX-512, one thread, in L1/L2): the packed path 56–82 GFLOP/s, this one 73–115, 1.1–1.5×
 * on JDK 17 and 25 (NT gains least: B still has to be transposed). Here:
 * <pre>
 * if op(B) = Bᵀ: transpose B once ({@link Transpose}) into a k×n scratch (rows padded off multiples of 64), then as B;
 * if B's rows are a multiple of 64 floats apart (taken with Aᵀ only, see {@link GemmPlan#inPlace}): copy them so too
 * for jr in n step NR               full slivers of B read in place (row stride ldb); the last partial one, for
 *                                   C = A·B, shifted left to end at column n (overlapping the one before, n ≥ its
 *                                   width), else copied, padded, to one vector (cols ≤ L) or two
 *   for ir in m step ROWS           ROWS×NR (or ROWS×L) tile in registers, ROWS = 8 (6 or 4 with 16 registers)
 *     A in place: row-major rows (stride lda), or Aᵀ's ROWS consecutive floats per p (stride lda);
 *     a partial last block of rows is copied, zero-padded, once per call
 * </pre>
 * The tiles are {@link StridedTile}'s (8, 6 or 4 rows by one or two vectors, by registers and JIT). Each C element
 * is the same FMA chain in p order as in {@link VectorGemm}'s packed path, merged with α and β the same way, so
 * the two paths give the same bits ({@link GemmPlan#inPlace} keeps k within one KC block for that).
 */
final class InPlaceGemm {
    private static final int TR = StridedTile.ROWS;

    /** Scratch that one thread's in-place GEMMs write: a transposed B, an edge sliver, edge rows, a tile. */
    static final class Scratch {
        float[] bT = new float[0];
        float[] bEdge = new float[0];
        float[] aEdge = new float[0];
        final float[] tile = new float[TR * NR];
    }

    private InPlaceGemm() {
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc, Scratch s) {
        if (transB || GemmPlan.conflicting(ldb)) {
            // op(B) into a k×n scratch whose rows are not 256·j bytes apart (rows that are share a few L1 sets):
            // Bᵀ transposed, or B's rows copied as they are (the values and so the bits are unchanged)
            int ldt = GemmPlan.conflicting(n) ? n + L : n;
            if (s.bT.length < k * ldt) {
                s.bT = new float[k * ldt];
            }
            if (transB) {
                Transpose.matrix(b, bOff, ldb, n, k, s.bT, 0, ldt);
            } else {
                for (int p = 0; p < k; p++) {
                    System.arraycopy(b, bOff + p * ldb, s.bT, p * ldt, n);
                }
            }
            b = s.bT;
            bOff = 0;
            ldb = ldt;
        }
        int fullRows = m / TR * TR;
        int edgeRows = m - fullRows;
        if (edgeRows > 0) {
            if (s.aEdge.length < TR * k) {
                s.aEdge = new float[TR * k];
            }
            packRows(transA, a, aOff, lda, fullRows, edgeRows, k, s.aEdge);
        }
        float[] tile = s.tile;
        boolean exact = alpha == 1f && beta == 0f; // C = A·B: a C element stored twice gets the same value twice
        for (int jr = 0; jr < n; jr += NR) {
            int cols = Math.min(NR, n - jr);
            int cj = jr; // C's (and B's) column of the tile's first lane
            float[] bs = b;
            int bo = bOff + jr;
            int bStride = ldb;
            boolean narrow = cols <= L;
            int width = narrow ? L : NR;
            if (cols < width && exact && n >= width) {
                // the last sliver shifted left to end at B's last column, read in place: the columns it shares with
                // the sliver before get the same FMA chains in the same order, so the same bits, stored again
                cj = n - width;
                bo = bOff + cj;
                cols = width;
            } else if (cols < NR) {
                bStride = width;
                if (s.bEdge.length < bStride * k) {
                    s.bEdge = new float[bStride * k];
                }
                packEdge(b, bo, ldb, k, cols, bStride, s.bEdge);
                bs = s.bEdge;
                bo = 0;
            }
            // C = A·B exactly on a tile of whole vectors: the kernel stores its registers into C
            boolean direct = exact && cols == width;
            for (int ir = 0; ir < m; ir += TR) {
                int rows = Math.min(TR, m - ir);
                int cTile = cOff + ir * ldc + cj;
                boolean straight = direct && rows == TR;
                float[] dst = straight ? c : tile;
                int dOff = straight ? cTile : 0;
                int dStride = straight ? ldc : NR;
                if (rows < TR) {
                    StridedTile.columnsOfA(narrow, k, s.aEdge, 0, TR, bs, bo, bStride, dst, dOff, dStride);
                } else if (transA) {
                    StridedTile.columnsOfA(narrow, k, a, aOff + ir, lda, bs, bo, bStride, dst, dOff, dStride);
                } else {
                    StridedTile.rowsOfA(narrow, k, a, aOff + ir * lda, lda, bs, bo, bStride, dst, dOff, dStride);
                }
                if (!straight) {
                    MicroKernel.merge(tile, alpha, beta, c, cTile, ldc, rows, cols);
                }
            }
        }
    }

    /** Rows {@code [i0, i0+rows)} of op(A), {@code A[i][p]} at {@code dst[p·TR + i − i0]}, rows past m zero. */
    private static void packRows(boolean transA, float[] a, int aOff, int lda, int i0, int rows, int k, float[] dst) {
        for (int p = 0; p < k; p++) {
            int d = p * TR;
            for (int i = 0; i < rows; i++) {
                dst[d + i] = transA ? a[aOff + p * lda + i0 + i] : a[aOff + (i0 + i) * lda + p];
            }
            for (int i = rows; i < TR; i++) {
                dst[d + i] = 0f;
            }
        }
    }

    /**
     * The last {@code cols} columns of B's k rows, each row padded to {@code width} (one or two vectors). A row copies
     * as whole vectors where they lie within b, carrying whatever follows its last column (the next row's first
     * floats): those lanes only ever reach tile columns that {@link MicroKernel#merge} leaves out of C, and each
     * column's FMA chain is its own lane, so the bits are those of a zero padding. Rows whose vectors would pass b's
     * end are copied float by float and zero-padded.
     */
    private static void packEdge(float[] b, int bo, int ldb, int k, int cols, int width, float[] dst) {
        for (int p = 0; p < k; p++) {
            int src = bo + p * ldb;
            int d = p * width;
            if (src + width <= b.length) {
                FloatVector.fromArray(S, b, src).intoArray(dst, d);
                if (width > L) {
                    FloatVector.fromArray(S, b, src + L).intoArray(dst, d + L);
                }
                continue;
            }
            for (int j = 0; j < cols; j++) {
                dst[d + j] = b[src + j];
            }
            for (int j = cols; j < width; j++) {
                dst[d + j] = 0f;
            }
        }
    }
}
