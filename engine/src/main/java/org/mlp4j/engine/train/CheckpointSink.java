package org.mlp4j.engine.train;

/**
 * Receives a consistent snapshot of a training run — the network's parameters are live in the trainer's network, the
 * rest in the {@link TrainingState} — every N epochs and when training is interrupted. Called on the training thread,
 * between batches.
 */
@FunctionalInterface
public interface CheckpointSink {
    void save(Trainer trainer, TrainingState state) throws java.io.IOException;
}
