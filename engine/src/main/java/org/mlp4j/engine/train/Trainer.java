package org.mlp4j.engine.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.Rng;
import org.mlp4j.engine.Targets;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.eval.Evaluation;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.parallel.WorkerPool;

/**
 * Mini-batch training by backpropagation.
 *
 * <p>One step on a batch of {@code m} rows: draw the dropout masks; forward and backward ({@link Backprop}: per layer
 * a GEMM and the fused epilogue, the loss and {@code dZ} in one pass, then {@code dW = Xᵀ·dZ}, {@code db = Σ dZ},
 * {@code dX = dZ·Wᵀ} and the fused {@code ⊙ f′(A)} loop); then L2 and clipping on the gradients, decoupled weight
 * decay, and one optimizer update. On several threads the batch is split into contiguous slices, one per thread, each
 * through single-threaded kernels, and their gradients are summed in a fixed order (data parallelism: two hand-offs
 * per step instead of one per GEMM). Buffers are allocated up front, so a warm step allocates nothing.
 *
 * <p>All randomness (shuffling, random batches, dropout) comes from one {@link Rng} seeded by the options: the same
 * seed, thread count and kernels give bit-identical parameters (the split and the summation order depend only on the
 * thread count), and a run resumed from a {@link TrainingState} continues the identical sequence.
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
    /** For a network that is not plain: which parameter arrays are weight matrices (L2 applies to them only). */
    private final boolean[] weights;
    private final float[] dropoutRates;
    private final float[][] masks;
    private final boolean dataParallel;
    private final WorkerPool pool = WorkerPool.shared();
    private final StepTask stepTask = new StepTask();
    private final ReduceTask reduceTask = new ReduceTask();
    private final UpdateTask updateTask = new UpdateTask();
    private Backprop whole;
    private Backprop[] slices;
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
        if (network.isPlain()) {
            parameters = new float[2 * depth][];
            gradients = new float[2 * depth][];
            for (int l = 0; l < depth; l++) {
                DenseLayer layer = layers.get(l);
                parameters[2 * l] = layer.weights();
                parameters[2 * l + 1] = layer.bias();
                gradients[2 * l] = new float[layer.weights().length];
                gradients[2 * l + 1] = new float[layer.bias().length];
            }
            weights = null;
        } else {
            StackParameters stack = new StackParameters(network, options);
            parameters = stack.parameters;
            gradients = stack.gradients;
            weights = stack.weights;
        }
        double[] rates = options.dropout();
        dropoutRates = new float[depth];
        for (int l = 0; l < depth - 1; l++) {
            dropoutRates[l] = (float) (rates.length == 1 ? rates[0] : l < rates.length ? rates[l] : 0);
        }
        masks = new float[depth][];
        // batch normalisation couples a batch's rows: it trains on whole batches
        dataParallel = network.isPlain() && chooseDataParallel(kernels);
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
            afterEpoch(stats);
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
    private void afterEpoch(EpochStats stats) {
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
        if (whole != null && whole.capacity() >= rows) {
            return;
        }
        int cap = Math.max(rows, batchCapacity);
        whole = new Backprop(network, kernels, cap, gradients, dropoutRates);
        for (int l = 0; l < masks.length; l++) {
            if (dropoutRates[l] > 0) {
                masks[l] = new float[cap * network.layers().get(l).units()];
            }
        }
        if (dataParallel) {
            int parts = kernels.threads();
            slices = new Backprop[parts];
            updateTask.penalty = new double[parts];
            for (int p = 0; p < parts; p++) {
                float[][] own = new float[gradients.length][];
                for (int i = 0; i < own.length; i++) {
                    own[i] = new float[gradients[i].length];
                }
                slices[p] = new Backprop(network, KernelsProvider.create(kernels.name(), 1), (cap + parts - 1) / parts,
                        own, dropoutRates);
            }
        }
    }

    /**
     * Whether steps split the batch across threads (each slice through single-threaded kernels, gradients summed)
     * rather than splitting each GEMM. {@code -Dmlp4j.train.parallel=data|gemm|auto}; auto picks data-parallel for
     * the vector kernels on more than one thread (measured faster on both benchmark networks, see the README).
     */
    private static boolean chooseDataParallel(Kernels kernels) {
        String mode = org.mlp4j.engine.kernel.KernelSettings.trainParallel();
        switch (mode) {
            case "gemm": return false;
            case "data": return kernels.threads() > 1;
            case "auto": return kernels.threads() > 1 && kernels.name().equals("vector");
            default: throw new AssertionError(mode);
        }
    }

    /** The masks of inverted dropout for every row of the batch, drawn on the training thread in a fixed order. */
    private void drawDropoutMasks(int count) {
        for (int l = 0; l < masks.length; l++) {
            float p = dropoutRates[l];
            if (p == 0f) {
                continue;
            }
            float keep = 1f / (1f - p);
            float[] mask = masks[l];
            for (int i = 0, n = count * network.layers().get(l).units(); i < n; i++) {
                mask[i] = rng.nextDouble() < p ? 0f : keep;
            }
        }
    }

    private double step(Dataset data, Targets targets, int[] order, int from, int count) {
        drawDropoutMasks(count);
        if (slices == null || count < slices.length * MIN_ROWS_PER_SLICE) {
            whole.run(data, targets, order, from, 0, count, count, masks);
            correct += whole.correct;
            double loss = whole.loss + regularize();
            optimizer.step(parameters, gradients, (float) learningRate, kernels);
            return loss;
        }
        stepTask.set(data, targets, order, from, count);
        double loss = 0;
        try {
            pool.run(slices.length, stepTask);
        } finally {
            stepTask.clear();
        }
        for (Backprop b : slices) {
            loss += b.loss;
            correct += b.correct;
        }
        if (optimizer.elementwise() && options.clipNorm() == 0) {
            // clipping needs the global norm first; without it every rule is element-wise, so each thread sums
            // its range of the gradients and updates that range of the parameters while it is in cache
            optimizer.beginStep();
            updateTask.learningRate = (float) learningRate;
            pool.run(slices.length, updateTask);
            for (double p : updateTask.penalty) {
                loss += p;
            }
            return loss;
        }
        pool.run(slices.length, reduceTask);
        loss += regularize();
        optimizer.step(parameters, gradients, (float) learningRate, kernels);
        return loss;
    }

    /** Below this many rows per thread a batch runs whole (GEMM-parallel): slices too thin to pay for the split. */
    private static final int MIN_ROWS_PER_SLICE = 16;

    /** Runs slice {@code part} of the current batch; reused, so a step allocates nothing. */
    private final class StepTask implements WorkerPool.PartTask {
        private Dataset data;
        private Targets targets;
        private int[] order;
        private int from;
        private int count;

        void set(Dataset data, Targets targets, int[] order, int from, int count) {
            this.data = data;
            this.targets = targets;
            this.order = order;
            this.from = from;
            this.count = count;
        }

        void clear() {
            data = null;
            targets = null;
            order = null;
        }

        @Override
        public void run(int part, int parts) {
            int first = (int) ((long) count * part / parts);
            int last = (int) ((long) count * (part + 1) / parts);
            slices[part].run(data, targets, order, from, first, last - first, count, masks);
        }
    }

    /** Element range {@code [lo, hi)} of an array of {@code n} for part {@code part} of {@code parts}. */
    private static int bound(int n, int part, int parts) {
        return (int) ((long) n * part / parts);
    }

    /** Sums the slices' gradients into the trainer's range {@code [lo, hi)} of array {@code i}, slice 0 first. */
    private void reduce(int i, int lo, int hi) {
        float[] sum = gradients[i];
        System.arraycopy(slices[0].gradients[i], lo, sum, lo, hi - lo);
        for (int s = 1; s < slices.length; s++) {
            float[] g = slices[s].gradients[i];
            for (int j = lo; j < hi; j++) {
                sum[j] += g[j];
            }
        }
    }

    /** Sums the slices' gradients: each thread a contiguous range of every array. */
    private final class ReduceTask implements WorkerPool.PartTask {
        @Override
        public void run(int part, int parts) {
            for (int i = 0; i < gradients.length; i++) {
                int n = gradients[i].length;
                reduce(i, bound(n, part, parts), bound(n, part + 1, parts));
            }
        }
    }

    /**
     * Sum, L2, decoupled decay and the optimizer's element-wise update, range by range: the same operations per
     * element as {@link #regularize} followed by {@link Optimizer#step}, without a pass on one thread.
     */
    private final class UpdateTask implements WorkerPool.PartTask {
        float learningRate;
        /** Each part's share of the L2 term of the loss, added up in part order. */
        double[] penalty = new double[0];

        @Override
        public void run(int part, int parts) {
            float l2 = (float) options.l2();
            double wd = options.weightDecay();
            float shrink = (float) (1 - learningRate * wd);
            double pen = 0;
            for (int i = 0; i < parameters.length; i++) {
                float[] p = parameters[i];
                float[] g = gradients[i];
                int lo = bound(p.length, part, parts);
                int hi = bound(p.length, part + 1, parts);
                reduce(i, lo, hi);
                if (l2 > 0 && i % 2 == 0) {
                    pen += 0.5 * l2 * kernels.l2Gradient(p, g, lo, hi - lo, l2);
                }
                if (wd > 0) {
                    kernels.decay(p, lo, hi - lo, shrink);
                }
                optimizer.update(p, g, i, lo, hi, learningRate, kernels);
            }
            penalty[part] = pen;
        }
    }

    /** L2 on the weight gradients, global-norm clipping, decoupled decay; returns the L2 term of the loss. */
    private double regularize() {
        double penalty = 0;
        float l2 = (float) options.l2();
        if (l2 > 0) {
            for (int i = 0; i < parameters.length; i += weights == null ? 2 : 1) {
                if (weights != null && !weights[i]) {
                    continue;
                }
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
}
