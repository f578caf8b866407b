package org.mlp4j.engine.kernel;

import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Loss;

/**
 * Plain-Java kernels: the reference implementation every faster provider is tested against, and the
 * fallback wherever {@code jdk.incubator.vector} is absent.
 *
 * <p>They favour clarity and a fixed summation order over speed: GEMM sums each {@code C[i][j]} over
 * {@code p = 0..k-1} in order, in float, then applies {@code α} and {@code β}. They run on the calling thread.
 * Final: a faster provider implements {@link Kernels} on its own (delegating to an instance of this class where it
 * has no faster loop), so that tests comparing it with this reference never compare this code with itself.
 */
public final class ScalarKernels implements Kernels {

    private float[] rowScratch = new float[0];

    @Override
    public String describe() {
        return "scalar, 1 thread";
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOffset, int lda,
                     float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (!transB) {
            // i-p-j order: the inner loop streams a row of B and a row of C (both contiguous)
            if (rowScratch.length < n) {
                rowScratch = new float[n];
            }
            float[] acc = rowScratch;
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(acc, 0, n, 0f);
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    int bRow = bOffset + p * ldb;
                    for (int j = 0; j < n; j++) {
                        acc[j] += aip * b[bRow + j];
                    }
                }
                storeRow(acc, n, alpha, beta, c, cOffset + i * ldc);
            }
        } else {
            // op(B)[p][j] = B[j][p]: each C[i][j] is a dot product of contiguous rows (or a strided A column)
            for (int i = 0; i < m; i++) {
                int cRow = cOffset + i * ldc;
                for (int j = 0; j < n; j++) {
                    int bRow = bOffset + j * ldb;
                    float s = 0f;
                    for (int p = 0; p < k; p++) {
                        float aip = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                        s += aip * b[bRow + p];
                    }
                    c[cRow + j] = beta == 0f ? alpha * s : alpha * s + beta * c[cRow + j];
                }
            }
        }
    }

    private static void storeRow(float[] acc, int n, float alpha, float beta, float[] c, int cRow) {
        if (beta == 0f) {
            for (int j = 0; j < n; j++) {
                c[cRow + j] = alpha * acc[j];
            }
        } else {
            for (int j = 0; j < n; j++) {
                c[cRow + j] = alpha * acc[j] + beta * c[cRow + j];
            }
        }
    }

    @Override
    public void biasActivation(float[] c, int rows, int cols, float[] bias, Activation f, float alpha) {
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            if (bias != null) {
                for (int j = 0; j < cols; j++) {
                    c[row + j] += bias[j];
                }
            }
            if (f == Activation.SOFTMAX) {
                softmaxRow(c, row, cols);
            } else {
                for (int j = 0; j < cols; j++) {
                    c[row + j] = apply(f, alpha, c[row + j]);
                }
            }
        }
    }

    /** {@code f(z)} for one element (not softmax). Sigmoid and tanh stay finite for every input. */
    public static float apply(Activation f, float alpha, float z) {
        switch (f) {
            case IDENTITY: return z;
            case SIGMOID: return sigmoid(z);
            case TANH: return (float) Math.tanh(z);
            case RELU: return z > 0f ? z : 0f;
            case LEAKY_RELU: return z > 0f ? z : alpha * z;
            default: throw new IllegalArgumentException(f + " is not an element-wise activation");
        }
    }

    /** {@code f′} expressed through the output {@code a = f(z)} (not softmax). */
    public static float derivativeFromOutput(Activation f, float alpha, float a) {
        switch (f) {
            case IDENTITY: return 1f;
            case SIGMOID: return a * (1f - a);
            case TANH: return 1f - a * a;
            case RELU: return a > 0f ? 1f : 0f;
            case LEAKY_RELU: return a > 0f ? 1f : alpha;
            default: throw new IllegalArgumentException(f + " has no element-wise derivative");
        }
    }

    static float sigmoid(float z) {
        // exp of a non-positive argument only: no overflow for any z
        if (z >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-z)));
        }
        double e = Math.exp(z);
        return (float) (e / (1.0 + e));
    }

    static void softmaxRow(float[] c, int row, int cols) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            max = Math.max(max, c[row + j]);
        }
        double sum = 0;
        for (int j = 0; j < cols; j++) {
            float e = (float) Math.exp(c[row + j] - max);
            c[row + j] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int j = 0; j < cols; j++) {
            c[row + j] *= inv;
        }
    }

    @Override
    public void activationBackward(float[] delta, float[] a, int n, Activation f, float alpha) {
        if (f == Activation.IDENTITY) {
            return;
        }
        for (int i = 0; i < n; i++) {
            delta[i] *= derivativeFromOutput(f, alpha, a[i]);
        }
    }

    @Override
    public double lossGradient(Loss loss, Activation f, float alpha, float[] z, float[] a, float[] y, float[] dz,
                               int rows, int cols) {
        double total = 0;
        float invRows = 1f / rows;
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            total += rowLoss(loss, z, a, y, row, cols);
            switch (loss) {
                case CE: {
                    // ∂/∂z of −Σ y·log softmax(z) is p·Σy − y (= p − y for one-hot rows)
                    float ySum = 0f;
                    for (int j = 0; j < cols; j++) {
                        ySum += y[row + j];
                    }
                    for (int j = 0; j < cols; j++) {
                        dz[row + j] = (a[row + j] * ySum - y[row + j]) * invRows;
                    }
                    break;
                }
                case BCE:
                    for (int j = 0; j < cols; j++) {
                        dz[row + j] = (a[row + j] - y[row + j]) * invRows;
                    }
                    break;
                case MSE:
                case HALF_SSE: {
                    float g = loss == Loss.MSE ? 2f / ((float) rows * cols) : invRows;
                    for (int j = 0; j < cols; j++) {
                        dz[row + j] = (a[row + j] - y[row + j]) * g;
                    }
                    if (f == Activation.SOFTMAX) {
                        softmaxJacobianRow(a, dz, row, cols);
                    } else {
                        for (int j = 0; j < cols; j++) {
                            dz[row + j] *= derivativeFromOutput(f, alpha, a[row + j]);
                        }
                    }
                    break;
                }
                default:
                    throw new AssertionError(loss);
            }
        }
        return total / lossDivisor(loss, rows, cols);
    }

    /** dz = J_softmaxᵀ·g in place: dz_i = a_i·(g_i − Σ_j g_j·a_j). */
    private static void softmaxJacobianRow(float[] a, float[] g, int row, int cols) {
        double dot = 0;
        for (int j = 0; j < cols; j++) {
            dot += (double) g[row + j] * a[row + j];
        }
        for (int j = 0; j < cols; j++) {
            g[row + j] = a[row + j] * (float) (g[row + j] - dot);
        }
    }

    @Override
    public double loss(Loss loss, Activation f, float[] z, float[] a, float[] y, int rows, int cols) {
        double total = 0;
        for (int i = 0; i < rows; i++) {
            total += rowLoss(loss, z, a, y, i * cols, cols);
        }
        return total / lossDivisor(loss, rows, cols);
    }

    private static double lossDivisor(Loss loss, int rows, int cols) {
        return loss == Loss.MSE ? (double) rows * cols : rows;
    }

    /** The un-normalised loss of one row, in double; CE and BCE are computed from the logits, stably. */
    static double rowLoss(Loss loss, float[] z, float[] a, float[] y, int row, int cols) {
        double s = 0;
        switch (loss) {
            case CE: {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < cols; j++) {
                    max = Math.max(max, z[row + j]);
                }
                double sumExp = 0;
                for (int j = 0; j < cols; j++) {
                    sumExp += Math.exp(z[row + j] - max);
                }
                double lse = max + Math.log(sumExp);
                for (int j = 0; j < cols; j++) {
                    float yj = y[row + j];
                    if (yj != 0f) {
                        s += yj * (lse - z[row + j]);
                    }
                }
                return s;
            }
            case BCE:
                for (int j = 0; j < cols; j++) {
                    double zj = z[row + j];
                    // −[y·log σ(z) + (1−y)·log(1−σ(z))] = max(z,0) − z·y + log(1 + e^−|z|)
                    s += Math.max(zj, 0) - zj * y[row + j] + Math.log1p(Math.exp(-Math.abs(zj)));
                }
                return s;
            case MSE:
                for (int j = 0; j < cols; j++) {
                    double d = (double) a[row + j] - y[row + j];
                    s += d * d;
                }
                return s;
            case HALF_SSE:
                for (int j = 0; j < cols; j++) {
                    double d = (double) a[row + j] - y[row + j];
                    s += 0.5 * d * d;
                }
                return s;
            default:
                throw new AssertionError(loss);
        }
    }

    @Override
    public void columnSums(float[] d, int rows, int cols, float[] out) {
        java.util.Arrays.fill(out, 0, cols, 0f);
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            for (int j = 0; j < cols; j++) {
                out[j] += d[row + j];
            }
        }
    }

    @Override
    public void columnMeanVariance(float[] x, int offset, int rows, int cols, float[] mean, float[] var) {
        java.util.Arrays.fill(mean, 0, cols, 0f);
        java.util.Arrays.fill(var, 0, cols, 0f);
        for (int i = 0; i < rows; i++) {
            int r = offset + i * cols;
            for (int j = 0; j < cols; j++) {
                mean[j] += x[r + j];
            }
        }
        float invRows = 1f / rows;
        for (int j = 0; j < cols; j++) {
            mean[j] *= invRows;
        }
        for (int i = 0; i < rows; i++) {
            int r = offset + i * cols;
            for (int j = 0; j < cols; j++) {
                float c = x[r + j] - mean[j];
                var[j] += c * c;
            }
        }
        for (int j = 0; j < cols; j++) {
            var[j] *= invRows;
        }
    }

    @Override
    public void normalizeColumns(float[] x, int offset, int rows, int cols, float[] scale, float[] shift, Activation f,
                                 float alpha, float[] out) {
        scaleColumns(x, offset, rows, cols, scale, out);
        biasActivation(out, rows, cols, shift, f, alpha);
    }

    @Override
    public void scaleColumns(float[] x, int offset, int rows, int cols, float[] scale, float[] out) {
        for (int i = 0; i < rows; i++) {
            int r = offset + i * cols;
            int o = i * cols;
            for (int j = 0; j < cols; j++) {
                out[o + j] = x[r + j] * scale[j];
            }
        }
    }

    @Override
    public void columnGradientSums(float[] g, float[] x, int xOffset, int rows, int cols, float[] mean, float[] sumG,
                                   float[] sumGX) {
        java.util.Arrays.fill(sumG, 0, cols, 0f);
        java.util.Arrays.fill(sumGX, 0, cols, 0f);
        for (int i = 0; i < rows; i++) {
            int r = xOffset + i * cols;
            int o = i * cols;
            for (int j = 0; j < cols; j++) {
                float gj = g[o + j];
                sumG[j] += gj;
                sumGX[j] += gj * (x[r + j] - mean[j]);
            }
        }
    }

    @Override
    public void batchNormInputGradient(float[] g, float[] x, int xOffset, int rows, int cols, float[] mean,
                                       float[] a, float[] b, float[] c, float[] dx) {
        for (int i = 0; i < rows; i++) {
            int r = xOffset + i * cols;
            int o = i * cols;
            for (int j = 0; j < cols; j++) {
                dx[o + j] = a[j] * g[o + j] - c[j] * (x[r + j] - mean[j]) - b[j];
            }
        }
    }

    @Override
    public void normalizedDenseGradients(float[] m, float[] w, float[] s, int rows, int cols, float[] a, float[] b,
                                         boolean replace, float[] gw, float[] dotM, float[] dotS) {
        for (int j = 0; j < rows; j++) {
            int r = j * cols;
            float dm = 0f;
            float ds = 0f;
            for (int o = 0; o < cols; o++) {
                float mo = m[r + o];   // read before gw is written: with replace, gw may be m
                float t = a[j] * mo + b[j] * s[o];
                gw[r + o] = replace ? t : gw[r + o] + t;
                dm += w[r + o] * mo;
                ds += w[r + o] * s[o];
            }
            dotM[j] = dm;
            dotS[j] = ds;
        }
    }

    @Override
    public void scaleInto(int n, float s, float[] x, int xOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = s * x[xOffset + i];
        }
    }

    @Override
    public void addScaled(int n, float s, float[] x, int xOffset, float[] y, int yOffset) {
        for (int i = 0; i < n; i++) {
            y[yOffset + i] += s * x[xOffset + i];
        }
    }

    @Override
    public void multiplyInto(int n, float[] x, int xOffset, float[] y, int yOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = x[xOffset + i] * y[yOffset + i];
        }
    }

    @Override
    public void addProduct(int n, float[] x, int xOffset, float[] y, int yOffset, float[] out, int outOffset) {
        for (int i = 0; i < n; i++) {
            out[outOffset + i] += x[xOffset + i] * y[yOffset + i];
        }
    }

    @Override
    public void addConstant(int n, float c, float[] y, int yOffset) {
        for (int i = 0; i < n; i++) {
            y[yOffset + i] += c;
        }
    }

    @Override
    public void normal(NormalStream stream, float[] out, int offset, int length, float scale) {
        int full = length / NormalStream.BLOCK * NormalStream.BLOCK;
        for (int b = 0; b < full; b += NormalStream.BLOCK) {
            NormalTransform.block(stream.state(), out, offset + b, scale);
        }
        if (full < length) {
            NormalTransform.block(stream.state(), stream.tail(), 0, scale);
            System.arraycopy(stream.tail(), 0, out, offset + full, length - full);
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, float[] y) {
        for (int i = 0; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }

    @Override
    public double sumOfSquares(int n, float[] x) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) x[i] * x[i];
        }
        return s;
    }

    @Override
    public void scale(int n, float s, float[] x) {
        for (int i = 0; i < n; i++) {
            x[i] *= s;
        }
    }

    @Override
    public void sgdUpdate(float[] p, float[] g, int offset, int length, float learningRate) {
        for (int j = offset, end = offset + length; j < end; j++) {
            p[j] -= learningRate * g[j];
        }
    }

    @Override
    public void momentumUpdate(float[] p, float[] g, float[] v, int offset, int length, float learningRate,
                               float momentum, boolean nesterov) {
        for (int j = offset, end = offset + length; j < end; j++) {
            float vj = momentum * v[j] + g[j];
            v[j] = vj;
            p[j] -= learningRate * (nesterov ? g[j] + momentum * vj : vj);
        }
    }

    @Override
    public void adamUpdate(float[] p, float[] g, float[] m, float[] v, int offset, int length, float stepSize,
                           float beta1, float beta2, float sqrtC2, float eps) {
        float numerator = stepSize * sqrtC2;
        float epsHat = eps * sqrtC2;
        for (int j = offset, end = offset + length; j < end; j++) {
            float gj = g[j];
            float mj = beta1 * m[j] + (1 - beta1) * gj;
            float vj = beta2 * v[j] + (1 - beta2) * gj * gj;
            m[j] = mj;
            v[j] = vj;
            p[j] -= numerator * mj / ((float) Math.sqrt(vj) + epsHat);
        }
    }

    @Override
    public void rmsPropUpdate(float[] p, float[] g, float[] s, int offset, int length, float learningRate, float alpha,
                              float eps) {
        for (int j = offset, end = offset + length; j < end; j++) {
            float gj = g[j];
            float sj = alpha * s[j] + (1 - alpha) * gj * gj;
            s[j] = sj;
            p[j] -= learningRate * gj / ((float) Math.sqrt(sj) + eps);
        }
    }

    @Override
    public void adagradUpdate(float[] p, float[] g, float[] s, int offset, int length, float learningRate, float eps) {
        for (int j = offset, end = offset + length; j < end; j++) {
            float gj = g[j];
            float sj = s[j] + gj * gj;
            s[j] = sj;
            p[j] -= learningRate * gj / ((float) Math.sqrt(sj) + eps);
        }
    }

    @Override
    public double l2Gradient(float[] p, float[] g, int offset, int length, float l2) {
        double sq = 0;
        for (int j = offset, end = offset + length; j < end; j++) {
            sq += (double) p[j] * p[j];
            g[j] += l2 * p[j];
        }
        return sq;
    }

    @Override
    public void decay(float[] p, int offset, int length, float shrink) {
        for (int j = offset, end = offset + length; j < end; j++) {
            p[j] *= shrink;
        }
    }

    @Override
    public void applyMask(float[] x, int xOffset, float[] mask, int maskOffset, float[] out, int outOffset, int length) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = x[xOffset + i] * mask[maskOffset + i];
        }
    }
}
