package org.mlp4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.train.EpochStats;
import org.mlp4j.engine.train.History;
import org.mlp4j.engine.train.Trainer;
import org.mlp4j.engine.train.TrainingListener;

/**
 * Spots a run that finished but learned nothing useful — the loss ended far above where it started, or the accuracy
 * is no better than always answering the most common class — so that such a model is not announced as if it were
 * fine. (A NaN or infinite loss stops training earlier, in the trainer.) Listens to the first batch's loss, the most
 * faithful "where it started"; a resumed run falls back to its first recorded epoch.
 */
final class RunWarnings implements TrainingListener {
    /** The loss counts as "far above where it started" beyond this factor (a healthy run ends below its start). */
    static final double LOSS_GROWTH = 3;
    /**
     * Accuracy below chance + this fraction of the distance from chance to 1 is "at chance" (10 balanced classes:
     * below 0.145; two: below 0.525).
     */
    static final double CHANCE_MARGIN = 0.05;

    private double firstBatchLoss = Double.NaN;

    @Override
    public void onBatchEnd(Trainer trainer, int epoch, int batch, double loss) {
        if (Double.isNaN(firstBatchLoss)) {
            firstBatchLoss = loss;
        }
    }

    /**
     * The warnings for a finished run on {@code train} (the training rows) with learning rate {@code lr}; empty when
     * the run looks healthy.
     */
    List<String> check(History history, Dataset train, double lr, Loss loss) {
        List<String> warnings = new ArrayList<>();
        EpochStats last = history.last();
        if (last == null) {
            return warnings;
        }
        double start = !Double.isNaN(firstBatchLoss) ? firstBatchLoss : history.epochs().get(0).loss();
        if (Double.isFinite(last.loss()) && start > 0 && last.loss() > LOSS_GROWTH * start) {
            warnings.add(String.format(Locale.ROOT, "the loss ended at %.4g, far above where it started (%.4g): "
                    + "training diverged; try a lower learning rate (--lr %s)", last.loss(), start, lower(lr)));
        }
        if (train.isClassification() && !Double.isNaN(last.accuracy()) && train.rows() > 0) {
            int[] counts = train.classCounts();
            int most = 0;
            for (int c : counts) {
                most = Math.max(most, c);
            }
            double chance = (double) most / train.rows();
            if (last.accuracy() < chance + CHANCE_MARGIN * (1 - chance)) {
                warnings.add(String.format(Locale.ROOT, "the training accuracy %.4f is at chance (always answering the "
                        + "most common class scores %.4f): the model has learned nothing; check the labels, "
                        + "the learning rate (--lr %s) and the input scaling (--scale)", last.accuracy(), chance, lower(lr)));
            }
        }
        double baseline = meanPredictorLoss(train, loss);
        if (!Double.isNaN(baseline) && baseline > 0 && last.loss() >= (1 - CHANCE_MARGIN) * baseline) {
            warnings.add(String.format(Locale.ROOT, "the training loss %.4g is no better than always predicting the "
                    + "targets' mean (%.4g): the model has learned nothing; try another learning rate (--lr), "
                    + "--optimizer adam, or targets on a smaller scale (they are not scaled)", last.loss(), baseline));
        }
        return warnings;
    }

    /**
     * The {@code mse}/{@code half-sse} loss of predicting every target's mean (its population variance, summed as the
     * loss sums outputs), the regression counterpart of "at chance"; NaN for classification and other losses.
     */
    static double meanPredictorLoss(Dataset train, Loss loss) {
        if (train.isClassification() || !train.hasTargets() || train.rows() == 0
                || (loss != Loss.MSE && loss != Loss.HALF_SSE)) {
            return Double.NaN;
        }
        int w = train.targetWidth();
        float[] y = train.targets();
        double sum = 0;
        for (int j = 0; j < w; j++) {
            double mean = 0;
            for (int i = 0; i < train.rows(); i++) {
                mean += y[i * w + j];
            }
            mean /= train.rows();
            double var = 0;
            for (int i = 0; i < train.rows(); i++) {
                double d = y[i * w + j] - mean;
                var += d * d;
            }
            sum += var / train.rows();
        }
        return loss == Loss.MSE ? sum / w : 0.5 * sum;
    }

    private static String lower(double lr) {
        return new java.math.BigDecimal(lr / 10).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
