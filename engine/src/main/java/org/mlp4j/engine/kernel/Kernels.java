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
 * <p>An instance may keep scratch buffers (packed panels, task objects) for {@link #gemm}, so that warm calls allocate
 * nothing; {@code gemm} is meant for one calling thread at a time. Create one per training run with
 * {@link KernelsProvider}. The other methods keep no state: several threads may call them at once on disjoint
 * ranges, as the trainers' range-split optimizer updates do.
 *
 * <p>Element-wise methods that touch part of an array take {@code (array…, offset, length, hyper-parameters)}: they
 * read and write elements {@code [offset, offset + length)} of every array they are given. The optimizer and
 * regularisation methods define each element's floating-point operations exactly (the order written in their
 * Javadoc, no fused multiply-add), and every implementation performs exactly those, so an update through one
 * provider equals, bit for bit, the same update through another. Elsewhere a provider may differ from the reference
 * within rounding: {@link #gemm} may sum in another order, {@link #biasActivation} may approximate sigmoid and tanh
 * (within a few ulp), {@link #axpy} may fuse.
 *
 * <p>Two methods take domain types, {@link Activation} and {@link Loss}, rather than a lower-level description
 * (function pointers, an opcode): on purpose. The kernels fuse an epilogue (bias + activation, loss + its gradient)
 * into one pass, and which fusion is valid depends on the pair (softmax is applied per row; cross-entropy after
 * softmax has the gradient {@code p − y}; the other losses go through the activation's derivative). Passing a
 * {@code java.util.function} object instead would hide that pair from the implementation and, in the vector
 * kernels, cost a megamorphic call per element or per vector (a vector crossing a call boundary that is not inlined
 * is boxed). Both enums are closed, small and part of the engine's model format already, so the seam does not
 * depend on anything a kernel could not know; a new activation or loss is a change to both providers, which the
 * agreement tests then cover.
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

    // Batch normalisation's column loops. The matrices are batch-major (row i, column j at offset + i·cols + j),
    // every per-column sum runs over the rows in order, and each element is a product then a sum (no fused
    // multiply-add), so an implementation that keeps the column sums in registers gives the reference's bits.
    // Outputs must not alias inputs.

    /**
     * Batch statistics per column of {@code x}: {@code mean[j] = (Σ_i x[i][j])·(1/rows)} and
     * {@code var[j] = (Σ_i (x[i][j] − mean[j])²)·(1/rows)} (two passes; the biased variance, as Keras and PyTorch
     * normalise with).
     */
    void columnMeanVariance(float[] x, int offset, int rows, int cols, float[] mean, float[] var);

    /**
     * Batch normalisation's forward once its statistics are known: {@code out[i][j] = f(x[offset + i·cols + j]·scale[j]
     * + shift[j])}, the product rounded before the sum: the values of {@link #scaleColumns} then {@link #biasActivation}
     * (softmax per row), in one pass where the kernels can. {@code out} from element 0 and not {@code x}.
     */
    void normalizeColumns(float[] x, int offset, int rows, int cols, float[] scale, float[] shift, Activation f,
                          float alpha, float[] out);

    /** {@code out[i][j] = x[offset + i·cols + j]·scale[j]}, {@code out} from element 0. */
    void scaleColumns(float[] x, int offset, int rows, int cols, float[] scale, float[] out);

    /**
     * The two column sums of batch normalisation's backward: {@code sumG[j] = Σ_i g[i][j]} and
     * {@code sumGX[j] = Σ_i g[i][j]·(x[i][j] − mean[j])} ({@code g} from element 0, {@code x} from {@code xOffset}).
     */
    void columnGradientSums(float[] g, float[] x, int xOffset, int rows, int cols, float[] mean, float[] sumG,
                            float[] sumGX);

    /**
     * Batch normalisation's input gradient with batch statistics, per element
     * {@code dx[i][j] = a[j]·g[i][j] − c[j]·(x[i][j] − mean[j]) − b[j]} (left to right; {@code g} and {@code dx} from
     * element 0, {@code x} from {@code xOffset}).
     */
    void batchNormInputGradient(float[] g, float[] x, int xOffset, int rows, int cols, float[] mean, float[] a,
                                float[] b, float[] c, float[] dx);

    /**
     * The weight gradient of a dense layer that reads batch normalisation's output {@code y = γ·x̂ + β} (identity
     * activation), and the two row sums from which that layer's batch normalisation gets {@code dγ} and {@code dβ}
     * without the dense layer's input gradient ever being formed. Given {@code m = x̂ᵀ·dZ}, the weights {@code w}
     * (both {@code rows × cols}: a row per input of the dense layer, a column per unit) and {@code s[o] = Σ_i dZ[i][o]},
     * per element {@code t = a[j]·m[j][o] + b[j]·s[o]} (two products, then the sum) and {@code gw[j][o] = t}
     * ({@code replace}) or {@code gw[j][o] + t}; per row {@code dotM[j] = Σ_o w[j][o]·m[j][o]} and
     * {@code dotS[j] = Σ_o w[j][o]·s[o]}. {@code gw} has the reference's bits; the two row sums are summed in an
     * order of the implementation's choosing (the vector kernels keep a partial sum per lane), so they agree with the
     * reference within rounding. With {@code replace}, {@code gw} may be {@code m} itself (each element of m is read
     * before gw's is written); otherwise outputs must not alias inputs.
     */
    void normalizedDenseGradients(float[] m, float[] w, float[] s, int rows, int cols, float[] a, float[] b,
                                  boolean replace, float[] gw, float[] dotM, float[] dotS);

    // Element-wise loops of the tape (composite models): each element is the one operation written, so every
    // provider gives the reference's bits. The ranges are [offset, offset + n) of each array; an output range must
    // not overlap an input range unless it is the same range.

    /** {@code out[i] = s·x[i]}. */
    void scaleInto(int n, float s, float[] x, int xOffset, float[] out, int outOffset);

    /** {@code y[i] += s·x[i]} (a product, then a sum: with {@code s = 1} an exact {@code y += x}). */
    void addScaled(int n, float s, float[] x, int xOffset, float[] y, int yOffset);

    /** {@code out[i] = x[i]·y[i]}. */
    void multiplyInto(int n, float[] x, int xOffset, float[] y, int yOffset, float[] out, int outOffset);

    /** {@code out[i] += x[i]·y[i]} (a product, then a sum). */
    void addProduct(int n, float[] x, int xOffset, float[] y, int yOffset, float[] out, int outOffset);

    /** {@code y[i] += c}. */
    void addConstant(int n, float c, float[] y, int yOffset);

    /**
     * {@code out[offset + i] = scale·z} for {@code i < length}, {@code z} the next standard normal samples of
     * {@code stream} (which advances by {@code ⌈length/32⌉} blocks, see {@link NormalStream}). Every provider draws
     * the same samples bit for bit: the arithmetic is {@link NormalTransform#block}'s. Safe from several threads at
     * once on different streams.
     */
    void normal(NormalStream stream, float[] out, int offset, int length, float scale);

    /**
     * Several streams at once: for each {@code s < streams.length}, {@code out[s][offset + i] = scale·z} for
     * {@code i < length}, the same samples, bit for bit, as {@link #normal(NormalStream, float[], int, int, float)}
     * on each stream in turn (each stream advances as there). A provider may draw different streams on different
     * threads, so that, like {@link #gemm}, this is meant for one calling thread at a time; the default draws them
     * one after the other on the caller.
     *
     * @throws IllegalArgumentException when {@code streams} and {@code out} differ in length
     */
    default void normal(NormalStream[] streams, float[][] out, int offset, int length, float scale) {
        if (streams.length != out.length) {
            throw new IllegalArgumentException(streams.length + " streams for " + out.length + " arrays");
        }
        for (int s = 0; s < streams.length; s++) {
            normal(streams[s], out[s], offset, length, scale);
        }
    }

    /**
     * {@code y[i] += α·x[i]} for {@code i < n} (the whole-batch L2 gradient). An implementation may fuse the
     * multiply-add into one rounding (the vector kernels do), so it may differ from the reference by a rounding.
     */
    void axpy(int n, float alpha, float[] x, float[] y);

    /** {@code Σ x[i]²} for {@code i < n}, accumulated in double: gradient norms. */
    double sumOfSquares(int n, float[] x);

    /** {@code x[i] *= s} for {@code i < n}. */
    void scale(int n, float s, float[] x);

    /**
     * Plain SGD ({@code torch.optim.SGD} without momentum) on elements {@code [offset, offset + length)}:
     * {@code p[i] = p[i] − lr·g[i]} (a product, then a subtraction).
     */
    void sgdUpdate(float[] p, float[] g, int offset, int length, float learningRate);

    /**
     * SGD with momentum μ (dampening 0), PyTorch's form: {@code v[i] = μ·v[i] + g[i]}, then
     * {@code p[i] = p[i] − lr·v[i]}, or with Nesterov {@code p[i] = p[i] − lr·(g[i] + μ·v[i])} (the new {@code v}).
     */
    void momentumUpdate(float[] p, float[] g, float[] v, int offset, int length, float learningRate, float momentum,
                        boolean nesterov);

    /**
     * Adam with the step's bias corrections folded in by the caller: {@code m[i] = β₁·m[i] + (1−β₁)·g},
     * {@code v[i] = β₂·v[i] + ((1−β₂)·g)·g}, then PyTorch's {@code p[i] −= stepSize·m[i] / (√v[i] / sqrtC2 + ε)},
     * where {@code stepSize = η/(1−β₁ᵗ)}, {@code sqrtC2 = √(1−β₂ᵗ)}, and {@code 1−β} is computed in float.
     *
     * <p>The last line is computed as {@code p[i] −= (stepSize·sqrtC2)·m[i] / (√v[i] + ε·sqrtC2)}, the same quotient
     * with both sides multiplied by {@code sqrtC2} (the two scalars are rounded to float once per call): one division
     * and one square root per element instead of two divisions and a square root, which is what bounds this loop
     * (vector division and square root share one unit). The result may differ from PyTorch's order in the last bit.
     */
    void adamUpdate(float[] p, float[] g, float[] m, float[] v, int offset, int length, float stepSize, float beta1,
                    float beta2, float sqrtC2, float eps);

    /**
     * RMSprop: {@code s[i] = α·s[i] + ((1−α)·g)·g}, then {@code p[i] = p[i] − (lr·g) / (√s[i] + ε)}
     * ({@code 1−α} in float).
     */
    void rmsPropUpdate(float[] p, float[] g, float[] s, int offset, int length, float learningRate, float alpha,
                       float eps);

    /** Adagrad: {@code s[i] = s[i] + g·g}, then {@code p[i] = p[i] − (lr·g) / (√s[i] + ε)}. */
    void adagradUpdate(float[] p, float[] g, float[] s, int offset, int length, float learningRate, float eps);

    /**
     * The L2 penalty's share of a range: {@code g[i] = g[i] + λ·p[i]} (a product, then a sum) and returns
     * {@code Σ p[i]²} over the range, each square in double, summed in double in index order (so the penalty does not
     * depend on the vector width). The caller adds {@code ½·λ·Σ} to the loss.
     */
    double l2Gradient(float[] p, float[] g, int offset, int length, float l2);

    /** Decoupled weight decay on a range: {@code p[i] = p[i]·shrink}, with {@code shrink = 1 − η·wd}. */
    void decay(float[] p, int offset, int length, float shrink);

    /**
     * The dropout mask (inverted dropout: 0 or {@code 1/(1−rate)} per element), element by element:
     * {@code out[outOffset + i] = x[xOffset + i]·mask[maskOffset + i]} for {@code i < length}. Forward it writes the
     * masked copy of an activation; backward it masks the delta in place ({@code out == x}, same offset).
     */
    void applyMask(float[] x, int xOffset, float[] mask, int maskOffset, float[] out, int outOffset, int length);
}
