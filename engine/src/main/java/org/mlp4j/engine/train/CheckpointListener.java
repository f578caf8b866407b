package org.mlp4j.engine.train;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Hands {@link Trainer#snapshot() snapshots} of a run to a {@link CheckpointSink}: after every {@code every}-th epoch,
 * after an epoch at whose end an interruption was asked for, and (called by the epoch loop) when a run is interrupted
 * in the middle of an epoch. Runs after the caller's listeners, so a checkpoint sees what they did.
 */
final class CheckpointListener implements TrainingListener {
    private final CheckpointSink sink;
    /** Epochs between checkpoints; 0: only when interrupted. */
    private final int every;

    CheckpointListener(CheckpointSink sink, int every) {
        this.sink = sink;
        this.every = every;
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochStats stats) {
        boolean periodic = every > 0 && stats.epoch() % every == 0;
        if (periodic || trainer.interruptRequested()) {
            save(trainer);
        }
    }

    /** Saves the run's current position now. */
    void save(Trainer trainer) {
        try {
            sink.save(trainer, trainer.snapshot());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint: " + e.getMessage(), e);
        }
    }
}
