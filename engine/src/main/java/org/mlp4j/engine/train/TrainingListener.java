package org.mlp4j.engine.train;

/**
 * Hooks into a training run: progress bars, logging, early stopping. Called on the training thread.
 * All methods have empty defaults; a listener may call {@link Trainer#stop(String)}.
 */
public interface TrainingListener {

    /** Before the first epoch; {@code batchesPerEpoch} lets a progress bar size itself. */
    default void onTrainBegin(Trainer trainer, int epochs, int batchesPerEpoch) {
    }

    /** After each batch of an epoch (1-based), with that batch's loss. Keep it cheap. */
    default void onBatchEnd(Trainer trainer, int epoch, int batch, double loss) {
    }

    /** After each epoch, once its statistics (and validation) are known. */
    default void onEpochEnd(Trainer trainer, EpochStats stats) {
    }

    /** When training ends, normally or stopped. */
    default void onTrainEnd(Trainer trainer, History history) {
    }
}
