package org.mlp4j.engine;

import java.util.List;
import org.mlp4j.engine.kernel.Kernels;

/**
 * Forward and backward passes through any layer stack — dense layers with or without bias, batch normalisation —
 * for up to {@code capacity} rows, with every buffer allocated once (warm passes allocate nothing).
 *
 * <p>Dense layers go through {@link Kernels#gemm} and {@link Kernels#biasActivation} exactly as {@link Workspace}
 * does; batch normalisation's per-column statistics, its scaling and its backward are {@code Kernels} calls too
 * ({@link Kernels#columnMeanVariance}, {@link Kernels#normalizeColumns}, {@link Kernels#columnGradientSums},
 * {@link Kernels#batchNormInputGradient}); only the per-column arithmetic on {@code units} values stays here.
 *
 * <p>Backward, given {@code ∂L/∂output}: per layer {@code ⊙ f′}, then for dense {@code dW += Xᵀ·dZ},
 * {@code db += Σ_rows dZ}, {@code dX = dZ·Wᵀ}; for batch normalisation in training mode
 * {@code dγ += Σ g·x̂}, {@code dβ += Σ g}, {@code dx = γ/(m·σ)·(m·g − Σg − x̂·Σ g·x̂)} (in inference mode
 * {@code dx = γ·g/σ}). Gradients are <em>added</em> to the arrays handed in, so a stack used twice accumulates;
 * {@link #backwardReplacing} writes them instead, for a stack whose only contribution this pass is. A layer's dx is
 * formed only where a layer below it has a gradient to take or the stack's input gradient is asked for, and a stack
 * that starts with batch normalisation and a dense layer gets the first two layers' gradients without that dense
 * layer's dx when the input gradient is not asked for ({@link #normalizedInputBackward}).
 */
public final class StackPass {
    private final Network network;
    private final int capacity;
    private final float[][] outputs;
    private final float[] logits;
    /** Per batch-normalisation layer: μ and 1/σ of the last forward; null for dense layers. */
    private final float[][] means;
    private final float[][] invStd;
    private final float[] scratch;
    private final float[][] columnA;
    private final float[][] columnB;
    private final float[] deltaA;
    private final float[] deltaB;
    /**
     * Scratch of {@link #normalizedInputBackward} ({@code −μ/σ} and the two row sums), allocated only for a stack
     * that starts with batch normalisation (identity activation) and a dense layer; null otherwise.
     */
    private final float[] xHatShift;
    private final float[] rowDotM;
    private final float[] rowDotS;
    /** {@code x̂ᵀ·dZ} of {@link #normalizedInputBackward} when it adds to the weight gradient (replacing, it is there). */
    private float[] xHatProduct = new float[0];
    private float[] input;
    private int inputOffset;
    private int rows;
    private boolean training;
    private float[] lastInputGradient;

    public StackPass(Network network, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.network = network;
        this.capacity = capacity;
        List<Layer> stack = network.stack();
        int depth = stack.size();
        outputs = new float[depth][];
        means = new float[depth][];
        invStd = new float[depth][];
        columnA = new float[depth][];
        columnB = new float[depth][];
        int widest = network.inputs();
        for (int l = 0; l < depth; l++) {
            Layer layer = stack.get(l);
            int units = layer.units();
            widest = Math.max(widest, units);
            outputs[l] = new float[Math.multiplyExact(capacity, units)];
            if (layer instanceof BatchNormLayer) {
                means[l] = new float[units];
                invStd[l] = new float[units];
            }
            columnA[l] = new float[units];
            columnB[l] = new float[units];
        }
        // with no activation on the last layer its outputs are its logits: one array, not a copy a pass
        logits = stack.get(depth - 1).activation() == Activation.IDENTITY ? outputs[depth - 1]
                : new float[Math.multiplyExact(capacity, network.outputs())];
        deltaA = new float[Math.multiplyExact(capacity, widest)];
        deltaB = new float[capacity * widest];
        scratch = new float[widest];
        if (startsNormalized(stack)) {
            int u = network.inputs();
            xHatShift = new float[u];
            rowDotM = new float[u];
            rowDotS = new float[u];
        } else {
            xHatShift = rowDotM = rowDotS = null;
        }
    }

    /** Whether the stack starts with batch normalisation without an activation, then a dense layer. */
    private static boolean startsNormalized(List<Layer> stack) {
        return stack.size() >= 2 && stack.get(0) instanceof BatchNormLayer
                && stack.get(0).activation() == Activation.IDENTITY && stack.get(1) instanceof DenseLayer;
    }

    public Network network() { return network; }
    public int capacity() { return capacity; }
    /** The output of stack layer {@code l} ({@code rows × units}), valid after {@link #forward}. */
    public float[] output(int l) { return outputs[l]; }
    /** The network's outputs. */
    public float[] output() { return outputs[outputs.length - 1]; }
    /** The last layer's pre-activations. */
    public float[] logits() { return logits; }

    /**
     * Runs {@code rows} rows of {@code x} (from element {@code offset}) forward. With {@code training}, batch
     * normalisation uses the batch statistics and updates its moving statistics; otherwise it uses the moving ones.
     * {@code x} is kept (not copied) for the backward pass.
     */
    public void forward(Kernels k, float[] x, int offset, int rows, boolean training) {
        if (rows > capacity || rows < 1) {
            throw new IllegalArgumentException(rows + " rows for a pass of capacity " + capacity);
        }
        this.input = x;
        this.inputOffset = offset;
        this.rows = rows;
        this.training = training;
        List<Layer> stack = network.stack();
        int depth = stack.size();
        float[] in = x;
        int inOffset = offset;
        for (int l = 0; l < depth; l++) {
            Layer layer = stack.get(l);
            int units = layer.units();
            boolean last = l == depth - 1;
            float[] out = last ? logits : outputs[l];
            if (layer instanceof DenseLayer d) {
                k.gemm(false, false, rows, units, d.inputs(), 1f, in, inOffset, d.inputs(),
                        d.weights(), 0, units, 0f, out, 0, units);
                if (d.hasBias() || (!last && d.activation() != Activation.IDENTITY)) {
                    k.biasActivation(out, rows, units, d.bias(), last ? Activation.IDENTITY : d.activation(), d.alpha());
                }
            } else {
                normalize(k, (BatchNormLayer) layer, l, in, inOffset, out, training,
                        last ? Activation.IDENTITY : layer.activation());
            }
            if (last && out != outputs[l]) {
                System.arraycopy(out, 0, outputs[l], 0, rows * units);
                if (layer.activation() != Activation.IDENTITY) {
                    k.biasActivation(outputs[l], rows, units, null, layer.activation(), layer.alpha());
                }
            }
            in = outputs[l];
            inOffset = 0;
        }
    }

    /**
     * Normalises {@code x} into {@code out} as {@code out = x·scale + shift} per column ({@code scale = γ/σ},
     * {@code shift = β − μ·scale}) and the activation, in one pass ({@link Kernels#normalizeColumns}); only the
     * per-column arithmetic on {@code units} values is a loop here.
     */
    private void normalize(Kernels k, BatchNormLayer bn, int l, float[] x, int offset, float[] out,
                           boolean batchStatistics, Activation f) {
        int u = bn.units();
        float[] mean = means[l];
        float[] inv = invStd[l];
        float[] scale = columnA[l];
        float[] shift = columnB[l];
        float[] gamma = bn.gamma();
        float[] beta = bn.beta();
        float eps = bn.epsilon();
        if (batchStatistics) {
            float[] var = shift;
            k.columnMeanVariance(x, offset, rows, u, mean, var);
            float m = bn.momentum();
            float[] mm = bn.movingMean();
            float[] mv = bn.movingVariance();
            for (int j = 0; j < u; j++) {
                inv[j] = 1f / (float) Math.sqrt(var[j] + eps);
                mm[j] = mm[j] * m + mean[j] * (1 - m);
                mv[j] = mv[j] * m + var[j] * (1 - m);
            }
        } else {
            float[] mm = bn.movingMean();
            float[] mv = bn.movingVariance();
            for (int j = 0; j < u; j++) {
                mean[j] = mm[j];
                inv[j] = 1f / (float) Math.sqrt(mv[j] + eps);
            }
        }
        for (int j = 0; j < u; j++) {
            scale[j] = gamma[j] * inv[j];
            shift[j] = beta[j] - mean[j] * scale[j];
        }
        k.normalizeColumns(x, offset, rows, u, scale, shift, f, bn.alpha(), out);
    }

    /**
     * Backward from {@code dOutput} ({@code rows × outputs}, not modified) through the last forward pass. Adds each
     * parameter's gradient into {@code gradients}: one array per trainable array in stack order (dense: weights, then
     * bias if any; batch normalisation: γ, then β); a null entry (or a null {@code gradients}) is skipped.
     *
     * @param inputGradient whether to compute {@code ∂L/∂x}
     * @return {@code ∂L/∂x} ({@code rows × inputs}, a buffer of this pass valid until the next call), or null
     */
    public float[] backward(Kernels k, float[] dOutput, float[][] gradients, boolean inputGradient) {
        return backward(k, dOutput, 0, gradients, inputGradient, false, false);
    }

    /** {@link #backward(Kernels, float[], float[][], boolean)} with {@code ∂L/∂output} from element {@code dOffset}. */
    public float[] backward(Kernels k, float[] dOutput, int dOffset, float[][] gradients, boolean inputGradient) {
        return backward(k, dOutput, dOffset, gradients, inputGradient, false, false);
    }

    /**
     * {@link #backward(Kernels, float[], int, float[][], boolean)} that <em>writes</em> each gradient rather than adding
     * to it: the same values as adding into zeroed arrays, without zeroing them first or reading them back (the weight
     * gradients' GEMMs run with β = 0). For a stack whose parameters this pass alone contributes to.
     */
    public float[] backwardReplacing(Kernels k, float[] dOutput, int dOffset, float[][] gradients,
                                     boolean inputGradient) {
        return backward(k, dOutput, dOffset, gradients, inputGradient, false, true);
    }

    /**
     * {@link #backward} from {@code ∂L/∂logits} (the last layer's pre-activations, as a fused loss gradient gives
     * it), without the input gradient.
     */
    public void backwardFromLogits(Kernels k, float[] dLogits, float[][] gradients) {
        backward(k, dLogits, 0, gradients, false, true, false);
    }

    private float[] backward(Kernels k, float[] dOutput, int dOffset, float[][] gradients, boolean inputGradient,
                             boolean fromLogits, boolean replace) {
        // replacing: β = 0 in the weight GEMMs (x·0 is never added, so the bits are those of adding into +0 zeros)
        float keep = replace ? 0f : 1f;
        List<Layer> stack = network.stack();
        int depth = stack.size();
        float[] d = deltaA;
        float[] next = deltaB;
        System.arraycopy(dOutput, dOffset, d, 0, rows * network.outputs());
        int slot = gradientSlots(stack);
        for (int l = depth - 1; l >= 0; l--) {
            Layer layer = stack.get(l);
            int units = layer.units();
            int inputs = layer.inputs();
            if (!(fromLogits && l == depth - 1)) {
                activationBackward(k, layer, outputs[l], d, units);
            }
            slot -= layer instanceof DenseLayer dl && !dl.hasBias() ? 1 : 2;
            // ∂L/∂x of this layer serves only the gradients of the layers below it and the stack's input gradient
            boolean wantInput = inputGradient || (l > 0 && anyGradient(gradients, slot));
            if (layer instanceof DenseLayer dense) {
                float[] x = l == 0 ? input : outputs[l - 1];
                int xOffset = l == 0 ? inputOffset : 0;
                float[] gW = gradients == null ? null : gradients[slot];
                if (l == 1 && wantInput && !inputGradient && gW != null && xHatShift != null) {
                    normalizedInputBackward(k, dense, d, next, gW, dense.hasBias() ? gradients[slot + 1] : null,
                            gradients[0], gradients[1], replace);
                    lastInputGradient = null;
                    return null;
                }
                if (gW != null) {
                    k.gemm(true, false, inputs, units, rows, 1f, x, xOffset, inputs, d, 0, units, keep, gW, 0, units);
                }
                float[] gb = dense.hasBias() && gradients != null ? gradients[slot + 1] : null;
                if (gb != null && replace) {
                    k.columnSums(d, rows, units, gb);
                } else if (gb != null) {
                    float[] sums = columnA[l];
                    k.columnSums(d, rows, units, sums);
                    contribute(gb, sums, units, false);
                }
                if (wantInput) {
                    k.gemm(false, true, rows, inputs, units, 1f, d, 0, units, dense.weights(), 0, units, 0f, next, 0, inputs);
                }
            } else {
                float[] x = l == 0 ? input : outputs[l - 1];
                int xOffset = l == 0 ? inputOffset : 0;
                normalizeBackward(k, (BatchNormLayer) layer, l, x, xOffset, d, next,
                        gradients == null ? null : gradients[slot], gradients == null ? null : gradients[slot + 1], wantInput,
                        replace);
            }
            if (!wantInput) {
                lastInputGradient = null;
                return null;
            }
            float[] t = d;
            d = next;
            next = t;
        }
        lastInputGradient = d;
        return d;
    }

    /** {@code gradient[0..n) = values} ({@code replace}) or {@code += values}; nothing for a null (frozen) gradient. */
    private static void contribute(float[] gradient, float[] values, int n, boolean replace) {
        if (gradient == null) {
            return;
        }
        for (int j = 0; j < n; j++) {
            gradient[j] = replace ? values[j] : gradient[j] + values[j];
        }
    }

    /** Whether any of the first {@code slots} gradient arrays is asked for. */
    private static boolean anyGradient(float[][] gradients, int slots) {
        if (gradients == null) {
            return false;
        }
        for (int i = 0; i < slots; i++) {
            if (gradients[i] != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The backward of the stack's first two layers, batch normalisation {@code y = γ·x̂ + β} (no activation) and a
     * dense layer, when the stack's input gradient is not asked for — the deep BSDE subnets, whose input is the
     * paths. The normalisation's {@code dγ = Σ_i g⊙x̂} and {@code dβ = Σ_i g} need {@code g = dZ·Wᵀ}, a GEMM as large
     * as the dense layer's forward, only through these sums, and both come from smaller products:
     * {@code Σ_i g[i][j]·x̂[i][j] = Σ_o W[j][o]·M[j][o]} with {@code M = x̂ᵀ·dZ}, and
     * {@code Σ_i g[i][j] = Σ_o W[j][o]·s[o]} with {@code s = Σ_i dZ[i]}. M also gives the weight gradient,
     * {@code dW = yᵀ·dZ = γ⊙M + β⊗s}, so the GEMM {@code yᵀ·dZ} becomes {@code x̂ᵀ·dZ} (the same size) and
     * {@code dZ·Wᵀ} — with its transpose of W — is gone, as is the normalisation's own backward pass over g. x̂ is
     * recomputed from the input as the forward computed y, {@code x·(1/σ) + (−μ/σ)}, into {@code xHat} (the free one
     * of the two delta buffers); replacing, M is computed into dW's own array and turned into dW there, so that the
     * shortcut brings no buffer of its own into the cache (a subnet's data come from L3). The sums come out in another
     * order than through g, so the gradients agree with the long way within rounding, not bit for bit.
     */
    private void normalizedInputBackward(Kernels k, DenseLayer dense, float[] d, float[] xHat, float[] gW, float[] gb,
                                         float[] dGamma, float[] dBeta, boolean replace) {
        BatchNormLayer bn = (BatchNormLayer) network.stack().get(0);
        int u = bn.units();
        int units = dense.units();
        float[] mean = means[0];
        float[] inv = invStd[0];
        for (int j = 0; j < u; j++) {
            xHatShift[j] = -mean[j] * inv[j];
        }
        k.normalizeColumns(input, inputOffset, rows, u, inv, xHatShift, Activation.IDENTITY, 0f, xHat);
        float[] s = columnA[1];
        k.columnSums(d, rows, units, s);
        contribute(gb, s, units, replace);
        // replacing, M goes where dW will be and the kernel turns it into dW in place
        float[] m = gW;
        if (!replace) {
            if (xHatProduct.length < u * units) {
                xHatProduct = new float[u * units];
            }
            m = xHatProduct;
        }
        k.gemm(true, false, u, units, rows, 1f, xHat, 0, u, d, 0, units, 0f, m, 0, units);
        k.normalizedDenseGradients(m, dense.weights(), s, u, units, bn.gamma(), bn.beta(), replace, gW,
                rowDotM, rowDotS);
        contribute(dGamma, rowDotM, u, replace);
        contribute(dBeta, rowDotS, u, replace);
    }

    /** The input gradient the last {@link #backward} returned (null if it computed none). */
    public float[] inputGradient() {
        return lastInputGradient;
    }

    /** How many gradient arrays {@link #backward} expects for this stack. */
    public static int gradientSlots(List<Layer> stack) {
        int n = 0;
        for (Layer layer : stack) {
            n += layer instanceof DenseLayer d ? (d.hasBias() ? 2 : 1) : 2;
        }
        return n;
    }

    private void activationBackward(Kernels k, Layer layer, float[] a, float[] d, int units) {
        Activation f = layer.activation();
        if (f == Activation.IDENTITY) {
            return;
        }
        if (f != Activation.SOFTMAX) {
            k.activationBackward(d, a, rows * units, f, layer.alpha());
            return;
        }
        for (int i = 0; i < rows; i++) {
            int o = i * units;
            float dot = 0;
            for (int j = 0; j < units; j++) {
                dot += d[o + j] * a[o + j];
            }
            for (int j = 0; j < units; j++) {
                d[o + j] = a[o + j] * (d[o + j] - dot);
            }
        }
    }

    /**
     * With {@code g = ∂L/∂y} (the activation's derivative applied) and {@code x̂ = (x − μ)/σ}: {@code dγ += Σ g·x̂},
     * {@code dβ += Σ g}, and {@code dx = γ/σ·(g − Σg/m − x̂·Σ g·x̂/m)} for batch statistics or {@code γ/σ·g} for moving
     * ones. x̂ is recomputed from the layer's input rather than stored.
     */
    private void normalizeBackward(Kernels k, BatchNormLayer bn, int l, float[] x, int offset, float[] g, float[] dx,
                                   float[] dGamma, float[] dBeta, boolean wantInput, boolean replace) {
        int u = bn.units();
        float[] sumG = columnA[l];
        float[] sumGX = columnB[l];
        float[] mean = means[l];
        float[] inv = invStd[l];
        float[] gamma = bn.gamma();
        k.columnGradientSums(g, x, offset, rows, u, mean, sumG, sumGX);
        for (int j = 0; j < u; j++) {
            sumGX[j] *= inv[j];   // now Σ g·x̂
        }
        contribute(dGamma, sumGX, u, replace);
        contribute(dBeta, sumG, u, replace);
        if (!wantInput) {
            return;
        }
        float[] a = scratch;
        for (int j = 0; j < u; j++) {
            a[j] = gamma[j] * inv[j];
        }
        if (training) {
            float invRows = 1f / rows;
            // dx = a·g − c·(x − μ) − b with per-column a = γ/σ, b = a·Σg/m, c = a·Σ g·x̂/(m·σ)
            for (int j = 0; j < u; j++) {
                sumG[j] = a[j] * sumG[j] * invRows;
                sumGX[j] = a[j] * sumGX[j] * invRows * inv[j];
            }
            k.batchNormInputGradient(g, x, offset, rows, u, mean, a, sumG, sumGX, dx);
        } else {
            k.scaleColumns(g, 0, rows, u, a, dx);
        }
    }
}
