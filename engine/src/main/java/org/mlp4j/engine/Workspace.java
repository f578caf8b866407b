package org.mlp4j.engine;

import org.mlp4j.engine.kernel.Kernels;

/**
 * The buffers of a forward pass for up to {@code capacity} rows, allocated once: one activation matrix per
 * layer and the output layer's pre-activations (kept so that ce and bce are computed from the logits, stably).
 * A training run or an inference call owns one; reusing it makes warm passes allocation-free. A network that is not
 * {@linkplain Network#isPlain() plain} (batch normalisation, bias-free layers) runs through a {@link StackPass} in
 * inference mode.
 */
public final class Workspace {
    private final Network network;
    private final int capacity;
    private final float[][] activations;
    private final float[] logits;
    private final StackPass stack;

    public Workspace(Network network, int capacity) {
        this.network = network;
        this.capacity = capacity;
        if (!network.isPlain()) {
            stack = new StackPass(network, capacity);
            activations = null;
            logits = null;
            return;
        }
        stack = null;
        int depth = network.layers().size();
        activations = new float[depth][];
        for (int l = 0; l < depth; l++) {
            activations[l] = new float[Math.multiplyExact(capacity, network.layers().get(l).units())];
        }
        logits = new float[Math.multiplyExact(capacity, network.outputs())];
    }

    public Network network() { return network; }
    public int capacity() { return capacity; }
    /** The activation matrix of layer {@code l} ({@code rows × units}), valid after {@link #forward}. */
    public float[] activation(int l) { return stack != null ? stack.output(l) : activations[l]; }
    /** The network's outputs ({@code rows × outputs}). */
    public float[] output() { return stack != null ? stack.output() : activations[activations.length - 1]; }
    /** The output layer's pre-activations. */
    public float[] logits() { return stack != null ? stack.logits() : logits; }

    /**
     * Runs {@code rows ≤ capacity} rows of {@code x} (starting at element {@code offset}, {@code inputs} per row)
     * through the network: per layer one GEMM {@code Z = X·W} and the fused bias-plus-activation epilogue.
     */
    public void forward(Kernels k, float[] x, int offset, int rows) {
        forward(k, x, offset, rows, null);
    }

    /**
     * What the next layer reads instead of a hidden layer's activation: training's dropout hands back a masked copy.
     * Returning the activation itself changes nothing.
     */
    @FunctionalInterface
    public interface HiddenOutput {
        float[] transform(int layer, float[] activation, int rows, int units);
    }

    /** {@link #forward(Kernels, float[], int, int)} with each hidden layer's output passed through {@code hidden}. */
    public void forward(Kernels k, float[] x, int offset, int rows, HiddenOutput hidden) {
        if (rows > capacity) {
            throw new IllegalArgumentException(rows + " rows exceed the workspace capacity " + capacity);
        }
        if (stack != null) {
            if (hidden != null) {
                throw new IllegalArgumentException("dropout needs a plain network");
            }
            if (rows > 0) {
                stack.forward(k, x, offset, rows, false);
            }
            return;
        }
        int depth = activations.length;
        float[] in = x;
        int inOffset = offset;
        for (int l = 0; l < depth; l++) {
            DenseLayer layer = network.layers().get(l);
            int units = layer.units();
            boolean last = l == depth - 1;
            float[] out = last ? logits : activations[l];
            k.gemm(false, false, rows, units, layer.inputs(), 1f, in, inOffset, layer.inputs(),
                    layer.weights(), 0, units, 0f, out, 0, units);
            if (last) {
                k.biasActivation(out, rows, units, layer.bias(), Activation.IDENTITY, 0f);
                System.arraycopy(out, 0, activations[l], 0, rows * units);
                k.biasActivation(activations[l], rows, units, null, layer.activation(), layer.alpha());
            } else {
                k.biasActivation(out, rows, units, layer.bias(), layer.activation(), layer.alpha());
            }
            in = hidden == null || last ? activations[l] : hidden.transform(l, activations[l], rows, units);
            inOffset = 0;
        }
    }
}
