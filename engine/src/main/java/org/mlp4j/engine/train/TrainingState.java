package org.mlp4j.engine.train;

import java.util.List;

/**
 * Everything besides the network's parameters that a training run needs to continue exactly where it stopped, so that
 * a resumed run is bit-identical to an uninterrupted one: the position in the run, the RNG state, the learning rate
 * and the schedule's state, the optimizer's moments and step count, early stopping's bookkeeping and the history so
 * far. {@link Trainer#snapshot()} makes one; {@link TrainingOptions.Builder#resume} continues from one; the formats
 * module writes it into checkpoint files next to the model.
 *
 * <p>An immutable value, except that the arrays it holds are not copied: whoever makes one hands its arrays over.
 *
 * @param position      where the run is, and the sums of the epoch in progress
 * @param rngState      the state of the run's {@link org.mlp4j.engine.Rng}
 * @param learningRate  the learning rate of the next batch (after the schedule)
 * @param optimizer     the optimizer's name, moments and step count
 * @param scheduleState the learning-rate schedule's state ({@link LearningRateSchedule#state()}), or null
 * @param earlyStopping early stopping's bookkeeping ({@link EarlyStoppingState#NONE} without early stopping)
 * @param history       the statistics of the epochs done
 */
public record TrainingState(Position position, long rngState, double learningRate, OptimizerState optimizer,
                            double[] scheduleState, EarlyStoppingState earlyStopping, List<EpochStats> history) {

    public TrainingState {
        if (position == null || optimizer == null || earlyStopping == null) {
            throw new IllegalArgumentException("a training state needs a position, an optimizer state and an "
                    + "early-stopping state (EarlyStoppingState.NONE for none)");
        }
        history = List.copyOf(history);
    }

    /**
     * Where a run is: epochs completed and, within the epoch in progress, the next batch, the row order and the sums
     * over the batches done so far (between epochs the sums still hold the finished epoch's).
     *
     * @param epochsDone epochs completed
     * @param nextBatch  next batch (0-based) of epoch {@code epochsDone + 1}; 0 when that epoch has not started
     * @param order      the row order of the epoch in progress: a permutation (shuffled batches) or the drawn rows
     *                   (random batches)
     * @param lossSum    sum of the batch losses so far in the epoch
     * @param correct    training rows classified correctly so far in the epoch
     * @param rows       training rows seen so far in the epoch
     */
    public record Position(int epochsDone, int nextBatch, int[] order, double lossSum, long correct, long rows) {
    }

    /**
     * An optimizer's state.
     *
     * @param name  {@link Optimizer#name()}, or null when unknown (a resume then does not check it)
     * @param slots {@link Optimizer#state()}: its slot arrays, one per parameter array per slot
     * @param steps {@link Optimizer#steps()}: updates done (Adam's bias correction needs it)
     */
    public record OptimizerState(String name, float[][] slots, long steps) {
    }

    /**
     * What early stopping remembers between epochs (Keras's {@code best}, {@code wait} and {@code best_weights}).
     *
     * @param bestValue                the best monitored value so far (NaN before the first)
     * @param epochsWithoutImprovement epochs since it last improved
     * @param bestEpoch                the epoch that reached it (0 before the first)
     * @param bestParameters           that epoch's parameters ({@code W1, b1, …}), or null when not kept
     */
    public record EarlyStoppingState(double bestValue, int epochsWithoutImprovement, int bestEpoch,
                                     float[][] bestParameters) {
        /** Before the first epoch, or without early stopping. */
        public static final EarlyStoppingState NONE = new EarlyStoppingState(Double.NaN, 0, 0, null);
    }
}
