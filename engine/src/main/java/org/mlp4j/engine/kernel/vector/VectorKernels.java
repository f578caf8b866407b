package org.mlp4j.engine.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.kernel.ScalarKernels;
import org.mlp4j.engine.parallel.WorkerPool;

/**
 * Kernels on {@code jdk.incubator.vector}: the only package that imports the incubator module. Loaded
 * reflectively by {@link org.mlp4j.engine.kernel.KernelsProvider}, so the engine runs without it.
 *
 * <p>Element-wise loops use the preferred float species with a scalar tail; GEMM is the packed, register-blocked
 * {@link VectorGemm}, split across threads on the shared {@link WorkerPool}. The loss/gradient of the (narrow) output
 * layer is inherited from the scalar reference.
 */
public final class VectorKernels extends ScalarKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private final int threads;
    private final VectorGemm gemm;

    public VectorKernels(int threads) {
        WorkerPool pool = WorkerPool.shared();
        this.threads = Math.max(1, Math.min(threads, pool.size()));
        this.gemm = new VectorGemm(pool, this.threads);
    }

    /** Float lanes in the preferred species (8 on AVX2, 16 on AVX-512). */
    public static int lanes() {
        return L;
    }

    @Override
    public String describe() {
        return "vector (" + L + " × f32, GEMM " + GemmBlocking.MR + "×" + GemmBlocking.NR + "), " + threads
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
        if (f == Activation.SOFTMAX) {
            super.biasActivation(c, rows, cols, bias, f, alpha);
            return;
        }
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            for (int j = 0; j < cols; j += L) {
                VectorMask<Float> m = S.indexInRange(j, cols);
                FloatVector z = FloatVector.fromArray(S, c, row + j, m);
                if (bias != null) {
                    z = z.add(FloatVector.fromArray(S, bias, j, m));
                }
                activate(z, f, alpha).intoArray(c, row + j, m);
            }
        }
    }

    static FloatVector activate(FloatVector z, Activation f, float alpha) {
        switch (f) {
            case IDENTITY: return z;
            case RELU: return z.max(0f);
            case LEAKY_RELU: return z.blend(z.mul(alpha), z.compare(VectorOperators.LT, 0f));
            case SIGMOID: {
                // 1/(1+e^−z): e^−z may overflow to +∞ for very negative z, giving exactly 0 — still finite
                FloatVector e = z.neg().lanewise(VectorOperators.EXP);
                return FloatVector.broadcast(S, 1f).div(e.add(1f));
            }
            case TANH: return z.lanewise(VectorOperators.TANH);
            default: throw new IllegalArgumentException(f + " is not element-wise");
        }
    }

    @Override
    public void activationBackward(float[] delta, float[] a, int n, Activation f, float alpha) {
        if (f == Activation.IDENTITY) {
            return;
        }
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector va = FloatVector.fromArray(S, a, i);
            FloatVector vd = FloatVector.fromArray(S, delta, i);
            vd.mul(derivative(va, f, alpha)).intoArray(delta, i);
        }
        for (; i < n; i++) {
            delta[i] *= derivativeFromOutput(f, alpha, a[i]);
        }
    }

    private static FloatVector derivative(FloatVector a, Activation f, float alpha) {
        switch (f) {
            case SIGMOID: return a.mul(a.neg().add(1f));
            case TANH: return a.mul(a).neg().add(1f);
            case RELU: return FloatVector.zero(S).blend(1f, a.compare(VectorOperators.GT, 0f));
            case LEAKY_RELU: return FloatVector.broadcast(S, alpha).blend(1f, a.compare(VectorOperators.GT, 0f));
            default: throw new IllegalArgumentException(f + " has no element-wise derivative");
        }
    }

    @Override
    public void columnSums(float[] d, int rows, int cols, float[] out) {
        java.util.Arrays.fill(out, 0, cols, 0f);
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            for (int j = 0; j < cols; j += L) {
                VectorMask<Float> m = S.indexInRange(j, cols);
                FloatVector.fromArray(S, out, j, m).add(FloatVector.fromArray(S, d, row + j, m)).intoArray(out, j, m);
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
