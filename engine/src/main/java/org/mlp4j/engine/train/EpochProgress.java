package org.mlp4j.engine.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The epoch loop's live position: what {@link TrainingState.Position} and {@link TrainingState#history()} record,
 * kept mutable because it changes after every batch.
 */
final class EpochProgress {
    int epochsDone;
    int nextBatch;
    final int[] order;
    double lossSum;
    long correct;
    long rows;
    final List<EpochStats> history;

    private EpochProgress(int[] order, List<EpochStats> history) {
        this.order = order;
        this.history = new ArrayList<>(history);
    }

    /** The start of a fresh run on {@code rows} rows: nothing done, the rows in file order. */
    static EpochProgress start(int rows) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        return new EpochProgress(order, List.of());
    }

    /** Where {@code saved} stopped (its order copied, so the saved state stays as it was). */
    static EpochProgress resume(TrainingState saved) {
        TrainingState.Position p = saved.position();
        EpochProgress e = new EpochProgress(p.order().clone(), saved.history());
        e.epochsDone = p.epochsDone();
        e.nextBatch = p.nextBatch();
        e.lossSum = p.lossSum();
        e.correct = p.correct();
        e.rows = p.rows();
        return e;
    }

    /** Starts the sums of a new epoch. */
    void beginEpoch() {
        lossSum = 0;
        correct = 0;
        rows = 0;
    }

    /** Adds a finished batch's figures. */
    void addBatch(double loss, long batchCorrect, int batchRows) {
        lossSum += loss;
        correct += batchCorrect;
        rows += batchRows;
    }

    /** A copy of the position, for a checkpoint. */
    TrainingState.Position position() {
        return new TrainingState.Position(epochsDone, nextBatch, order.clone(), lossSum, correct, rows);
    }
}
