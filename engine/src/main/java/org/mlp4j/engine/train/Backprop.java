package org.mlp4j.engine.train;

import java.util.List;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Layer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.StackPass;
import org.mlp4j.engine.Targets;
import org.mlp4j.engine.Workspace;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.Kernels;

/**
 * Forward and backward passes over a block of a batch's rows, into gradients of its own: the unit of work of a
 * training step. The trainer runs one over the whole batch (GEMM-parallel kernels), or one per thread over
 * contiguous slices of it (data-parallel, single-threaded kernels) and then sums their gradients in a fixed order.
 *
 * <p>Gradients are of the whole batch's mean loss: a block of {@code n} rows out of {@code m} scales its output delta
 * by {@code n/m} (the loss kernel divides by {@code n}), so the blocks' gradients add up to the batch gradient.
 */
final class Backprop {
    private final Network network;
    final Kernels kernels;
    private final Workspace workspace;
    private final float[] input;
    private final float[] targets;
    private final float[][] deltas;
    private final float[][] dropped;
    /** Gradients of {@code W1, b1, W2, b2, …}: the trainer's own (one block) or this block's (to be summed). */
    final float[][] gradients;
    private final Workspace.HiddenOutput dropoutHook = this::applyDropout;
    /** For a network that is not plain (batch normalisation, bias-free layers): its training-mode pass. */
    private final StackPass stack;
    private final float[] outputDelta;
    private final List<DenseLayer> layers;

    // the block in progress (set by run, read by the trainer afterwards)
    private float[][] masks;
    private float[] dropoutRates;
    private int firstRow;
    private int rows;
    double loss;
    long correct;

    Backprop(Network network, Kernels kernels, int capacity, float[][] gradients, float[] dropoutRates) {
        this.network = network;
        this.kernels = kernels;
        this.workspace = new Workspace(network, capacity);
        this.input = new float[Math.multiplyExact(capacity, network.inputs())];
        this.targets = new float[Math.multiplyExact(capacity, network.outputs())];
        this.layers = network.layers();
        this.deltas = new float[layers.size()][];
        this.dropped = new float[layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            int units = layers.get(l).units();
            deltas[l] = new float[Math.multiplyExact(capacity, units)];
            if (dropoutRates[l] > 0) {
                dropped[l] = new float[capacity * units];
            }
        }
        this.gradients = gradients;
        this.dropoutRates = dropoutRates;
        this.stack = network.isPlain() ? null : new StackPass(network, capacity);
        this.outputDelta = stack == null ? null : new float[capacity * network.outputs()];
    }

    int capacity() {
        return workspace.capacity();
    }

    /**
     * Rows {@code first .. first+n} of the batch {@code order[from .. from+total)}: gathers them, runs forward and
     * backward, leaves the block's gradients in {@link #gradients}, its share of the batch loss in {@link #loss} and
     * its correctly classified rows in {@link #correct}. {@code batchMasks} hold the batch's dropout masks.
     */
    void run(Dataset data, Targets t, int[] order, int from, int first, int n, int total, float[][] batchMasks) {
        if (forward(data, t, order, from, first, n, total, batchMasks)) {
            return;
        }
        for (int l = layers.size() - 1; l >= 0; l--) {
            DenseLayer layer = layers.get(l);
            // dW = Xᵀ·dZ  (inputs × units)
            kernels.gemm(true, false, layer.inputs(), layer.units(), rows, 1f, layerInput(l), 0, layer.inputs(),
                    deltas[l], 0, layer.units(), 0f, gradients[2 * l], 0, layer.units());
            backwardBelow(l);
        }
    }

    /**
     * The first phase of {@link #run}: gathers the rows, runs forward, and leaves the output layer's delta, the loss
     * and the correct count. Returns true when the network is not plain: then the whole backward pass has run too.
     */
    boolean forward(Dataset data, Targets t, int[] order, int from, int first, int n, int total, float[][] batchMasks) {
        int in = network.inputs();
        float[] x = data.features();
        for (int r = 0; r < n; r++) {
            System.arraycopy(x, order[from + first + r] * in, input, r * in, in);
        }
        t.gatherRows(order, from + first, n, targets);
        rows = n;
        if (stack != null) {
            runStack(data, order, from + first, n);
            return true;
        }
        this.masks = batchMasks;
        this.firstRow = first;
        workspace.forward(kernels, input, 0, n, dropoutHook);
        correct = data.isClassification() ? countCorrect(data.labels(), order, from + first, n) : 0;

        int depth = layers.size();
        DenseLayer out = layers.get(depth - 1);
        loss = kernels.lossGradient(network.loss(), out.activation(), out.alpha(), workspace.logits(),
                workspace.output(), targets, deltas[depth - 1], n, out.units());
        if (n != total) {
            float share = (float) n / total;
            kernels.scale(n * out.units(), share, deltas[depth - 1]);
            loss *= (double) n / total;
        }
        return false;
    }

    /**
     * Layer {@code l}'s backward pass but for its weight gradient (which {@link #run} or the data-parallel step
     * computes): the bias gradient into {@code gradients[2l+1]} and, below the first layer, the delta of the layer
     * below. Reads only this block's delta of layer {@code l} and the layer's weights.
     */
    void backwardBelow(int l) {
        DenseLayer layer = layers.get(l);
        int units = layer.units();
        int inputs = layer.inputs();
        float[] dz = deltas[l];
        kernels.columnSums(dz, rows, units, gradients[2 * l + 1]);
        if (l > 0) {
            DenseLayer below = layers.get(l - 1);
            float[] dx = deltas[l - 1];
            // dX = dZ·Wᵀ  (n × inputs), then the dropout mask and ⊙ f′ of the layer below
            kernels.gemm(false, true, rows, inputs, units, 1f, dz, 0, units, layer.weights(), 0, units, 0f, dx, 0, inputs);
            if (dropoutRates[l - 1] > 0) {
                kernels.applyMask(dx, 0, masks[l - 1], firstRow * inputs, dx, 0, rows * inputs);
            }
            kernels.activationBackward(dx, workspace.activation(l - 1), rows * inputs, below.activation(), below.alpha());
        }
    }

    /** Rows of the block in progress. */
    int rows() {
        return rows;
    }

    /** Layer {@code l}'s input for the block in progress ({@code rows × inputs}): the rows, or the layer below's output. */
    float[] layerInput(int l) {
        return l == 0 ? input : dropoutRates[l - 1] > 0 ? dropped[l - 1] : workspace.activation(l - 1);
    }

    /** Layer {@code l}'s delta (with respect to its pre-activations) for the block in progress ({@code rows × units}). */
    float[] delta(int l) {
        return deltas[l];
    }

    /**
     * A whole batch through a network with batch normalisation: training-mode forward (batch statistics, moving
     * statistics updated), the loss gradient at the output, and the stack's backward into the gradients (stack order).
     */
    private void runStack(Dataset data, int[] order, int from, int n) {
        stack.forward(kernels, input, 0, n, true);
        Layer out = network.stack().get(network.stack().size() - 1);
        loss = kernels.lossGradient(network.loss(), out.activation(), out.alpha(), stack.logits(), stack.output(),
                targets, outputDelta, n, out.units());
        correct = 0;
        if (data.isClassification()) {
            int width = network.outputs();
            for (int r = 0; r < n; r++) {
                if (Network.predictedClass(stack.output(), r * width, width) == data.labels()[order[from + r]]) {
                    correct++;
                }
            }
        }
        for (float[] g : gradients) {
            java.util.Arrays.fill(g, 0f);
        }
        // the loss gradient is with respect to the output layer's pre-activations: skip its activation's derivative
        stack.backwardFromLogits(kernels, outputDelta, gradients);
    }

    /** Inverted dropout with the batch's pre-drawn mask: the next layer reads the masked copy. */
    private float[] applyDropout(int layer, float[] activation, int rows, int units) {
        if (dropoutRates[layer] == 0f) {
            return activation;
        }
        kernels.applyMask(activation, 0, masks[layer], firstRow * units, dropped[layer], 0, rows * units);
        return dropped[layer];
    }

    private long countCorrect(int[] labels, int[] order, int from, int count) {
        float[] outputs = workspace.output();
        int width = network.outputs();
        long ok = 0;
        for (int r = 0; r < count; r++) {
            if (Network.predictedClass(outputs, r * width, width) == labels[order[from + r]]) {
                ok++;
            }
        }
        return ok;
    }
}
