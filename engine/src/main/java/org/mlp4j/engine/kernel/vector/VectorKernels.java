package org.mlp4j.engine.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.kernel.ScalarKernels;
import org.mlp4j.engine.parallel.WorkerPool;

/**
 * Kernels on {@code jdk.incubator.vector}: the only package that imports the incubator module. Reached
 * through {@link VectorProvider} by {@link org.mlp4j.engine.kernel.KernelsProvider}, so the engine runs without it.
 *
 * <p>Element-wise loops use the kernels' one species ({@link KernelShape}) with a scalar tail; GEMM is the packed, register-blocked
 * {@link VectorGemm}, split across threads on the shared {@link WorkerPool}. The loss/gradient of the (narrow) output
 * layer is inherited from the scalar reference.
 */
public final class VectorKernels extends ScalarKernels {
    static final VectorSpecies<Float> S = KernelShape.S;
    private static final int L = S.length();
    private final int threads;
    private final VectorGemm gemm;

    public VectorKernels(int threads) {
        WorkerPool pool = WorkerPool.shared();
        this.threads = Math.max(1, Math.min(threads, pool.size()));
        this.gemm = new VectorGemm(pool, this.threads);
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

    @Override
    public void biasActivation(float[] c, int rows, int cols, float[] bias, Activation f, float alpha) {
        if (f == Activation.SOFTMAX || bias == null || cols < L) {
            super.biasActivation(c, rows, cols, bias, f, alpha);
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
                c[row + j] = apply(f, alpha, c[row + j] + bias[j]);
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
            delta[i] *= derivativeFromOutput(f, alpha, a[i]);
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

    @Override
    public void columnSums(float[] d, int rows, int cols, float[] out) {
        java.util.Arrays.fill(out, 0, cols, 0f);
        int bound = S.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, out, j).add(FloatVector.fromArray(S, d, row + j)).intoArray(out, j);
            }
            for (; j < cols; j++) {
                out[j] += d[row + j];
            }
        }
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
}
