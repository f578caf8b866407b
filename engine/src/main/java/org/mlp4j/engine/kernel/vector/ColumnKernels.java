package org.mlp4j.engine.kernel.vector;

import static org.mlp4j.engine.kernel.vector.KernelShape.L;
import static org.mlp4j.engine.kernel.vector.KernelShape.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.kernel.ScalarKernels;

/**
 * Per-column loops over batch-major matrices ({@code rows × cols}, row i at {@code offset + i·cols}): column sums,
 * batch normalisation's statistics and its backward, vectorised across columns.
 *
 * <p>Loop structure: the columns go in blocks of four vectors; within a block the rows run in order and the block's
 * column sums stay in registers, so each element of the matrix is loaded once per pass and no sum is loaded and
 * stored per row (what the plain loops, and the earlier per-row vector loop of {@code columnSums}, cost). A block's
 * four vector offsets are clamped to {@code cols − L}: the last vector of a width that is not a multiple of {@code L}
 * overlaps the one before it, and the short last block repeats its last vector. The repeated columns are computed with
 * the same operations in the same order, so they are written with the same bits, and no lane is masked. Matrices
 * narrower than one vector go to the scalar reference.
 *
 * <p>Every column sum runs over the rows in order and every element is a product then a sum, as in
 * {@link ScalarKernels}: the results are bit for bit the reference's. The element-wise passes ({@link #scaleColumns},
 * {@link #normalizeColumns}, {@link #batchNormInputGradient}) rewrite overlapped columns too, so their output must not alias an input (the
 * reference is used when it does).
 */
final class ColumnKernels {
    /** Rows per block of the column-outer element-wise passes ({@link #columnsOuter}). */
    private static final int ROW_BLOCK = 16;

    private ColumnKernels() {
    }

    /**
     * Whether an element-wise pass with per-column parameters runs column vector by column vector down blocks of
     * {@value #ROW_BLOCK} rows (the parameters loaded once per block and column vector, held in registers) rather
     * than row by row (every parameter loaded again for each element vector): for matrices of at most 64 Ki floats
     * with rows of under 256. There the row-by-row loop's loads of the parameters are most of its memory operations
     * — the batch-norm input gradient loads four per element vector — and the column-outer form ran 1.5–1.8× (input
     * gradient) and 1.4–1.5× (normalisation) as fast on a subnet's 64 × 100 and 64 × 110, 1.2–1.8× at 256 × 200
     * (Zen 3, JDK 17 and 25). Larger matrices stream from L2 or beyond, where the row-by-row loop's sequential reads
     * keep up: at 1024 × 128 the column-outer normalisation ran 0.75× on JDK 17, and at 256 × 1024 (rows 4 KiB apart,
     * a block's rows sharing L1 sets) the input gradient 0.5×.
     */
    private static boolean columnsOuter(int rows, int cols) {
        return cols < 256 && (long) rows * cols <= 65_536;
    }

    /** {@code out[j] = Σ_i d[i][j]}. */
    static void columnSums(ScalarKernels reference, float[] d, int rows, int cols, float[] out) {
        if (cols < L || rows < 1) {
            reference.columnSums(d, rows, cols, out);
            return;
        }
        int last = cols - L;
        for (int j = 0; j < cols; j += 4 * L) {
            sumBlock(d, 0, rows, cols, Math.min(j, last), Math.min(j + L, last), Math.min(j + 2 * L, last),
                    Math.min(j + 3 * L, last), out);
        }
    }

    /** The column sums of four vectors of columns (offsets {@code j0..j3}, repeats allowed) into {@code out}. */
    private static void sumBlock(float[] x, int offset, int rows, int cols, int j0, int j1, int j2, int j3,
                                 float[] out) {
        FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S),
                s3 = FloatVector.zero(S);
        for (int i = 0, r = offset; i < rows; i++, r += cols) {
            s0 = s0.add(FloatVector.fromArray(S, x, r + j0));
            s1 = s1.add(FloatVector.fromArray(S, x, r + j1));
            s2 = s2.add(FloatVector.fromArray(S, x, r + j2));
            s3 = s3.add(FloatVector.fromArray(S, x, r + j3));
        }
        s0.intoArray(out, j0);
        s1.intoArray(out, j1);
        s2.intoArray(out, j2);
        s3.intoArray(out, j3);
    }

    /** Batch statistics: {@code mean = Σx·(1/rows)}, {@code var = Σ(x − mean)²·(1/rows)}, two passes. */
    static void columnMeanVariance(ScalarKernels reference, float[] x, int offset, int rows, int cols, float[] mean,
                                   float[] var) {
        if (cols < L || rows < 1) {
            reference.columnMeanVariance(x, offset, rows, cols, mean, var);
            return;
        }
        float invRows = 1f / rows;
        int last = cols - L;
        for (int j = 0; j < cols; j += 4 * L) {
            int j0 = Math.min(j, last), j1 = Math.min(j + L, last), j2 = Math.min(j + 2 * L, last),
                    j3 = Math.min(j + 3 * L, last);
            sumBlock(x, offset, rows, cols, j0, j1, j2, j3, mean);
            FloatVector m0 = FloatVector.fromArray(S, mean, j0).mul(invRows);
            FloatVector m1 = FloatVector.fromArray(S, mean, j1).mul(invRows);
            FloatVector m2 = FloatVector.fromArray(S, mean, j2).mul(invRows);
            FloatVector m3 = FloatVector.fromArray(S, mean, j3).mul(invRows);
            FloatVector v0 = FloatVector.zero(S), v1 = FloatVector.zero(S), v2 = FloatVector.zero(S),
                    v3 = FloatVector.zero(S);
            for (int i = 0, r = offset; i < rows; i++, r += cols) {
                FloatVector c0 = FloatVector.fromArray(S, x, r + j0).sub(m0);
                FloatVector c1 = FloatVector.fromArray(S, x, r + j1).sub(m1);
                FloatVector c2 = FloatVector.fromArray(S, x, r + j2).sub(m2);
                FloatVector c3 = FloatVector.fromArray(S, x, r + j3).sub(m3);
                v0 = v0.add(c0.mul(c0));
                v1 = v1.add(c1.mul(c1));
                v2 = v2.add(c2.mul(c2));
                v3 = v3.add(c3.mul(c3));
            }
            m0.intoArray(mean, j0);
            m1.intoArray(mean, j1);
            m2.intoArray(mean, j2);
            m3.intoArray(mean, j3);
            v0.mul(invRows).intoArray(var, j0);
            v1.mul(invRows).intoArray(var, j1);
            v2.mul(invRows).intoArray(var, j2);
            v3.mul(invRows).intoArray(var, j3);
        }
    }

    /** {@code out[i][j] = x[i][j]·scale[j]}. */
    static void scaleColumns(ScalarKernels reference, float[] x, int offset, int rows, int cols, float[] scale,
                             float[] out) {
        if (cols < L || out == x) {
            reference.scaleColumns(x, offset, rows, cols, scale, out);
            return;
        }
        int last = cols - L;
        for (int i = 0, r = offset, o = 0; i < rows; i++, r += cols, o += cols) {
            for (int j = 0; j < cols; j += L) {
                int jj = Math.min(j, last);
                FloatVector.fromArray(S, x, r + jj).mul(FloatVector.fromArray(S, scale, jj)).intoArray(out, o + jj);
            }
        }
    }

    /**
     * {@code out[i][j] = f(x[i][j]·scale[j] + shift[j])} for identity, ReLU and leaky ReLU, in one pass with no
     * scalar tail: the last vector of a row overlaps the one before it (hence out ≠ x), where
     * {@code scaleColumns} then {@code biasActivation} made two passes and did the last {@code cols mod L} columns
     * of every row one by one (14 of the subnets' 110). Same operations per element, so the same bits.
     *
     * @return false, having written nothing, for the activations it does not fuse
     */
    static boolean normalizeColumns(float[] x, int offset, int rows, int cols, float[] scale, float[] shift,
                                    Activation f, float alpha, float[] out) {
        // one small loop per activation, as in VectorKernels.biasActivation (a vector across a call is boxed)
        switch (f) {
            case IDENTITY: normalizeOrRelu(x, offset, rows, cols, scale, shift, false, out); return true;
            case RELU: normalizeOrRelu(x, offset, rows, cols, scale, shift, true, out); return true;
            case LEAKY_RELU: normalizeLeakyRelu(x, offset, rows, cols, scale, shift, alpha, out); return true;
            default: return false;
        }
    }

    /** Identity or ReLU: the flag is loop-invariant, so C2 unswitches the loop into one per case. */
    private static void normalizeOrRelu(float[] x, int offset, int rows, int cols, float[] scale, float[] shift,
                                        boolean relu, float[] out) {
        int last = cols - L;
        if (columnsOuter(rows, cols)) {
            for (int i0 = 0; i0 < rows; i0 += ROW_BLOCK) {
                int i1 = Math.min(rows, i0 + ROW_BLOCK);
                for (int j = 0; j < cols; j += L) {
                    int jj = Math.min(j, last);
                    FloatVector vs = FloatVector.fromArray(S, scale, jj), vt = FloatVector.fromArray(S, shift, jj);
                    for (int i = i0, r = offset + i0 * cols + jj, o = i0 * cols + jj; i < i1; i++, r += cols, o += cols) {
                        FloatVector z = FloatVector.fromArray(S, x, r).mul(vs).add(vt);
                        (relu ? z.max(0f) : z).intoArray(out, o);
                    }
                }
            }
            return;
        }
        for (int i = 0, r = offset, o = 0; i < rows; i++, r += cols, o += cols) {
            for (int j = 0; j < cols; j += L) {
                int jj = Math.min(j, last);
                FloatVector z = FloatVector.fromArray(S, x, r + jj).mul(FloatVector.fromArray(S, scale, jj))
                        .add(FloatVector.fromArray(S, shift, jj));
                (relu ? z.max(0f) : z).intoArray(out, o + jj);
            }
        }
    }

    private static void normalizeLeakyRelu(float[] x, int offset, int rows, int cols, float[] scale, float[] shift,
                                           float alpha, float[] out) {
        int last = cols - L;
        for (int i = 0, r = offset, o = 0; i < rows; i++, r += cols, o += cols) {
            for (int j = 0; j < cols; j += L) {
                int jj = Math.min(j, last);
                FloatVector z = FloatVector.fromArray(S, x, r + jj).mul(FloatVector.fromArray(S, scale, jj))
                        .add(FloatVector.fromArray(S, shift, jj));
                z.blend(z.mul(alpha), z.compare(VectorOperators.LT, 0f)).intoArray(out, o + jj);
            }
        }
    }

    /** {@code sumG[j] = Σ_i g[i][j]}, {@code sumGX[j] = Σ_i g[i][j]·(x[i][j] − mean[j])}. */
    static void columnGradientSums(ScalarKernels reference, float[] g, float[] x, int xOffset, int rows, int cols,
                                   float[] mean, float[] sumG, float[] sumGX) {
        if (cols < L || rows < 1) {
            reference.columnGradientSums(g, x, xOffset, rows, cols, mean, sumG, sumGX);
            return;
        }
        int last = cols - L;
        for (int j = 0; j < cols; j += 4 * L) {
            int j0 = Math.min(j, last), j1 = Math.min(j + L, last), j2 = Math.min(j + 2 * L, last),
                    j3 = Math.min(j + 3 * L, last);
            FloatVector m0 = FloatVector.fromArray(S, mean, j0), m1 = FloatVector.fromArray(S, mean, j1),
                    m2 = FloatVector.fromArray(S, mean, j2), m3 = FloatVector.fromArray(S, mean, j3);
            FloatVector g0 = FloatVector.zero(S), g1 = FloatVector.zero(S), g2 = FloatVector.zero(S),
                    g3 = FloatVector.zero(S);
            FloatVector p0 = FloatVector.zero(S), p1 = FloatVector.zero(S), p2 = FloatVector.zero(S),
                    p3 = FloatVector.zero(S);
            for (int i = 0, r = xOffset, o = 0; i < rows; i++, r += cols, o += cols) {
                FloatVector d0 = FloatVector.fromArray(S, g, o + j0);
                FloatVector d1 = FloatVector.fromArray(S, g, o + j1);
                FloatVector d2 = FloatVector.fromArray(S, g, o + j2);
                FloatVector d3 = FloatVector.fromArray(S, g, o + j3);
                g0 = g0.add(d0);
                g1 = g1.add(d1);
                g2 = g2.add(d2);
                g3 = g3.add(d3);
                p0 = p0.add(d0.mul(FloatVector.fromArray(S, x, r + j0).sub(m0)));
                p1 = p1.add(d1.mul(FloatVector.fromArray(S, x, r + j1).sub(m1)));
                p2 = p2.add(d2.mul(FloatVector.fromArray(S, x, r + j2).sub(m2)));
                p3 = p3.add(d3.mul(FloatVector.fromArray(S, x, r + j3).sub(m3)));
            }
            g0.intoArray(sumG, j0);
            g1.intoArray(sumG, j1);
            g2.intoArray(sumG, j2);
            g3.intoArray(sumG, j3);
            p0.intoArray(sumGX, j0);
            p1.intoArray(sumGX, j1);
            p2.intoArray(sumGX, j2);
            p3.intoArray(sumGX, j3);
        }
    }

    /** {@code dx[i][j] = a[j]·g[i][j] − c[j]·(x[i][j] − mean[j]) − b[j]}. */
    static void batchNormInputGradient(ScalarKernels reference, float[] g, float[] x, int xOffset, int rows, int cols,
                                       float[] mean, float[] a, float[] b, float[] c, float[] dx) {
        if (cols < L || dx == g || dx == x) {
            reference.batchNormInputGradient(g, x, xOffset, rows, cols, mean, a, b, c, dx);
            return;
        }
        int last = cols - L;
        if (columnsOuter(rows, cols)) {
            for (int i0 = 0; i0 < rows; i0 += ROW_BLOCK) {
                int i1 = Math.min(rows, i0 + ROW_BLOCK);
                for (int j = 0; j < cols; j += L) {
                    int jj = Math.min(j, last);
                    FloatVector va = FloatVector.fromArray(S, a, jj), vm = FloatVector.fromArray(S, mean, jj);
                    FloatVector vb = FloatVector.fromArray(S, b, jj), vc = FloatVector.fromArray(S, c, jj);
                    for (int i = i0, r = xOffset + i0 * cols + jj, o = i0 * cols + jj; i < i1; i++, r += cols, o += cols) {
                        FloatVector centred = FloatVector.fromArray(S, x, r).sub(vm);
                        va.mul(FloatVector.fromArray(S, g, o)).sub(vc.mul(centred)).sub(vb).intoArray(dx, o);
                    }
                }
            }
            return;
        }
        for (int i = 0, r = xOffset, o = 0; i < rows; i++, r += cols, o += cols) {
            for (int j = 0; j < cols; j += L) {
                int jj = Math.min(j, last);
                FloatVector va = FloatVector.fromArray(S, a, jj);
                FloatVector centred = FloatVector.fromArray(S, x, r + jj).sub(FloatVector.fromArray(S, mean, jj));
                va.mul(FloatVector.fromArray(S, g, o + jj))
                        .sub(FloatVector.fromArray(S, c, jj).mul(centred))
                        .sub(FloatVector.fromArray(S, b, jj))
                        .intoArray(dx, o + jj);
            }
        }
    }
}
