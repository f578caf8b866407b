package org.mlp4j.engine.train;

/**
 * Applies an {@link EarlyStopping} rule to one run and owns its bookkeeping, as Keras's {@code EarlyStopping}
 * callback owns {@code best}, {@code wait} and {@code best_weights}: after each epoch it compares the monitored value
 * with the best so far, keeps a copy of the best epoch's parameters (when the rule restores them) and stops the run
 * after {@code patience} epochs without improvement. Its state goes into checkpoints and comes back on resume.
 */
final class EarlyStoppingListener implements TrainingListener {
    private final EarlyStopping rule;
    /** The trainer's live parameter arrays. */
    private final float[][] parameters;
    private double bestValue;
    private int epochsWithoutImprovement;
    private int bestEpoch;
    private float[][] bestParameters;

    /** Starts from {@code state}: {@link TrainingState.EarlyStoppingState#NONE} for a fresh run. */
    EarlyStoppingListener(EarlyStopping rule, float[][] parameters, TrainingState.EarlyStoppingState state) {
        this.rule = rule;
        this.parameters = parameters;
        this.bestValue = state.bestValue();
        this.epochsWithoutImprovement = state.epochsWithoutImprovement();
        this.bestEpoch = state.bestEpoch();
        // a copy of the outer array: the slots are replaced below, and the state handed in must not change
        this.bestParameters = state.bestParameters() == null ? null : state.bestParameters().clone();
    }

    @Override
    public void onEpochEnd(Trainer trainer, EpochStats stats) {
        double value = rule.monitor().of(stats);
        if (rule.improves(value, bestValue)) {
            bestValue = value;
            bestEpoch = stats.epoch();
            epochsWithoutImprovement = 0;
            if (rule.restoreBest()) {
                if (bestParameters == null) {
                    bestParameters = new float[parameters.length][];
                }
                for (int i = 0; i < parameters.length; i++) {
                    bestParameters[i] = parameters[i].clone();
                }
            }
        } else if (++epochsWithoutImprovement >= rule.patience()) {
            trainer.stop("early stopping: " + rule.monitor().id() + " did not improve by more than " + rule.minDelta()
                    + " for " + rule.patience() + " epoch" + (rule.patience() == 1 ? "" : "s")
                    + (rule.restoreBest() ? "; restored the parameters of epoch " + bestEpoch : ""));
        }
    }

    /**
     * At the end of a run (not one interrupted mid-epoch, whose checkpoint holds the live parameters): puts the best
     * epoch's parameters back into the network, when the rule says so and an epoch was best.
     */
    void restoreBest() {
        if (rule.restoreBest() && bestParameters != null) {
            for (int i = 0; i < parameters.length; i++) {
                System.arraycopy(bestParameters[i], 0, parameters[i], 0, parameters[i].length);
            }
        }
    }

    /** The bookkeeping, for a checkpoint (the best parameters' arrays are never written to, so they are shared). */
    TrainingState.EarlyStoppingState state() {
        return new TrainingState.EarlyStoppingState(bestValue, epochsWithoutImprovement, bestEpoch,
                bestParameters == null ? null : bestParameters.clone());
    }
}
