package org.mlp4j.engine.train;

import java.util.Locale;

/**
 * Stops training when a monitored metric has not improved by more than {@code minDelta} for {@code patience} epochs,
 * and (by default) puts back the parameters of the best epoch — Keras's {@code EarlyStopping} with
 * {@code restore_best_weights=True}. The digits notebook's rule "stop when the loss improves by less than tol" is
 * {@code monitor loss, minDelta tol, patience 1}.
 */
public final class EarlyStopping {
    /** What is watched; losses must fall, accuracies rise. */
    public enum Monitor {
        LOSS("loss"), ACCURACY("accuracy"), VAL_LOSS("val_loss"), VAL_ACCURACY("val_accuracy");

        private final String id;

        Monitor(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Monitor parse(String s) {
            for (Monitor m : values()) {
                if (m.id.equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new IllegalArgumentException("monitor must be loss, accuracy, val_loss or val_accuracy, got '" + s + "'");
        }

        boolean higherIsBetter() {
            return this == ACCURACY || this == VAL_ACCURACY;
        }

        double of(EpochStats s) {
            switch (this) {
                case LOSS: return s.loss();
                case ACCURACY: return s.accuracy();
                case VAL_LOSS: return s.valLoss();
                default: return s.valAccuracy();
            }
        }
    }

    private final Monitor monitor;
    private final double minDelta;
    private final int patience;
    private final boolean restoreBest;

    public EarlyStopping(Monitor monitor, double minDelta, int patience, boolean restoreBest) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("minDelta must be >= 0, got " + minDelta);
        }
        this.monitor = monitor;
        this.minDelta = minDelta;
        this.patience = patience;
        this.restoreBest = restoreBest;
    }

    public Monitor monitor() { return monitor; }
    public double minDelta() { return minDelta; }
    public int patience() { return patience; }
    public boolean restoreBest() { return restoreBest; }

    /** Whether {@code value} improves on {@code best} by more than {@code minDelta}. */
    boolean improves(double value, double best) {
        if (Double.isNaN(value)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return monitor.higherIsBetter() ? value > best + minDelta : value < best - minDelta;
    }
}
