package org.mlp4j.engine.train;

import java.util.List;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.Rng;
import org.mlp4j.engine.Targets;
import org.mlp4j.engine.Workspace;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.eval.Evaluation;
import org.mlp4j.engine.kernel.Kernels;

/**
 * Mini-batch training by backpropagation.
 *
 * <p>One step on a batch of {@code m} rows: gather the rows; forward (GEMM + fused epilogue per layer); the loss
 * and {@code dZ} of the output layer in one pass; then per layer, last to first, {@code dW = Xᵀ·dZ},
 * {@code db = Σ_rows dZ} and — except for the first layer — {@code dX = dZ·Wᵀ} followed by the fused
 * {@code ⊙ f′(A)} loop; finally one optimizer update over all parameters. All buffers are allocated when the
 * trainer is built, so a warm step allocates nothing.
 *
 * <p>Rows are reshuffled each epoch from one {@link Rng} seeded by the options: the same seed, thread count and
 * kernels give bit-identical parameters.
 */
public final class Trainer {
    private final Network network;
    private final TrainingOptions options;
    private final Kernels kernels;
    private final Optimizer optimizer;
    private final Rng rng;
    private final int batchCapacity;
    private Workspace workspace;
    private final float[][] parameters;
    private final float[][] gradients;
    private final float[][] deltas;
    private float[] batchInput;
    private float[] batchTargets;
    private float learningRate;
    private volatile String stopReason;
    private int correct;

    public Trainer(Network network, TrainingOptions options) {
        this.network = network;
        this.options = options;
        this.kernels = options.kernels();
        this.optimizer = options.newOptimizer();
        this.rng = new Rng(options.seed());
        this.learningRate = (float) options.learningRate();
        this.batchCapacity = Math.max(1, options.batchSize());
        List<DenseLayer> layers = network.layers();
        int depth = layers.size();
        parameters = new float[2 * depth][];
        gradients = new float[2 * depth][];
        deltas = new float[depth][];
        for (int l = 0; l < depth; l++) {
            DenseLayer layer = layers.get(l);
            parameters[2 * l] = layer.weights();
            parameters[2 * l + 1] = layer.bias();
            gradients[2 * l] = new float[layer.weights().length];
            gradients[2 * l + 1] = new float[layer.bias().length];
        }
        optimizer.initialize(parameters);
    }

    public Network network() { return network; }
    public Kernels kernels() { return kernels; }
    public Rng rng() { return rng; }
    public float learningRate() { return learningRate; }
    public void setLearningRate(float learningRate) { this.learningRate = learningRate; }

    /** Asks the run to end after the current epoch; {@code reason} ends up in {@link History#stopReason()}. */
    public void stop(String reason) {
        this.stopReason = reason;
    }

    /** Trains on {@code data} for the configured epochs, evaluating the validation set (if any) after each. */
    public History fit(Dataset data) {
        checkData(data);
        int rows = data.rows();
        int batch = options.batchSize() == 0 || options.batchSize() >= rows ? rows : options.batchSize();
        ensureCapacity(Math.max(1, batch));
        Targets targets = Targets.of(data, network.outputs());
        int batches = rows == 0 ? 0 : (rows + batch - 1) / batch;
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        History history = new History();
        for (TrainingListener l : options.listeners()) {
            l.onTrainBegin(this, options.epochs(), batches);
        }
        for (int epoch = 1; epoch <= options.epochs() && stopReason == null; epoch++) {
            if (options.shuffle()) {
                rng.shuffle(order);
            }
            long start = System.nanoTime();
            double lossSum = 0;
            correct = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * batch;
                int count = Math.min(batch, rows - from);
                double loss = step(data, targets, order, from, count);
                if (!Double.isFinite(loss)) {
                    throw new DivergenceException(epoch, b + 1, loss, learningRate);
                }
                lossSum += loss;
                for (TrainingListener l : options.listeners()) {
                    l.onBatchEnd(this, epoch, b + 1, loss);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double accuracy = data.isClassification() && rows > 0 ? (double) correct / rows : Double.NaN;
            double valLoss = Double.NaN;
            double valAccuracy = Double.NaN;
            if (options.validation() != null) {
                Evaluation v = network.evaluate(options.validation(), kernels);
                valLoss = v.loss();
                valAccuracy = v.accuracy();
            }
            EpochStats stats = new EpochStats(epoch, batches == 0 ? Double.NaN : lossSum / batches, accuracy,
                    valLoss, valAccuracy, seconds, seconds > 0 ? rows / seconds : Double.NaN, learningRate);
            history.add(stats);
            for (TrainingListener l : options.listeners()) {
                l.onEpochEnd(this, stats);
            }
        }
        if (stopReason != null) {
            history.stopped(stopReason);
        }
        for (TrainingListener l : options.listeners()) {
            l.onTrainEnd(this, history);
        }
        return history;
    }

    /**
     * One gradient step on the rows {@code order[from .. from+count)} of {@code data} (Keras's
     * {@code train_on_batch}); returns the batch loss computed before the update. Allocation-free once warm.
     */
    public double trainOnBatch(Dataset data, Targets targets, int[] order, int from, int count) {
        checkData(data);
        ensureCapacity(count);
        return step(data, targets, order, from, count);
    }

    private void checkData(Dataset data) {
        if (data.featureCount() != network.inputs()) {
            throw new IllegalArgumentException("the network takes " + network.inputs() + " features, the data has "
                    + data.featureCount());
        }
    }

    private void ensureCapacity(int rows) {
        if (workspace != null && workspace.capacity() >= rows) {
            return;
        }
        int cap = Math.max(rows, batchCapacity);
        workspace = new Workspace(network, cap);
        batchInput = new float[Math.multiplyExact(cap, network.inputs())];
        batchTargets = new float[Math.multiplyExact(cap, network.outputs())];
        for (int l = 0; l < deltas.length; l++) {
            deltas[l] = new float[Math.multiplyExact(cap, network.layers().get(l).units())];
        }
    }

    private double step(Dataset data, Targets targets, int[] order, int from, int count) {
        int in = network.inputs();
        float[] x = data.features();
        for (int r = 0; r < count; r++) {
            System.arraycopy(x, order[from + r] * in, batchInput, r * in, in);
        }
        targets.gatherRows(order, from, count, batchTargets);
        workspace.forward(kernels, batchInput, 0, count);
        if (data.isClassification()) {
            countCorrect(data.labels(), order, from, count);
        }

        List<DenseLayer> layers = network.layers();
        int depth = layers.size();
        DenseLayer out = layers.get(depth - 1);
        double loss = kernels.lossGradient(network.loss(), out.activation(), out.alpha(), workspace.logits(),
                workspace.output(), batchTargets, deltas[depth - 1], count, out.units());
        for (int l = depth - 1; l >= 0; l--) {
            DenseLayer layer = layers.get(l);
            int units = layer.units();
            int inputs = layer.inputs();
            float[] prev = l == 0 ? batchInput : workspace.activation(l - 1);
            float[] dz = deltas[l];
            // dW = Xᵀ·dZ  (inputs × units)
            kernels.gemm(true, false, inputs, units, count, 1f, prev, 0, inputs, dz, 0, units,
                    0f, gradients[2 * l], 0, units);
            kernels.columnSums(dz, count, units, gradients[2 * l + 1]);
            if (l > 0) {
                DenseLayer below = layers.get(l - 1);
                // dX = dZ·Wᵀ  (count × inputs), then ⊙ f′ of the layer below, from its stored output
                kernels.gemm(false, true, count, inputs, units, 1f, dz, 0, units, layer.weights(), 0, units,
                        0f, deltas[l - 1], 0, inputs);
                kernels.activationBackward(deltas[l - 1], workspace.activation(l - 1), count * inputs,
                        below.activation(), below.alpha());
            }
        }
        optimizer.step(parameters, gradients, learningRate, kernels);
        return loss;
    }

    private void countCorrect(int[] labels, int[] order, int from, int count) {
        float[] outputs = workspace.output();
        int width = network.outputs();
        for (int r = 0; r < count; r++) {
            int predicted;
            int o = r * width;
            if (width == 1) {
                predicted = outputs[o] >= 0.5f ? 1 : 0;
            } else {
                predicted = 0;
                for (int j = 1; j < width; j++) {
                    if (outputs[o + j] > outputs[o + predicted]) {
                        predicted = j;
                    }
                }
            }
            if (predicted == labels[order[from + r]]) {
                correct++;
            }
        }
    }
}
