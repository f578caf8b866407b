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

        public TrainingOptions build() {
            return new TrainingOptions(this);
        }
    }
}
