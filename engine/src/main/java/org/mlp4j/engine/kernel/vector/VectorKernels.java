package org.mlp4j.engine.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.NormalStream;
import org.mlp4j.engine.kernel.ScalarKernels;
import org.mlp4j.engine.parallel.WorkerPool;

/**
 * Kernels on {@code jdk.incubator.vector}: the only package that imports the incubator module. Reached
 * through {@link VectorProvider} by {@link org.mlp4j.engine.kernel.KernelsProvider}, so the engine runs without it.
 *
 * <p>Element-wise loops use the kernels' one species ({@link KernelShape}) with a scalar tail; GEMM is the packed, register-blocked
 * {@link VectorGemm}, split across threads on the shared {@link WorkerPool}.
 *
 * <p>This class implements {@link Kernels} on its own rather than extending the reference: where it has no faster
 * loop it calls a {@link ScalarKernels} instance explicitly, and each such method says so (the loss and its
 * gradient of the narrow output layer, softmax, {@link #sumOfSquares}, {@link #l2Gradient}). The tests hold every
 * method with a loop of its own here to the reference.
 *
 * <p>The optimizer, decay and mask loops perform exactly the reference's operations per element, in its order (a
 * multiply then an add, never a fused multiply-add; IEEE division and square root are correctly rounded in both),
 * so they give the reference's bits at any vector width.
 */
public final class VectorKernels implements Kernels {
    static final VectorSpecies<Float> S = KernelShape.S;
    private static final int L = S.length();

    static {
        // before any kernel runs, let alone is compiled: see OperationCaches for what a late first use costs
        OperationCaches.prime(S);
    }
    private final int threads;
    private final VectorGemm gemm;
    private final NormalBatch normals;
    /** For what has no vector loop here: stateless for everything this class hands it (never its GEMM). */
    private final ScalarKernels reference = new ScalarKernels();

    /** Kernels splitting GEMM across {@code threads} threads of the shared pool (capped by its size). */
    public VectorKernels(int threads) {
        this(threads, null);
    }

    /** As {@link #VectorKernels(int)}, one-thread GEMMs reading the shared operands' panels from {@code shared}. */
    VectorKernels(int threads, SharedPanels shared) {
        WorkerPool pool = WorkerPool.shared();
        this.threads = Math.max(1, Math.min(threads, pool.size()));
        this.gemm = new VectorGemm(pool, this.threads, shared);
        this.normals = new NormalBatch(pool, this.threads, this);
    }

    /** Float lanes in the kernels' species ({@link KernelShape}: 8 on AVX2, 16 on AVX-512). */
    public static int lanes() {
        return L;
    }

    @Override
    public String describe() {
        return "vector (" + L + " × f32, GEMM " + KernelShape.MR + "×" + KernelShape.NR + "), " + threads
                + (threads == 1 ? " thread" : " threads");
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOffset, int lda,
                     float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc) {
        gemm.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    /**
     * A vector loop per element-wise activation with a bias; softmax (a per-row reduction over the narrow output
     * layer), no bias, and rows narrower than one vector go to the scalar reference.
     */
    @Override
    public void biasActivation(float[] c, int rows, int cols, float[] bias, Activation f, float alpha) {
        if (f == Activation.SOFTMAX || bias == null || cols < L) {
            reference.biasActivation(c, rows, cols, bias, f, alpha);
            return;
        }
        // One small loop per activation: a shared loop calling a big switch would not be inlined whole, and a
        // vector that crosses a call boundary that was not inlined is boxed (an allocation per vector).
        // Full vectors then a scalar tail: partially masked loads and stores are not intrinsified on every
        // JDK/ISA (JDK 17 boxes them), and a boxed vector costs more than the few tail elements.
        int bound = S.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            switch (f) {
                case IDENTITY: biasOnly(c, row, bias, bound); break;
                case RELU: biasRelu(c, row, bias, bound); break;
                case LEAKY_RELU: biasLeakyRelu(c, row, bias, bound, alpha); break;
                case SIGMOID: biasSigmoid(c, row, bias, bound); break;
                case TANH: biasTanh(c, row, bias, bound); break;
                default: throw new IllegalArgumentException(f + " is not element-wise");
            }
            for (int j = bound; j < cols; j++) {
                c[row + j] = ScalarKernels.apply(f, alpha, c[row + j] + bias[j]);
            }
        }
    }

    private static void biasOnly(float[] c, int row, float[] bias, int bound) {
        for (int j = 0; j < bound; j += L) {
            FloatVector.fromArray(S, c, row + j).add(FloatVector.fromArray(S, bias, j)).intoArray(c, row + j);
        }
    }

    private static void biasRelu(float[] c, int row, float[] bias, int bound) {
        for (int j = 0; j < bound; j += L) {
            FloatVector.fromArray(S, c, row + j).add(FloatVector.fromArray(S, bias, j)).max(0f).intoArray(c, row + j);
        }
    }

    private static void biasLeakyRelu(float[] c, int row, float[] bias, int bound, float alpha) {
        for (int j = 0; j < bound; j += L) {
            FloatVector z = FloatVector.fromArray(S, c, row + j).add(FloatVector.fromArray(S, bias, j));
            z.blend(z.mul(alpha), z.compare(VectorOperators.LT, 0f)).intoArray(c, row + j);
        }
    }

    private static void biasSigmoid(float[] c, int row, float[] bias, int bound) {
        for (int j = 0; j < bound; j += L) {
            FloatVector z = FloatVector.fromArray(S, c, row + j).add(FloatVector.fromArray(S, bias, j));
            VectorMath.sigmoid(z).intoArray(c, row + j);
        }
    }

    private static void biasTanh(float[] c, int row, float[] bias, int bound) {
        for (int j = 0; j < bound; j += L) {
            FloatVector z = FloatVector.fromArray(S, c, row + j).add(FloatVector.fromArray(S, bias, j));
            VectorMath.tanh(z).intoArray(c, row + j);
        }
    }

    @Override
    public void activationBackward(float[] delta, float[] a, int n, Activation f, float alpha) {
        // one small loop per activation, for the same reason as biasActivation: a shared helper returning a vector
        // is not always inlined once every activation has been seen, and then each vector it returns is boxed
        int bound = S.loopBound(n);
        switch (f) {
            case IDENTITY: return;
            case SIGMOID: backSigmoid(delta, a, bound); break;
            case TANH: backTanh(delta, a, bound); break;
            case RELU: backRelu(delta, a, bound); break;
            case LEAKY_RELU: backLeakyRelu(delta, a, bound, alpha); break;
            default: throw new IllegalArgumentException(f + " has no element-wise derivative");
        }
        for (int i = bound; i < n; i++) {
            delta[i] *= ScalarKernels.derivativeFromOutput(f, alpha, a[i]);
        }
    }

    /** δ ·= a(1 − a). */
    private static void backSigmoid(float[] delta, float[] a, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector va = FloatVector.fromArray(S, a, i);
            FloatVector.fromArray(S, delta, i).mul(va.mul(va.neg().add(1f))).intoArray(delta, i);
        }
    }

    /** δ ·= 1 − a². */
    private static void backTanh(float[] delta, float[] a, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector va = FloatVector.fromArray(S, a, i);
            FloatVector.fromArray(S, delta, i).mul(va.mul(va).neg().add(1f)).intoArray(delta, i);
        }
    }

    /** δ = 0 where a ≤ 0. */
    private static void backRelu(float[] delta, float[] a, int bound) {
        for (int i = 0; i < bound; i += L) {
            FloatVector va = FloatVector.fromArray(S, a, i);
            FloatVector.fromArray(S, delta, i).blend(0f, va.compare(VectorOperators.LE, 0f)).intoArray(delta, i);
        }
    }

    /** δ ·= α where a ≤ 0. */
    private static void backLeakyRelu(float[] delta, float[] a, int bound, float alpha) {
        for (int i = 0; i < bound; i += L) {
            FloatVector va = FloatVector.fromArray(S, a, i);
            FloatVector vd = FloatVector.fromArray(S, delta, i);
            vd.blend(vd.mul(alpha), va.compare(VectorOperators.LE, 0f)).intoArray(delta, i);
        }
    }

    /**
     * The scalar reference: the output layer is narrow (a few classes), its loss sums in double per row, and CE
     * needs a log-sum-exp per row, so a vector loop would gain little and change the loss's summation order.
     */
    @Override
    public double lossGradient(Loss loss, Activation f, float alpha, float[] z, float[] a, float[] y, float[] dz,
                               int rows, int cols) {
        return reference.lossGradient(loss, f, alpha, z, a, y, dz, rows, cols);
    }

    /** The scalar reference, as {@link #lossGradient}. */
    @Override
    public double loss(Loss loss, Activation f, float[] z, float[] a, float[] y, int rows, int cols) {
        return reference.loss(loss, f, z, a, y, rows, cols);
    }

    @Override
    public void columnSums(float[] d, int rows, int cols, float[] out) {
        ColumnKernels.columnSums(reference, d, rows, cols, out);
    }

    @Override
    public void columnMeanVariance(float[] x, int offset, int rows, int cols, float[] mean, float[] var) {
        ColumnKernels.columnMeanVariance(reference, x, offset, rows, cols, mean, var);
    }

    @Override
    public void normalizeColumns(float[] x, int offset, int rows, int cols, float[] scale, float[] shift, Activation f,
                                 float alpha, float[] out) {
        if (cols >= L && out != x && ColumnKernels.normalizeColumns(x, offset, rows, cols, scale, shift, f, alpha, out)) {
            return;
        }
        scaleColumns(x, offset, rows, cols, scale, out);
        biasActivation(out, rows, cols, shift, f, alpha);
    }

    @Override
    public void scaleColumns(float[] x, int offset, int rows, int cols, float[] scale, float[] out) {
        ColumnKernels.scaleColumns(reference, x, offset, rows, cols, scale, out);
    }

    @Override
    public void columnGradientSums(float[] g, float[] x, int xOffset, int rows, int cols, float[] mean, float[] sumG,
                                   float[] sumGX) {
        ColumnKernels.columnGradientSums(reference, g, x, xOffset, rows, cols, mean, sumG, sumGX);
    }

    @Override
    public void batchNormInputGradient(float[] g, float[] x, int xOffset, int rows, int cols, float[] mean,
                                       float[] a, float[] b, float[] c, float[] dx) {
        ColumnKernels.batchNormInputGradient(reference, g, x, xOffset, rows, cols, mean, a, b, c, dx);
    }

    @Override
    public void normalizedDenseGradients(float[] m, float[] w, float[] s, int rows, int cols, float[] a, float[] b,
                                         boolean replace, float[] gw, float[] dotM, float[] dotS) {
        NormalizedDenseGradients.rows(m, w, s, rows, cols, a, b, replace, gw, dotM, dotS);
    }

    @Override
    public void scaleInto(int n, float s, float[] x, int xOffset, float[] out, int outOffset) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOffset + i).mul(s).intoArray(out, outOffset + i);
        }
        for (; i < n; i++) {
            out[outOffset + i] = s * x[xOffset + i];
        }
    }

    @Override
    public void addScaled(int n, float s, float[] x, int xOffset, float[] y, int yOffset) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOffset + i).mul(s).add(FloatVector.fromArray(S, y, yOffset + i))
                    .intoArray(y, yOffset + i);
        }
        for (; i < n; i++) {
            y[yOffset + i] += s * x[xOffset + i];
        }
    }

    @Override
    public void multiplyInto(int n, float[] x, int xOffset, float[] y, int yOffset, float[] out, int outOffset) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOffset + i).mul(FloatVector.fromArray(S, y, yOffset + i))
                    .intoArray(out, outOffset + i);
        }
        for (; i < n; i++) {
            out[outOffset + i] = x[xOffset + i] * y[yOffset + i];
        }
    }

    @Override
    public void addProduct(int n, float[] x, int xOffset, float[] y, int yOffset, float[] out, int outOffset) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOffset + i).mul(FloatVector.fromArray(S, y, yOffset + i))
                    .add(FloatVector.fromArray(S, out, outOffset + i)).intoArray(out, outOffset + i);
        }
        for (; i < n; i++) {
            out[outOffset + i] += x[xOffset + i] * y[yOffset + i];
        }
    }

    @Override
    public void addConstant(int n, float c, float[] y, int yOffset) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, y, yOffset + i).add(c).intoArray(y, yOffset + i);
        }
        for (; i < n; i++) {
            y[yOffset + i] += c;
        }
    }

    @Override
    public void normal(NormalStream stream, float[] out, int offset, int length, float scale) {
        if (NormalKernel.APPLIES) {
            NormalKernel.fill(stream, out, offset, length, scale);
        } else {
            reference.normal(stream, out, offset, length, scale);
        }
    }

    /** The streams split across this instance's threads ({@link NormalBatch}). */
    @Override
    public void normal(NormalStream[] streams, float[][] out, int offset, int length, float scale) {
        normals.draw(streams, out, offset, length, scale);
    }

    @Override
    public void axpy(int n, float alpha, float[] x, float[] y) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, i).fma(va, FloatVector.fromArray(S, y, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = Math.fma(alpha, x[i], y[i]);
        }
    }

    @Override
    public void scale(int n, float s, float[] x) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, i).mul(s).intoArray(x, i);
        }
        for (; i < n; i++) {
            x[i] *= s;
        }
    }

    /**
     * The scalar reference: the sum is in double in index order, so that gradient norms (and so clipping) do not
     * depend on the vector width; a vector loop would have to widen each lane to double and sum in another order.
     */
    @Override
    public double sumOfSquares(int n, float[] x) {
        return reference.sumOfSquares(n, x);
    }

    @Override
    public void sgdUpdate(float[] p, float[] g, int offset, int length, float learningRate) {
        int j = offset;
        for (int bound = offset + S.loopBound(length); j < bound; j += L) {
            FloatVector vp = FloatVector.fromArray(S, p, j);
            vp.sub(FloatVector.fromArray(S, g, j).mul(learningRate)).intoArray(p, j);
        }
        for (int end = offset + length; j < end; j++) {
            p[j] -= learningRate * g[j];
        }
    }

    @Override
    public void momentumUpdate(float[] p, float[] g, float[] v, int offset, int length, float learningRate,
                               float momentum, boolean nesterov) {
        int j = offset;
        int bound = offset + S.loopBound(length);
        if (nesterov) {
            for (; j < bound; j += L) {
                FloatVector vg = FloatVector.fromArray(S, g, j);
                FloatVector vv = FloatVector.fromArray(S, v, j).mul(momentum).add(vg);
                vv.intoArray(v, j);
                FloatVector.fromArray(S, p, j).sub(vg.add(vv.mul(momentum)).mul(learningRate)).intoArray(p, j);
            }
        } else {
            for (; j < bound; j += L) {
                FloatVector vv = FloatVector.fromArray(S, v, j).mul(momentum).add(FloatVector.fromArray(S, g, j));
                vv.intoArray(v, j);
                FloatVector.fromArray(S, p, j).sub(vv.mul(learningRate)).intoArray(p, j);
            }
        }
        reference.momentumUpdate(p, g, v, j, offset + length - j, learningRate, momentum, nesterov);
    }

    @Override
    public void adamUpdate(float[] p, float[] g, float[] m, float[] v, int offset, int length, float stepSize,
                           float beta1, float beta2, float sqrtC2, float eps) {
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        float numerator = stepSize * sqrtC2;
        float epsHat = eps * sqrtC2;
        int j = offset;
        for (int bound = offset + S.loopBound(length); j < bound; j += L) {
            FloatVector vg = FloatVector.fromArray(S, g, j);
            FloatVector vm = FloatVector.fromArray(S, m, j).mul(beta1).add(vg.mul(oneMinusBeta1));
            FloatVector vv = FloatVector.fromArray(S, v, j).mul(beta2).add(vg.mul(oneMinusBeta2).mul(vg));
            vm.intoArray(m, j);
            vv.intoArray(v, j);
            FloatVector step = vm.mul(numerator).div(vv.sqrt().add(epsHat));
            FloatVector.fromArray(S, p, j).sub(step).intoArray(p, j);
        }
        reference.adamUpdate(p, g, m, v, j, offset + length - j, stepSize, beta1, beta2, sqrtC2, eps);
    }

    @Override
    public void rmsPropUpdate(float[] p, float[] g, float[] s, int offset, int length, float learningRate, float alpha,
                              float eps) {
        float oneMinusAlpha = 1 - alpha;
        int j = offset;
        for (int bound = offset + S.loopBound(length); j < bound; j += L) {
            FloatVector vg = FloatVector.fromArray(S, g, j);
            FloatVector vs = FloatVector.fromArray(S, s, j).mul(alpha).add(vg.mul(oneMinusAlpha).mul(vg));
            vs.intoArray(s, j);
            FloatVector.fromArray(S, p, j).sub(vg.mul(learningRate).div(vs.sqrt().add(eps))).intoArray(p, j);
        }
        reference.rmsPropUpdate(p, g, s, j, offset + length - j, learningRate, alpha, eps);
    }

    @Override
    public void adagradUpdate(float[] p, float[] g, float[] s, int offset, int length, float learningRate, float eps) {
        int j = offset;
        for (int bound = offset + S.loopBound(length); j < bound; j += L) {
            FloatVector vg = FloatVector.fromArray(S, g, j);
            FloatVector vs = FloatVector.fromArray(S, s, j).add(vg.mul(vg));
            vs.intoArray(s, j);
            FloatVector.fromArray(S, p, j).sub(vg.mul(learningRate).div(vs.sqrt().add(eps))).intoArray(p, j);
        }
        reference.adagradUpdate(p, g, s, j, offset + length - j, learningRate, eps);
    }

    /**
     * The scalar reference: its {@code Σ p²} is in double in index order (see {@link Kernels#l2Gradient}), which a
     * vector loop could only keep by a second, scalar pass over the range.
     */
    @Override
    public double l2Gradient(float[] p, float[] g, int offset, int length, float l2) {
        return reference.l2Gradient(p, g, offset, length, l2);
    }

    @Override
    public void decay(float[] p, int offset, int length, float shrink) {
        int j = offset;
        for (int bound = offset + S.loopBound(length); j < bound; j += L) {
            FloatVector.fromArray(S, p, j).mul(shrink).intoArray(p, j);
        }
        for (int end = offset + length; j < end; j++) {
            p[j] *= shrink;
        }
    }

    @Override
    public void applyMask(float[] x, int xOffset, float[] mask, int maskOffset, float[] out, int outOffset, int length) {
        int i = 0;
        for (int bound = S.loopBound(length); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOffset + i).mul(FloatVector.fromArray(S, mask, maskOffset + i))
                    .intoArray(out, outOffset + i);
        }
        for (; i < length; i++) {
            out[outOffset + i] = x[xOffset + i] * mask[maskOffset + i];
        }
    }
}
