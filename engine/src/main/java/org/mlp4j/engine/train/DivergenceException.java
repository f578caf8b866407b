package org.mlp4j.engine.train;

/** Training produced a NaN or infinite loss: the run is stopped and nothing should be saved from it. */
public final class DivergenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int epoch;

    public DivergenceException(int epoch, int batch, double loss, double learningRate) {
        super("training diverged: loss became " + loss + " in epoch " + epoch + ", batch " + batch
                + "; try a lower learning rate than " + learningRate + " (e.g. " + learningRate / 10 + ")");
        this.epoch = epoch;
    }

    public int epoch() {
        return epoch;
    }
}
