package org.mlp4j.engine.kernel;

import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Loss;

/**
 * The one seam all arithmetic goes through.
 *
 * <p>Matrices are row-major {@code float[]} with an offset and a leading dimension (the distance between
 * the starts of two consecutive rows), as in CBLAS with {@code CblasRowMajor}. {@link ScalarKernels} is the
 * reference every other implementation is tested against.
 *
 * <p>An instance may keep scratch buffers (packed panels, task objects) so that warm calls allocate nothing;
 * it is meant for one calling thread at a time. Create one per training run with {@link KernelsProvider}.
 */
public interface Kernels {

    /** A short description: implementation, vector shape and thread count, e.g. {@code vector (16 × f32), 2 threads}. */
    String describe();

    /** {@code "scalar"} or {@code "vector"} (or another provider's name). */
    String name();

    /** How many threads this instance splits work across (the caller included). */
    int threads();

    /**
     * {@code C = α·op(A)·op(B) + β·C} where {@code op(X)} is {@code X} or {@code Xᵀ}; {@code op(A)} is
     * {@code m×k}, {@code op(B)} is {@code k×n}, {@code C} is {@code m×n}. With {@code β = 0}, C is not read
     * (NaN in C does not propagate), as in BLAS.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float alpha, float[] a, int aOffset, int lda,
              float[] b, int bOffset, int ldb,
              float beta, float[] c, int cOffset, int ldc);

    /**
     * The forward epilogue, in place on a dense {@code rows×cols} matrix: {@code c[i][j] = f(c[i][j] + bias[j])};
     * softmax is applied per row. {@code bias} may be null (no bias).
     */
    void biasActivation(float[] c, int rows, int cols, float[] bias, Activation f, float alpha);

    /**
     * The backward delta loop, in place: {@code delta[i] *= f′} where {@code f′} is computed from the stored
     * activation output {@code a[i]} (not for softmax, whose gradient is fused with the loss).
     */
    void activationBackward(float[] delta, float[] a, int n, Activation f, float alpha);

    /**
     * Loss of a batch and its gradient with respect to the output pre-activations.
     *
     * @param z    output pre-activations (logits), {@code rows×cols}
     * @param a    output activations {@code f(z)}, {@code rows×cols}
     * @param y    targets, {@code rows×cols}
     * @param dz   receives {@code ∂loss/∂z} (already divided by {@code rows}, per the loss convention)
     * @return the batch loss under the conventions of {@link Loss}, in double
     */
    double lossGradient(Loss loss, Activation f, float alpha, float[] z, float[] a, float[] y, float[] dz, int rows, int cols);

    /** The loss of a batch only (no gradient), same conventions as {@link #lossGradient}. */
    double loss(Loss loss, Activation f, float[] z, float[] a, float[] y, int rows, int cols);

    /** {@code out[j] = Σ_i d[i][j]} over a dense {@code rows×cols} matrix: bias gradients. */
    void columnSums(float[] d, int rows, int cols, float[] out);

    /** {@code y[i] += α·x[i]} for {@code i < n}: the plain SGD update. */
    void axpy(int n, float alpha, float[] x, float[] y);

    /** {@code Σ x[i]²} for {@code i < n}, accumulated in double: gradient norms. */
    double sumOfSquares(int n, float[] x);

    /** {@code x[i] *= s} for {@code i < n}. */
    void scale(int n, float s, float[] x);
}
