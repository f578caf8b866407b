package org.mlp4j.engine.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
 * <p>One step on a batch of {@code m} rows: gather the rows; forward (GEMM + fused epilogue per layer, dropout on
 * hidden outputs when asked); the loss and {@code dZ} of the output layer in one pass; then per layer, last to first,
 * {@code dW = Xᵀ·dZ}, {@code db = Σ_rows dZ} and — except for the first layer — {@code dX = dZ·Wᵀ} followed by the
 * dropout mask and the fused {@code ⊙ f′(A)} loop; then L2 and clipping on the gradients, decoupled weight decay, and
 * one optimizer update. Every buffer is allocated when the trainer is built, so a warm step allocates nothing.
 *
 * <p>All randomness (shuffling, random batches, dropout) comes from one {@link Rng} seeded by the options: the same
 * seed, thread count and kernels give bit-identical parameters, and a run resumed from a {@link TrainingState}
 * continues the identical sequence.
 */
public final class Trainer {
    private final Network network;
    private final TrainingOptions options;
    private final Kernels kernels;
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final Rng rng;
    private final int batchCapacity;
    private final float[][] parameters;
    private final float[][] gradients;
    private final float[][] deltas;
    private final float[] dropoutRates;
    private final float[][] masks;
    private final float[][] dropped;
    private final Workspace.HiddenOutput dropoutHook = this::applyDropout;
    private Workspace workspace;
    private float[] batchInput;
    private float[] batchTargets;
    private double learningRate;
    private volatile String stopReason;
    private volatile boolean interruptRequested;
    private long correct;
    private TrainingState state;

    public Trainer(Network network, TrainingOptions options) {
        this.network = network;
        this.options = options;
        this.kernels = options.kernels();
        this.optimizer = options.newOptimizer();
        this.schedule = options.schedule();
        this.rng = new Rng(options.seed());
        this.learningRate = options.learningRate();
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
        double[] rates = options.dropout();
        dropoutRates = new float[depth];
        for (int l = 0; l < depth - 1; l++) {
            dropoutRates[l] = (float) (rates.length == 1 ? rates[0] : l < rates.length ? rates[l] : 0);
        }
        masks = new float[depth][];
        dropped = new float[depth][];
        optimizer.initialize(parameters);
    }

    public Network network() { return network; }
    public Kernels kernels() { return kernels; }
    public Rng rng() { return rng; }
    public Optimizer optimizer() { return optimizer; }
    /** The learning rate of the current epoch (after the schedule). */
    public double learningRate() { return learningRate; }
    public void setLearningRate(double learningRate) { this.learningRate = learningRate; }

    /** Asks the run to end after the current epoch; {@code reason} ends up in {@link History#stopReason()}. */
    public void stop(String reason) {
        this.stopReason = reason;
    }

    /**
     * Asks the run to stop after the current batch, saving a checkpoint of that exact position first (when a
     * checkpoint sink is configured). Safe to call from another thread (a Ctrl-C handler).
     */
    public void interrupt() {
        this.interruptRequested = true;
    }

    /** Trains on {@code data} for the configured epochs (continuing a resumed state when the options carry one). */
    public History fit(Dataset data) {
        checkData(data);
        int rows = data.rows();
        int batch = options.batchSize() == 0 || options.batchSize() >= rows ? Math.max(rows, 1) : options.batchSize();
        ensureCapacity(batch);
        Targets targets = Targets.of(data, network.outputs());
        int batches = rows == 0 ? 0 : (rows + batch - 1) / batch;
        EarlyStopping early = options.earlyStopping();
        if (early != null && early.monitor().name().startsWith("VAL_") && options.validation() == null) {
            throw new IllegalArgumentException("early stopping on " + early.monitor().id() + " needs a validation set");
        }
        state = options.resume() != null ? restore(options.resume(), rows) : fresh(rows);
        History history = new History();
        for (EpochStats s : state.history) {
            history.add(s);
        }
        int[] order = state.order;
        for (TrainingListener l : options.listeners()) {
            l.onTrainBegin(this, options.epochs(), batches);
        }
        while (state.epochsDone < options.epochs() && stopReason == null) {
            int epoch = state.epochsDone + 1;
            if (state.nextBatch == 0) {
                if (options.batching() == TrainingOptions.Batching.SHUFFLE && options.shuffle()) {
                    rng.shuffle(order);
                }
                state.epochLossSum = 0;
                state.epochCorrect = 0;
                state.epochRows = 0;
            }
            long start = System.nanoTime();
            for (int b = state.nextBatch; b < batches; b++) {
                int from = b * batch;
                int count = Math.min(batch, rows - from);
                if (options.batching() == TrainingOptions.Batching.RANDOM) {
                    for (int r = 0; r < count; r++) {
                        order[from + r] = rng.nextInt(rows);
                    }
                }
                correct = 0;
                double loss = step(data, targets, order, from, count);
                if (!Double.isFinite(loss)) {
                    throw new DivergenceException(epoch, b + 1, loss, learningRate);
                }
                state.epochLossSum += loss;
                state.epochCorrect += correct;
                state.epochRows += count;
                for (TrainingListener l : options.listeners()) {
                    l.onBatchEnd(this, epoch, b + 1, loss);
                }
                if (interruptRequested && b + 1 < batches) {
                    state.nextBatch = b + 1;
                    saveCheckpoint();
                    history.stopped("interrupted in epoch " + epoch + " after batch " + (b + 1) + " of " + batches);
                    notifyEnd(history);
                    return history;
                }
            }
            state.nextBatch = 0;
            double seconds = (System.nanoTime() - start) / 1e9;
            EpochStats stats = epochStats(epoch, data, batches, seconds);
            history.add(stats);
            state.epochsDone = epoch;
            afterEpoch(stats, history);
            for (TrainingListener l : options.listeners()) {
                l.onEpochEnd(this, stats);
            }
            if (interruptRequested) {
                stop("interrupted after epoch " + epoch);
            }
            boolean periodic = options.checkpointEvery() > 0 && epoch % options.checkpointEvery() == 0;
            if (periodic || stopReason != null && interruptRequested) {
                saveCheckpoint();
            }
        }
        if (early != null && early.restoreBest() && state.bestParameters != null) {
            for (int i = 0; i < parameters.length; i++) {
                System.arraycopy(state.bestParameters[i], 0, parameters[i], 0, parameters[i].length);
            }
        }
        if (stopReason != null) {
            history.stopped(stopReason);
        }
        notifyEnd(history);
        return history;
    }

    private void notifyEnd(History history) {
        for (TrainingListener l : options.listeners()) {
            l.onTrainEnd(this, history);
        }
    }

    private TrainingState fresh(int rows) {
        TrainingState s = new TrainingState();
        s.order = new int[rows];
        for (int i = 0; i < rows; i++) {
            s.order[i] = i;
        }
        s.history = new ArrayList<>();
        return s;
    }

    private TrainingState restore(TrainingState saved, int rows) {
        if (saved.order == null || saved.order.length != rows) {
            throw new IllegalArgumentException("the checkpoint was made on " + (saved.order == null ? "?" : saved.order.length)
                    + " training rows, this data has " + rows);
        }
        if (saved.optimizer != null && !saved.optimizer.equals(optimizer.name())) {
            throw new IllegalArgumentException("the checkpoint was made with optimizer " + saved.optimizer
                    + ", not " + optimizer.name());
        }
        TrainingState s = new TrainingState();
        s.epochsDone = saved.epochsDone;
        s.nextBatch = saved.nextBatch;
        s.order = saved.order.clone();
        s.epochLossSum = saved.epochLossSum;
        s.epochCorrect = saved.epochCorrect;
        s.epochRows = saved.epochRows;
        s.bestValue = saved.bestValue;
        s.epochsWithoutImprovement = saved.epochsWithoutImprovement;
        s.bestEpoch = saved.bestEpoch;
        s.bestParameters = saved.bestParameters;
        s.history = new ArrayList<>(saved.history);
        rng.restore(saved.rngState);
        learningRate = saved.learningRate;
        if (saved.optimizerState != null) {
            optimizer.restore(saved.optimizerState, saved.optimizerSteps);
        }
        if (saved.scheduleState != null) {
            schedule.restore(saved.scheduleState);
        }
        return s;
    }

    /** The run's current position and optimizer/schedule/early-stopping state, for a checkpoint (copies). */
    public TrainingState snapshot() {
        TrainingState s = new TrainingState();
        s.epochsDone = state.epochsDone;
        s.nextBatch = state.nextBatch;
        s.order = state.order.clone();
        s.epochLossSum = state.epochLossSum;
        s.epochCorrect = state.epochCorrect;
        s.epochRows = state.epochRows;
        s.rngState = rng.state();
        s.learningRate = learningRate;
        s.optimizer = optimizer.name();
        float[][] os = optimizer.state();
        s.optimizerState = new float[os.length][];
        for (int i = 0; i < os.length; i++) {
            s.optimizerState[i] = os[i].clone();
        }
        s.optimizerSteps = optimizer.steps();
        s.scheduleState = schedule.state();
        s.bestValue = state.bestValue;
        s.epochsWithoutImprovement = state.epochsWithoutImprovement;
        s.bestEpoch = state.bestEpoch;
        s.bestParameters = state.bestParameters;
        s.history = List.copyOf(state.history);
        return s;
    }

    private void saveCheckpoint() {
        if (options.checkpoint() == null) {
            return;
        }
        try {
            options.checkpoint().save(this, snapshot());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint: " + e.getMessage(), e);
        }
    }

    private EpochStats epochStats(int epoch, Dataset data, int batches, double seconds) {
        double accuracy = data.isClassification() && state.epochRows > 0 ? (double) state.epochCorrect / state.epochRows
                : Double.NaN;
        double valLoss = Double.NaN;
        double valAccuracy = Double.NaN;
        if (options.validation() != null) {
            Evaluation v = network.evaluate(options.validation(), kernels);
            valLoss = v.loss();
            valAccuracy = v.accuracy();
        }
        return new EpochStats(epoch, batches == 0 ? Double.NaN : state.epochLossSum / batches, accuracy,
                valLoss, valAccuracy, seconds, seconds > 0 ? data.rows() / seconds : Double.NaN, learningRate);
    }

    /** Early stopping bookkeeping, then the learning rate for the next epoch. */
    private void afterEpoch(EpochStats stats, History history) {
        state.history.add(stats);
        EarlyStopping early = options.earlyStopping();
        if (early != null) {
            double value = early.monitor().of(stats);
            if (early.improves(value, state.bestValue)) {
                state.bestValue = value;
                state.bestEpoch = stats.epoch();
                state.epochsWithoutImprovement = 0;
                if (early.restoreBest()) {
                    if (state.bestParameters == null) {
                        state.bestParameters = new float[parameters.length][];
                    }
                    for (int i = 0; i < parameters.length; i++) {
                        state.bestParameters[i] = parameters[i].clone();
                    }
                }
            } else if (++state.epochsWithoutImprovement >= early.patience()) {
                stop("early stopping: " + early.monitor().id() + " did not improve by more than " + early.minDelta()
                        + " for " + early.patience() + " epoch" + (early.patience() == 1 ? "" : "s")
                        + (early.restoreBest() ? "; restored the parameters of epoch " + state.bestEpoch : ""));
            }
        }
        double monitored = options.validation() != null ? stats.valLoss() : stats.loss();
        learningRate = schedule.next(options.learningRate(), learningRate, stats.epoch(), options.epochs(), monitored);
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
            int units = network.layers().get(l).units();
            deltas[l] = new float[Math.multiplyExact(cap, units)];
            if (dropoutRates[l] > 0) {
                masks[l] = new float[cap * units];
                dropped[l] = new float[cap * units];
            }
        }
    }

    /** Inverted dropout on a hidden layer's output: keep with probability 1−p, scaled by 1/(1−p). */
    private float[] applyDropout(int layer, float[] activation, int rows, int units) {
        float p = dropoutRates[layer];
        if (p == 0f) {
            return activation;
        }
        float keep = 1f / (1f - p);
        float[] mask = masks[layer];
        float[] out = dropped[layer];
        int n = rows * units;
        for (int i = 0; i < n; i++) {
            float m = rng.nextDouble() < p ? 0f : keep;
            mask[i] = m;
            out[i] = activation[i] * m;
        }
        return out;
    }

    /** The input the layer above read from hidden layer {@code l}: its dropped-out copy when dropout is on. */
    private float[] hiddenOutput(int l) {
        return dropoutRates[l] > 0 ? dropped[l] : workspace.activation(l);
    }

    private double step(Dataset data, Targets targets, int[] order, int from, int count) {
        int in = network.inputs();
        float[] x = data.features();
        for (int r = 0; r < count; r++) {
            System.arraycopy(x, order[from + r] * in, batchInput, r * in, in);
        }
        targets.gatherRows(order, from, count, batchTargets);
        workspace.forward(kernels, batchInput, 0, count, dropoutHook);
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
            float[] prev = l == 0 ? batchInput : hiddenOutput(l - 1);
            float[] dz = deltas[l];
            // dW = Xᵀ·dZ  (inputs × units)
            kernels.gemm(true, false, inputs, units, count, 1f, prev, 0, inputs, dz, 0, units,
                    0f, gradients[2 * l], 0, units);
            kernels.columnSums(dz, count, units, gradients[2 * l + 1]);
            if (l > 0) {
                DenseLayer below = layers.get(l - 1);
                float[] dx = deltas[l - 1];
                // dX = dZ·Wᵀ  (count × inputs), then the dropout mask and ⊙ f′ of the layer below
                kernels.gemm(false, true, count, inputs, units, 1f, dz, 0, units, layer.weights(), 0, units,
                        0f, dx, 0, inputs);
                if (dropoutRates[l - 1] > 0) {
                    float[] mask = masks[l - 1];
                    for (int i = 0, n = count * inputs; i < n; i++) {
                        dx[i] *= mask[i];
                    }
                }
                kernels.activationBackward(dx, workspace.activation(l - 1), count * inputs, below.activation(), below.alpha());
            }
        }
        loss += regularize();
        optimizer.step(parameters, gradients, (float) learningRate, kernels);
        return loss;
    }

    /** L2 on the weight gradients, global-norm clipping, decoupled decay; returns the L2 term of the loss. */
    private double regularize() {
        double penalty = 0;
        float l2 = (float) options.l2();
        if (l2 > 0) {
            for (int i = 0; i < parameters.length; i += 2) {
                penalty += 0.5 * l2 * kernels.sumOfSquares(parameters[i].length, parameters[i]);
                kernels.axpy(parameters[i].length, l2, parameters[i], gradients[i]);
            }
        }
        double clip = options.clipNorm();
        if (clip > 0) {
            double sum = 0;
            for (float[] g : gradients) {
                sum += kernels.sumOfSquares(g.length, g);
            }
            double norm = Math.sqrt(sum);
            if (norm > clip) {
                float s = (float) (clip / (norm + 1e-6));
                for (float[] g : gradients) {
                    kernels.scale(g.length, s, g);
                }
            }
        }
        double wd = options.weightDecay();
        if (wd > 0) {
            // on every parameter, biases included, as torch.optim.AdamW and Keras's AdamW do
            float shrink = (float) (1 - learningRate * wd);
            for (int i = 0; i < parameters.length; i++) {
                kernels.scale(parameters[i].length, shrink, parameters[i]);
            }
        }
        return penalty;
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
