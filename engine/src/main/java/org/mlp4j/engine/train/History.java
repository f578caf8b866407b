package org.mlp4j.engine.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The per-epoch record of a training run, in order (Keras's {@code History}). */
public final class History {
    private final List<EpochStats> epochs = new ArrayList<>();
    private String stopReason;

    void add(EpochStats stats) {
        epochs.add(stats);
    }

    void stopped(String reason) {
        this.stopReason = reason;
    }

    public List<EpochStats> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    public EpochStats last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /** Why training ended before the planned epochs, or null when it ran them all. */
    public String stopReason() {
        return stopReason;
    }
}
