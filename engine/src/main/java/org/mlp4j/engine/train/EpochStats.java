package org.mlp4j.engine.train;

/**
 * One epoch of training. {@code loss} is the mean of the per-batch losses computed before each update;
 * {@code accuracy} is the fraction of training rows classified correctly during the epoch (NaN for regression);
 * validation figures are NaN when no validation set was given.
 */
public final class EpochStats {
    private final int epoch;
    private final double loss;
    private final double accuracy;
    private final double valLoss;
    private final double valAccuracy;
    private final double seconds;
    private final double samplesPerSecond;
    private final double learningRate;

    public EpochStats(int epoch, double loss, double accuracy, double valLoss, double valAccuracy,
                      double seconds, double samplesPerSecond, double learningRate) {
        this.epoch = epoch;
        this.loss = loss;
        this.accuracy = accuracy;
        this.valLoss = valLoss;
        this.valAccuracy = valAccuracy;
        this.seconds = seconds;
        this.samplesPerSecond = samplesPerSecond;
        this.learningRate = learningRate;
    }

    /** 1-based epoch number. */
    public int epoch() { return epoch; }
    public double loss() { return loss; }
    public double accuracy() { return accuracy; }
    public double valLoss() { return valLoss; }
    public double valAccuracy() { return valAccuracy; }
    /** Wall-clock seconds of the epoch's training passes (validation excluded). */
    public double seconds() { return seconds; }
    public double samplesPerSecond() { return samplesPerSecond; }
    public double learningRate() { return learningRate; }
    public boolean hasValidation() { return !Double.isNaN(valLoss); }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "epoch %d: loss %.6f, accuracy %.4f%s, %.3f s",
                epoch, loss, accuracy, hasValidation()
                        ? String.format(java.util.Locale.ROOT, ", val_loss %.6f, val_accuracy %.4f", valLoss, valAccuracy) : "",
                seconds);
    }
}
