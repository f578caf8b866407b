package org.mlp4j.formats.model;

import java.util.Map;
import org.mlp4j.engine.train.TrainingState;

/** What a checkpoint file holds: the model so far, the run's settings, and the exact training state. */
public final class Checkpoint {
    private final ModelFile model;
    private final Map<String, Object> settings;
    private final TrainingState state;

    public Checkpoint(ModelFile model, Map<String, Object> settings, TrainingState state) {
        this.model = model;
        this.settings = settings;
        this.state = state;
    }

    public ModelFile model() { return model; }
    public Map<String, Object> settings() { return settings; }
    public TrainingState state() { return state; }
}
