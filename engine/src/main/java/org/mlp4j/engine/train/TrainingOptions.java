package org.mlp4j.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.parallel.WorkerPool;

/**
 * How to train: epochs, batch size, learning rate, optimizer, seed, threads, validation data and listeners.
 * Defaults: 10 epochs, batch 32 (Keras), learning rate 0.01, SGD, seed 1, all threads, shuffled epochs.
 * A batch size of 0, or one at least the row count, is full-batch gradient descent.
 */
public final class TrainingOptions {
    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final Supplier<Optimizer> optimizer;
    private final long seed;
    private final int threads;
    private final Kernels kernels;
    private final boolean shuffle;
    private final Dataset validation;
    private final List<TrainingListener> listeners;
    private final Batching batching;
    private final double l2;
    private final double weightDecay;
    private final double[] dropout;
    private final double clipNorm;
    private final LearningRateSchedule schedule;
    private final EarlyStopping earlyStopping;
    private final CheckpointSink checkpoint;
    private final int checkpointEvery;
    private final TrainingState resume;

    /** How batches are formed each epoch. */
    public enum Batching {
        /** Every row once per epoch, in a freshly shuffled order (or file order without shuffling). */
        SHUFFLE,
        /** Each batch drawn at random with replacement (cs231n's {@code np.random.choice}); ⌈rows/batch⌉ batches per epoch. */
        RANDOM
    }

    private TrainingOptions(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.learningRate = b.learningRate;
        this.optimizer = b.optimizer;
        this.seed = b.seed;
        this.threads = b.threads;
        this.kernels = b.kernels;
        this.shuffle = b.shuffle;
        this.validation = b.validation;
        this.listeners = List.copyOf(b.listeners);
        this.batching = b.batching;
        this.l2 = b.l2;
        this.weightDecay = b.weightDecay;
        this.dropout = b.dropout;
        this.clipNorm = b.clipNorm;
        this.schedule = b.schedule;
        this.earlyStopping = b.earlyStopping;
        this.checkpoint = b.checkpoint;
        this.checkpointEvery = b.checkpointEvery;
        this.resume = b.resume;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int epochs() { return epochs; }
    /** Rows per batch; 0 means all rows (full batch). */
    public int batchSize() { return batchSize; }
    public double learningRate() { return learningRate; }
    public Optimizer newOptimizer() { return optimizer.get(); }
    public long seed() { return seed; }
    public int threads() { return threads; }
    public boolean shuffle() { return shuffle; }
    public Dataset validation() { return validation; }
    public List<TrainingListener> listeners() { return listeners; }
    public Batching batching() { return batching; }
    /** L2 penalty λ: adds (λ/2)·Σ‖W‖² to the loss, λ·W to each weight gradient (biases are not penalised). */
    public double l2() { return l2; }
    /** Decoupled weight decay: θ ← θ − η·wd·θ for every parameter before each update (PyTorch's AdamW). */
    public double weightDecay() { return weightDecay; }
    /** Dropout rate per hidden layer (inverted dropout; inactive in predict/evaluate); empty for none. */
    public double[] dropout() { return dropout.clone(); }
    /** Clip the global gradient norm to this value (0 for no clipping). */
    public double clipNorm() { return clipNorm; }
    public LearningRateSchedule schedule() { return schedule; }
    /** Early stopping, or null. */
    public EarlyStopping earlyStopping() { return earlyStopping; }
    public CheckpointSink checkpoint() { return checkpoint; }
    /** Save a checkpoint after every this many epochs (0: only when interrupted). */
    public int checkpointEvery() { return checkpointEvery; }
    /** The state to resume from, or null for a fresh run. */
    public TrainingState resume() { return resume; }

    /** The kernels given to the builder, or new ones of the configured kind for {@link #threads()}. */
    public Kernels kernels() {
        return kernels != null ? kernels : KernelsProvider.create(threads);
    }

    /** Fills in the options one at a time. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 32;
        private double learningRate = 0.01;
        private Supplier<Optimizer> optimizer = Sgd::new;
        private long seed = 1;
        private int threads = WorkerPool.defaultSize();
        private Kernels kernels;
        private boolean shuffle = true;
        private Dataset validation;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Batching batching = Batching.SHUFFLE;
        private double l2;
        private double weightDecay;
        private double[] dropout = new double[0];
        private double clipNorm;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private EarlyStopping earlyStopping;
        private CheckpointSink checkpoint;
        private int checkpointEvery;
        private TrainingState resume;

        public Builder epochs(int epochs) {
            if (epochs < 0) {
                throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** Rows per batch; 0 for full-batch gradient descent. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 0) {
                throw new IllegalArgumentException("batch size must be >= 0, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        public Builder learningRate(double learningRate) {
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
            }
            this.learningRate = learningRate;
            return this;
        }

        /** A factory, so each run starts with fresh optimizer state. */
        public Builder optimizer(Supplier<Optimizer> optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** Seeds the shuffling (and any other randomness of training). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Use these kernels (overrides {@link #threads} and {@code mlp4j.kernels}). */
        public Builder kernels(Kernels kernels) {
            this.kernels = kernels;
            return this;
        }

        /** Whether to reshuffle the rows every epoch (default true); false keeps the file order. */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Data evaluated after each epoch (val_loss, val_accuracy). */
        public Builder validation(Dataset validation) {
            this.validation = validation;
            return this;
        }

        public Builder listener(TrainingListener listener) {
            this.listeners.add(listener);
            return this;
        }

        public Builder batching(Batching batching) {
            this.batching = batching;
            return this;
        }

        /** L2 penalty λ on the weights (the cs231n {@code reg}); see {@link TrainingOptions#l2()}. */
        public Builder l2(double l2) {
            this.l2 = nonNegative(l2, "l2");
            return this;
        }

        /** Decoupled weight decay (AdamW's); see {@link TrainingOptions#weightDecay()}. */
        public Builder weightDecay(double weightDecay) {
            this.weightDecay = nonNegative(weightDecay, "weight decay");
            return this;
        }

        /** One dropout rate for every hidden layer. */
        public Builder dropout(double rate) {
            this.dropout = new double[] {rate};
            return check(rate);
        }

        /** A dropout rate per hidden layer, first hidden layer first (missing ones: 0). */
        public Builder dropout(double[] perHiddenLayer) {
            for (double r : perHiddenLayer) {
                check(r);
            }
            this.dropout = perHiddenLayer.clone();
            return this;
        }

        private Builder check(double rate) {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
            }
            return this;
        }

        public Builder clipNorm(double clipNorm) {
            this.clipNorm = nonNegative(clipNorm, "clip norm");
            return this;
        }

        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /** Where checkpoints go, and every how many epochs (0: only when interrupted). */
        public Builder checkpoint(CheckpointSink sink, int everyEpochs) {
            if (everyEpochs < 0) {
                throw new IllegalArgumentException("checkpoint interval must be >= 0, got " + everyEpochs);
            }
            this.checkpoint = sink;
            this.checkpointEvery = everyEpochs;
            return this;
        }

        /** Continue from a checkpoint's state (the network must hold the checkpoint's parameters). */
        public Builder resume(TrainingState state) {
            this.resume = state;
            return this;
        }

        private static double nonNegative(double v, String what) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + v);
            }
            return v;
        }

        public TrainingOptions build() {
            return new TrainingOptions(this);
        }
    }
}
