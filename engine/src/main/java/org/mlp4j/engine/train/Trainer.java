package org.mlp4j.engine.train;

import java.util.ArrayList;
import java.util.List;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.Rng;
import org.mlp4j.engine.Targets;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.eval.Evaluation;
import org.mlp4j.engine.kernel.Kernels;

/**
 * Mini-batch training by backpropagation: the epoch loop.
 *
 * <p>Each epoch shuffles (or draws) the row order, runs one {@link BatchStep} per batch — the dropout masks
 * ({@link DropoutMasks}), forward and backward ({@link Backprop}), L2, clipping and decoupled weight decay
 * ({@link GradientTransform}), one optimizer update — then evaluates the validation set, moves the learning-rate
 * schedule on, and tells the listeners: early stopping ({@link EarlyStoppingListener}) first, the caller's, and
 * checkpointing ({@link CheckpointListener}) last. On several threads a step either splits each GEMM or splits the
 * batch ({@link DataParallelStep}). Buffers are allocated up front, so a warm step allocates nothing.
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
    private final DropoutMasks dropout;
    private final BatchStep step;
    private final CheckpointListener checkpoints;
    private double learningRate;
    private volatile String stopReason;
    private volatile boolean interruptRequested;
    /** The run in progress (null before {@link #fit}). */
    private EpochProgress progress;
    private EarlyStoppingListener earlyStopping;

    public Trainer(Network network, TrainingOptions options) {
        this.network = network;
        this.options = options;
        this.kernels = options.kernels();
        this.optimizer = options.newOptimizer();
        this.schedule = options.schedule();
        this.rng = new Rng(options.seed());
        this.learningRate = options.learningRate();
        this.batchCapacity = Math.max(1, options.batchSize());
        TrainableArrays arrays = TrainableArrays.of(network, options);
        this.parameters = arrays.parameters;
        this.dropout = new DropoutMasks(network, options.dropout());
        GradientTransform transform = new GradientTransform(options, kernels, parameters, arrays.gradients,
                arrays.weights);
        this.step = BatchStep.create(network, kernels, parameters, arrays.gradients, dropout, transform,
                optimizer);
        this.checkpoints = options.checkpoint() == null ? null
                : new CheckpointListener(options.checkpoint(), options.checkpointEvery());
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

    /** Whether {@link #interrupt()} was called. */
    boolean interruptRequested() {
        return interruptRequested;
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
        TrainingState resume = options.resume();
        progress = resume != null ? restore(resume, rows) : EpochProgress.start(rows);
        earlyStopping = early == null ? null : new EarlyStoppingListener(early, parameters,
                resume != null ? resume.earlyStopping() : TrainingState.EarlyStoppingState.NONE);
        List<TrainingListener> listeners = listeners();
        History history = new History();
        for (EpochStats s : progress.history) {
            history.add(s);
        }
        int[] order = progress.order;
        for (TrainingListener l : listeners) {
            l.onTrainBegin(this, options.epochs(), batches);
        }
        while (progress.epochsDone < options.epochs() && stopReason == null) {
            int epoch = progress.epochsDone + 1;
            if (progress.nextBatch == 0) {
                if (options.batching() == TrainingOptions.Batching.SHUFFLE && options.shuffle()) {
                    rng.shuffle(order);
                }
                progress.beginEpoch();
            }
            long start = System.nanoTime();
            for (int b = progress.nextBatch; b < batches; b++) {
                int from = b * batch;
                int count = Math.min(batch, rows - from);
                if (options.batching() == TrainingOptions.Batching.RANDOM) {
                    for (int r = 0; r < count; r++) {
                        order[from + r] = rng.nextInt(rows);
                    }
                }
                dropout.draw(rng, count);
                double loss = step.run(data, targets, order, from, count, learningRate);
                if (!Double.isFinite(loss)) {
                    throw new DivergenceException(epoch, b + 1, loss, learningRate);
                }
                progress.addBatch(loss, step.correct(), count);
                for (TrainingListener l : listeners) {
                    l.onBatchEnd(this, epoch, b + 1, loss);
                }
                if (interruptRequested && b + 1 < batches) {
                    progress.nextBatch = b + 1;
                    if (checkpoints != null) {
                        checkpoints.save(this);
                    }
                    history.stopped("interrupted in epoch " + epoch + " after batch " + (b + 1) + " of " + batches);
                    notifyEnd(listeners, history);
                    return history;
                }
            }
            progress.nextBatch = 0;
            double seconds = (System.nanoTime() - start) / 1e9;
            EpochStats stats = epochStats(epoch, data, batches, seconds);
            history.add(stats);
            progress.epochsDone = epoch;
            progress.history.add(stats);
            double monitored = options.validation() != null ? stats.valLoss() : stats.loss();
            learningRate = schedule.next(options.learningRate(), learningRate, stats.epoch(), options.epochs(), monitored);
            for (TrainingListener l : listeners) {
                l.onEpochEnd(this, stats);
            }
            if (interruptRequested) {
                stop("interrupted after epoch " + epoch);
            }
        }
        if (earlyStopping != null) {
            earlyStopping.restoreBest();
        }
        if (stopReason != null) {
            history.stopped(stopReason);
        }
        notifyEnd(listeners, history);
        return history;
    }

    /** Early stopping first (its stop reason stands unless a later listener stops too), checkpoints last. */
    private List<TrainingListener> listeners() {
        List<TrainingListener> all = new ArrayList<>();
        if (earlyStopping != null) {
            all.add(earlyStopping);
        }
        all.addAll(options.listeners());
        if (checkpoints != null) {
            all.add(checkpoints);
        }
        return all;
    }

    private void notifyEnd(List<TrainingListener> listeners, History history) {
        for (TrainingListener l : listeners) {
            l.onTrainEnd(this, history);
        }
    }

    /** Puts the RNG, learning rate, optimizer and schedule back where {@code saved} left them; returns its position. */
    private EpochProgress restore(TrainingState saved, int rows) {
        int[] order = saved.position().order();
        if (order == null || order.length != rows) {
            throw new IllegalArgumentException("the checkpoint was made on " + (order == null ? "?" : order.length)
                    + " training rows, this data has " + rows);
        }
        TrainingState.OptimizerState o = saved.optimizer();
        if (o.name() != null && !o.name().equals(optimizer.name())) {
            throw new IllegalArgumentException("the checkpoint was made with optimizer " + o.name()
                    + ", not " + optimizer.name());
        }
        EpochProgress restored = EpochProgress.resume(saved);
        rng.restore(saved.rngState());
        learningRate = saved.learningRate();
        if (o.slots() != null) {
            optimizer.restore(o.slots(), o.steps());
        }
        if (saved.scheduleState() != null) {
            schedule.restore(saved.scheduleState());
        }
        return restored;
    }

    /** The run's current position and optimizer/schedule/early-stopping state, for a checkpoint (copies). */
    public TrainingState snapshot() {
        float[][] os = optimizer.state();
        float[][] slots = new float[os.length][];
        for (int i = 0; i < os.length; i++) {
            slots[i] = os[i].clone();
        }
        return new TrainingState(progress.position(), rng.state(), learningRate,
                new TrainingState.OptimizerState(optimizer.name(), slots, optimizer.steps()), schedule.state(),
                earlyStopping != null ? earlyStopping.state() : TrainingState.EarlyStoppingState.NONE,
                progress.history);
    }

    private EpochStats epochStats(int epoch, Dataset data, int batches, double seconds) {
        double accuracy = data.isClassification() && progress.rows > 0 ? (double) progress.correct / progress.rows
                : Double.NaN;
        double valLoss = Double.NaN;
        double valAccuracy = Double.NaN;
        if (options.validation() != null) {
            Evaluation v = network.evaluate(options.validation(), kernels);
            valLoss = v.loss();
            valAccuracy = v.accuracy();
        }
        return new EpochStats(epoch, batches == 0 ? Double.NaN : progress.lossSum / batches, accuracy,
                valLoss, valAccuracy, seconds, seconds > 0 ? data.rows() / seconds : Double.NaN, learningRate);
    }

    /**
     * One gradient step on the rows {@code order[from .. from+count)} of {@code data} (Keras's
     * {@code train_on_batch}); returns the batch loss computed before the update. Allocation-free once warm.
     */
    public double trainOnBatch(Dataset data, Targets targets, int[] order, int from, int count) {
        checkData(data);
        ensureCapacity(count);
        dropout.draw(rng, count);
        return step.run(data, targets, order, from, count, learningRate);
    }

    private void checkData(Dataset data) {
        if (data.featureCount() != network.inputs()) {
            throw new IllegalArgumentException("the network takes " + network.inputs() + " features, the data has "
                    + data.featureCount());
        }
    }

    private void ensureCapacity(int rows) {
        if (step.capacity() >= rows) {
            return;
        }
        int cap = Math.max(rows, batchCapacity);
        step.allocate(cap);
        dropout.allocate(cap);
    }
}
