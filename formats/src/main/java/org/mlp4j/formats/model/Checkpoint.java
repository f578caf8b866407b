package org.mlp4j.formats.model;

import java.util.Map;
import org.mlp4j.engine.train.TrainingState;

/**
 * What a checkpoint file holds: the model so far, the run's settings, and the exact training state.
 *
 * @param model    the model as of the checkpoint
 * @param settings the run's settings (command-line flags by name), to resume with the same ones
 * @param state    where training stands: epoch, optimizer moments, random streams
 */
public record Checkpoint(ModelFile model, Map<String, Object> settings, TrainingState state) {
}
