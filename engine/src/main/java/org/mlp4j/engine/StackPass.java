package org.mlp4j.engine;

import java.util.List;
import org.mlp4j.engine.kernel.Kernels;

/**
 * Forward and backward passes through any layer stack — dense layers with or without bias, batch normalisation —
 * for up to {@code capacity} rows, with every buffer allocated once (warm passes allocate nothing).
 *
 * <p>Dense layers go through {@link Kernels#gemm} and {@link Kernels#biasActivation} exactly as {@link Workspace}
 * does; batch normalisation's per-column statistics and its backward are plain loops over rows of contiguous columns,
 * which C2 vectorises (they belong behind the {@code Kernels} seam once that has element-wise column primitives).
 *
 * <p>Backward, given {@code ∂L/∂output}: per layer {@code ⊙ f′}, then for dense {@code dW += Xᵀ·dZ},
 * {@code db += Σ_rows dZ}, {@code dX = dZ·Wᵀ}; for batch normalisation in training mode
 * {@code dγ += Σ g·x̂}, {@code dβ += Σ g}, {@code dx = γ/(m·σ)·(m·g − Σg − x̂·Σ g·x̂)} (in inference mode
 * {@code dx = γ·g/σ}). Gradients are <em>added</em> to the arrays handed in, so a stack used twice accumulates.
 */
public final class StackPass {
    private final Network network;
    private final int capacity;
    private final float[][] outputs;
    private final float[] logits;
    /** Per batch-normalisation layer: x̂ and 1/σ of the last forward; null for dense layers. */
    private final float[][] normalized;
    private final float[][] invStd;
    private final float[][] columnA;
    private final float[][] columnB;
    private final float[] deltaA;
    private final float[] deltaB;
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
        normalized = new float[depth][];
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
                normalized[l] = new float[capacity * units];
                invStd[l] = new float[units];
            }
            columnA[l] = new float[units];
            columnB[l] = new float[units];
        }
        logits = new float[Math.multiplyExact(capacity, network.outputs())];
        deltaA = new float[Math.multiplyExact(capacity, widest)];
        deltaB = new float[capacity * widest];
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
                boolean relu = !last && layer.activation() == Activation.RELU;
                normalize((BatchNormLayer) layer, l, in, inOffset, out, training, relu);
                if (!last && !relu && layer.activation() != Activation.IDENTITY) {
                    k.biasActivation(out, rows, units, null, layer.activation(), layer.alpha());
                }
            }
            if (last) {
                System.arraycopy(out, 0, outputs[l], 0, rows * units);
                if (layer.activation() != Activation.IDENTITY) {
                    k.biasActivation(outputs[l], rows, units, null, layer.activation(), layer.alpha());
                }
            }
            in = outputs[l];
            inOffset = 0;
        }
    }

    /** Normalises {@code x} into {@code out}; with {@code relu} the ReLU is applied in the same loop. */
    private void normalize(BatchNormLayer bn, int l, float[] x, int offset, float[] out, boolean batchStatistics,
                           boolean relu) {
        int u = bn.units();
        float[] mean = columnA[l];
        float[] inv = invStd[l];
        float[] xhat = normalized[l];
        float[] gamma = bn.gamma();
        float[] beta = bn.beta();
        float eps = bn.epsilon();
        if (batchStatistics) {
            float[] var = columnB[l];
            java.util.Arrays.fill(mean, 0, u, 0f);
            java.util.Arrays.fill(var, 0, u, 0f);
            for (int i = 0; i < rows; i++) {
                int r = offset + i * u;
                for (int j = 0; j < u; j++) {
                    mean[j] += x[r + j];
                }
            }
            float invRows = 1f / rows;
            for (int j = 0; j < u; j++) {
                mean[j] *= invRows;
            }
            for (int i = 0; i < rows; i++) {
                int r = offset + i * u;
                for (int j = 0; j < u; j++) {
                    float c = x[r + j] - mean[j];
                    var[j] += c * c;
                }
            }
            float m = bn.momentum();
            float[] mm = bn.movingMean();
            float[] mv = bn.movingVariance();
            for (int j = 0; j < u; j++) {
                var[j] *= invRows;
                inv[j] = 1f / (float) Math.sqrt(var[j] + eps);
                mm[j] = mm[j] * m + mean[j] * (1 - m);
                mv[j] = mv[j] * m + var[j] * (1 - m);
            }
            // the moving mean was updated after use: normalise with the batch mean kept in `mean`
        } else {
            float[] mm = bn.movingMean();
            float[] mv = bn.movingVariance();
            for (int j = 0; j < u; j++) {
                mean[j] = mm[j];
                inv[j] = 1f / (float) Math.sqrt(mv[j] + eps);
            }
        }
        for (int i = 0; i < rows; i++) {
            int r = offset + i * u;
            int o = i * u;
            if (relu) {
                for (int j = 0; j < u; j++) {
                    float h = (x[r + j] - mean[j]) * inv[j];
                    xhat[o + j] = h;
                    out[o + j] = Math.max(0f, gamma[j] * h + beta[j]);
                }
            } else {
                for (int j = 0; j < u; j++) {
                    float h = (x[r + j] - mean[j]) * inv[j];
                    xhat[o + j] = h;
                    out[o + j] = gamma[j] * h + beta[j];
                }
            }
        }
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
        return backward(k, dOutput, 0, gradients, inputGradient, false);
    }

    /** {@link #backward(Kernels, float[], float[][], boolean)} with {@code ∂L/∂output} from element {@code dOffset}. */
    public float[] backward(Kernels k, float[] dOutput, int dOffset, float[][] gradients, boolean inputGradient) {
        return backward(k, dOutput, dOffset, gradients, inputGradient, false);
    }

    /**
     * {@link #backward} from {@code ∂L/∂logits} (the last layer's pre-activations, as a fused loss gradient gives
     * it), without the input gradient.
     */
    public void backwardFromLogits(Kernels k, float[] dLogits, float[][] gradients) {
        backward(k, dLogits, 0, gradients, false, true);
    }

    private float[] backward(Kernels k, float[] dOutput, int dOffset, float[][] gradients, boolean inputGradient,
                             boolean fromLogits) {
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
            boolean wantInput = l > 0 || inputGradient;
            if (layer instanceof DenseLayer dense) {
                slot -= dense.hasBias() ? 2 : 1;
                float[] x = l == 0 ? input : outputs[l - 1];
                int xOffset = l == 0 ? inputOffset : 0;
                float[] gW = gradients == null ? null : gradients[slot];
                if (gW != null) {
                    k.gemm(true, false, inputs, units, rows, 1f, x, xOffset, inputs, d, 0, units, 1f, gW, 0, units);
                }
                float[] gb = dense.hasBias() && gradients != null ? gradients[slot + 1] : null;
                if (gb != null) {
                    float[] sums = columnA[l];
                    k.columnSums(d, rows, units, sums);
                    for (int j = 0; j < units; j++) {
                        gb[j] += sums[j];
                    }
                }
                if (wantInput) {
                    k.gemm(false, true, rows, inputs, units, 1f, d, 0, units, dense.weights(), 0, units, 0f, next, 0, inputs);
                }
            } else {
                slot -= 2;
                normalizeBackward((BatchNormLayer) layer, l, d, next,
                        gradients == null ? null : gradients[slot], gradients == null ? null : gradients[slot + 1], wantInput);
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

    private void normalizeBackward(BatchNormLayer bn, int l, float[] g, float[] dx, float[] dGamma, float[] dBeta,
                                   boolean wantInput) {
        int u = bn.units();
        float[] sumG = columnA[l];
        float[] sumGX = columnB[l];
        float[] xhat = normalized[l];
        float[] inv = invStd[l];
        float[] gamma = bn.gamma();
        java.util.Arrays.fill(sumG, 0, u, 0f);
        java.util.Arrays.fill(sumGX, 0, u, 0f);
        for (int i = 0; i < rows; i++) {
            int o = i * u;
            for (int j = 0; j < u; j++) {
                float gj = g[o + j];
                sumG[j] += gj;
                sumGX[j] += gj * xhat[o + j];
            }
        }
        if (dGamma != null) {
            for (int j = 0; j < u; j++) {
                dGamma[j] += sumGX[j];
            }
        }
        if (dBeta != null) {
            for (int j = 0; j < u; j++) {
                dBeta[j] += sumG[j];
            }
        }
        if (!wantInput) {
            return;
        }
        if (training) {
            float invRows = 1f / rows;
            // reuse the column buffers as the per-column coefficients of dx = a·g − b − c·x̂
            for (int j = 0; j < u; j++) {
                float a = gamma[j] * inv[j];
                sumG[j] = a * sumG[j] * invRows;
                sumGX[j] = a * sumGX[j] * invRows;
            }
            for (int i = 0; i < rows; i++) {
                int o = i * u;
                for (int j = 0; j < u; j++) {
                    dx[o + j] = gamma[j] * inv[j] * g[o + j] - sumG[j] - sumGX[j] * xhat[o + j];
                }
            }
        } else {
            for (int i = 0; i < rows; i++) {
                int o = i * u;
                for (int j = 0; j < u; j++) {
                    dx[o + j] = gamma[j] * inv[j] * g[o + j];
                }
            }
        }
    }
}
