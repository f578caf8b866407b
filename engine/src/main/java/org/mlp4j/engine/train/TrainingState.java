package org.mlp4j.engine.train;

import java.util.List;

/**
 * Everything besides the network's parameters that a training run needs to continue exactly where it stopped, so that
 * a resumed run is bit-identical to an uninterrupted one: the position (completed epochs, and within an interrupted
 * epoch the row order and the next batch), the RNG state, the learning rate and schedule state, the optimizer's
 * moments and step count, early-stopping bookkeeping and the history so far.
 *
 * <p>Plain data: the formats module writes it into checkpoint files next to the model.
 */
public final class TrainingState {
    /** Epochs completed. */
    public int epochsDone;
    /** Next batch (0-based) of epoch {@code epochsDone + 1}; 0 when that epoch has not started. */
    public int nextBatch;
    /** Row order of the epoch in progress (shuffled mode), or null. */
    public int[] order;
    /** Sum of batch losses and count of correct rows so far in the epoch in progress. */
    public double epochLossSum;
    public long epochCorrect;
    public long epochRows;
    public long rngState;
    public double learningRate;
    public String optimizer;
    public float[][] optimizerState;
    public long optimizerSteps;
    public double[] scheduleState;
    /** Early stopping: best monitored value (NaN before the first), epochs without improvement, the best epoch. */
    public double bestValue = Double.NaN;
    public int epochsWithoutImprovement;
    public int bestEpoch;
    /** Parameters of the best epoch ({@code W1, b1, …}), or null. */
    public float[][] bestParameters;
    public List<EpochStats> history = List.of();
}
