package org.mlp4j.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.eval.Evaluation;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;

/**
 * A feed-forward network of dense layers with a loss: fixed in shape, trainable in its parameters.
 *
 * <pre>{@code
 * Network net = Network.builder(64)
 *         .dense(32, Activation.RELU)
 *         .dense(10, Activation.SOFTMAX)
 *         .loss(Loss.CE)
 *         .initializer(Initializer.heNormal())
 *         .seed(1)
 *         .build();
 * }</pre>
 *
 * Inference methods are safe to call from several threads at once as long as nobody trains the network meanwhile.
 * The network keeps the buffers of its last inference call (at most 1024 rows of activations) for the next one: a
 * warm prediction allocates only its result.
 */
public final class Network {
    private final int inputs;
    private final List<Layer> stack;
    private final List<DenseLayer> layers;
    private final Loss loss;
    /** The workspace of the last inference call, free for the next one (null while a call holds it). */
    private final AtomicReference<Workspace> spare = new AtomicReference<>();

    private Network(int inputs, List<? extends Layer> stack, Loss loss) {
        this.inputs = inputs;
        this.stack = List.copyOf(stack);
        List<DenseLayer> dense = new ArrayList<>();
        for (Layer l : stack) {
            if (l instanceof DenseLayer d) {
                dense.add(d);
            }
        }
        this.layers = List.copyOf(dense);
        this.loss = loss;
    }

    /**
     * A workspace of at least {@code capacity} rows for one inference call: the spare one if no other call holds it
     * and it is large enough, else a new one. Concurrent calls each get their own.
     */
    Workspace borrowWorkspace(int capacity) {
        Workspace w = spare.getAndSet(null);
        return w != null && w.capacity() >= capacity ? w : new Workspace(this, capacity);
    }

    /** Hands a borrowed workspace back, to be the spare for the next call. */
    void returnWorkspace(Workspace w) {
        spare.set(w);
    }

    /** Starts a network definition with {@code inputs} input features. */
    public static NetworkBuilder builder(int inputs) {
        return new NetworkBuilder(inputs);
    }

    /**
     * A network from existing layers (e.g. read from a model file): dense and batch-normalisation layers in any
     * order. Checks that the layers chain, that softmax appears only on the output layer and that the loss suits the
     * output activation.
     */
    public static Network of(int inputs, List<? extends Layer> layers, Loss loss) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        int width = inputs;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            if (layer.inputs() != width) {
                throw new IllegalArgumentException("layer " + l + " takes " + layer.inputs()
                        + " inputs but the previous width is " + width);
            }
            if (layer.activation() == Activation.SOFTMAX && l != layers.size() - 1) {
                throw new IllegalArgumentException("softmax is only supported on the output layer (layer " + l + ")");
            }
            width = layer.units();
        }
        Activation out = layers.get(layers.size() - 1).activation();
        if (!loss.accepts(out)) {
            throw new IllegalArgumentException("loss " + loss + " needs a "
                    + (loss == Loss.CE ? "softmax" : "sigmoid") + " output layer, not " + out);
        }
        return new Network(inputs, new ArrayList<>(layers), loss);
    }

    public int inputs() { return inputs; }
    public int outputs() { return stack.get(stack.size() - 1).units(); }

    /**
     * The dense layers, in order. For a plain network (see {@link #isPlain()}) this is every layer; a network with
     * batch normalisation lists all its layers in {@link #stack()}.
     */
    public List<DenseLayer> layers() { return layers; }

    /** Every layer in order: dense and batch-normalisation layers. */
    public List<Layer> stack() { return stack; }

    /**
     * Whether every layer is dense with a bias: the networks the {@link org.mlp4j.engine.train.Trainer} and the
     * fused forward pass of {@link Workspace} take. Others (batch normalisation, bias-free layers) run through
     * {@link StackPass} and train with {@link org.mlp4j.engine.graph.Tape}.
     */
    public boolean isPlain() {
        if (layers.size() != stack.size()) {
            return false;
        }
        for (DenseLayer l : layers) {
            if (!l.hasBias()) {
                return false;
            }
        }
        return true;
    }

    public Loss loss() { return loss; }

    /** Widths from input to output through the dense layers, e.g. {@code [784, 128, 64, 10]}. */
    public int[] widths() {
        int[] w = new int[layers.size() + 1];
        w[0] = inputs;
        for (int l = 0; l < layers.size(); l++) {
            w[l + 1] = layers.get(l).units();
        }
        return w;
    }

    /**
     * Every trainable array, in the order the trainer, its optimizer state and checkpoints keep them: per layer its
     * weights and (when it has one) its bias, or batch normalisation's γ and β. The arrays themselves, not copies.
     */
    public List<float[]> parameterArrays() {
        List<float[]> arrays = new ArrayList<>();
        for (Layer layer : stack) {
            if (layer instanceof DenseLayer d) {
                arrays.add(d.weights());
                if (d.hasBias()) {
                    arrays.add(d.bias());
                }
            } else {
                BatchNormLayer bn = (BatchNormLayer) layer;
                arrays.add(bn.gamma());
                arrays.add(bn.beta());
            }
        }
        return arrays;
    }

    public long parameterCount() {
        long n = 0;
        for (Layer l : stack) {
            n += l.parameterCount();
        }
        return n;
    }

    /** A deep copy: same shape, own parameter arrays. */
    public Network copy() {
        List<Layer> copies = new ArrayList<>(stack.size());
        for (Layer l : stack) {
            copies.add(l.copy());
        }
        return new Network(inputs, copies, loss);
    }

    /** Copies every parameter (and batch normalisation's moving statistics) of {@code other} (same shape) into this. */
    public void setParameters(Network other) {
        if (other.stack.size() != stack.size()) {
            throw new IllegalArgumentException("networks differ in depth");
        }
        for (int l = 0; l < stack.size(); l++) {
            Layer to = stack.get(l);
            Layer from = other.stack.get(l);
            if (to.getClass() != from.getClass() || to.inputs() != from.inputs() || to.units() != from.units()) {
                throw new IllegalArgumentException("networks differ in shape at layer " + l);
            }
            if (to instanceof DenseLayer t && from instanceof DenseLayer f) {
                if (t.hasBias() != f.hasBias()) {
                    throw new IllegalArgumentException("networks differ in shape at layer " + l);
                }
                System.arraycopy(f.weights(), 0, t.weights(), 0, t.weights().length);
                if (t.hasBias()) {
                    System.arraycopy(f.bias(), 0, t.bias(), 0, t.bias().length);
                }
            } else if (to instanceof BatchNormLayer t && from instanceof BatchNormLayer f) {
                int n = t.units();
                System.arraycopy(f.gamma(), 0, t.gamma(), 0, n);
                System.arraycopy(f.beta(), 0, t.beta(), 0, n);
                System.arraycopy(f.movingMean(), 0, t.movingMean(), 0, n);
                System.arraycopy(f.movingVariance(), 0, t.movingVariance(), 0, n);
            }
        }
    }

    /** Output rows ({@code rows × outputs}) for {@code rows × inputs} features, with the default kernels. */
    public float[] predict(float[] features, int rows) {
        return predict(features, rows, KernelsProvider.create());
    }

    /** Output rows for {@code rows × inputs} features, computed with {@code kernels}. */
    public float[] predict(float[] features, int rows, Kernels kernels) {
        return new Inference(this, kernels).outputs(features, rows);
    }

    /**
     * The class one row of outputs predicts: the arg-max (the first of equal maxima), or {@code output ≥ 0.5} for a
     * single (sigmoid) output.
     */
    public static int predictedClass(float[] outputs, int offset, int width) {
        if (width == 1) {
            return outputs[offset] >= 0.5f ? 1 : 0;
        }
        int best = 0;
        for (int j = 1; j < width; j++) {
            if (outputs[offset + j] > outputs[offset + best]) {
                best = j;
            }
        }
        return best;
    }

    /** The predicted class of every row: the arg-max output, or {@code output ≥ 0.5} for a single output. */
    public int[] classify(float[] features, int rows) {
        return Inference.classes(predict(features, rows), rows, outputs());
    }

    /** Loss, accuracy and confusion matrix on a labelled set, with the default kernels. */
    public Evaluation evaluate(Dataset data) {
        return evaluate(data, KernelsProvider.create());
    }

    /**
     * Loss, accuracy and confusion matrix on a labelled set (the loss alone for a regression set),
     * through the given kernels: a trainer's validation uses its own, so the numbers match its arithmetic and no
     * second set of kernels (and GEMM scratch) is created per epoch.
     */
    public Evaluation evaluate(Dataset data, Kernels kernels) {
        return new Inference(this, kernels).evaluate(data);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Network[").append(inputs);
        for (Layer l : stack) {
            sb.append(" → ").append(l instanceof BatchNormLayer ? "bn " : "").append(l.units()).append(' ')
                    .append(l.activation());
        }
        return sb.append(", loss ").append(loss).append(']').toString();
    }
}
