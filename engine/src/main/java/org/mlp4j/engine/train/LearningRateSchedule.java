package org.mlp4j.engine.train;

import java.util.Locale;

/**
 * How the learning rate changes between epochs (PyTorch's {@code lr_scheduler} semantics, stepped once per epoch):
 * <ul>
 *   <li>{@code constant};</li>
 *   <li>{@code step:F[:N]} — multiply by F every N epochs (default 1; {@code step:0.95} is cs231n's per-epoch decay;
 *       {@code StepLR});</li>
 *   <li>{@code exp:G} — η₀·Gᵉ after e epochs ({@code ExponentialLR});</li>
 *   <li>{@code cosine} — η₀·(1 + cos(π·e/E))/2 over the E planned epochs ({@code CosineAnnealingLR}, η_min 0);</li>
 *   <li>{@code plateau:FACTOR:PATIENCE} — multiply by FACTOR when the monitored loss (validation loss when there is a
 *       validation set, else training loss) has not improved by a relative 1e-4 for PATIENCE epochs
 *       ({@code ReduceLROnPlateau}, mode min).</li>
 * </ul>
 * A schedule's mutable state (for plateau) is {@link #state()}, so checkpoints can carry it.
 */
public final class LearningRateSchedule {
    private enum Kind { CONSTANT, STEP, EXP, COSINE, PLATEAU }

    private final Kind kind;
    private final double factor;
    private final int every;
    private final String spec;
    private double best = Double.POSITIVE_INFINITY;
    private int badEpochs;

    private LearningRateSchedule(Kind kind, double factor, int every, String spec) {
        this.kind = kind;
        this.factor = factor;
        this.every = every;
        this.spec = spec;
    }

    public static LearningRateSchedule constant() {
        return new LearningRateSchedule(Kind.CONSTANT, 1, 1, "constant");
    }

    public static LearningRateSchedule parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        String[] p = t.split(":");
        try {
            switch (p[0]) {
                case "constant":
                case "none":
                    return constant();
                case "step":
                    return new LearningRateSchedule(Kind.STEP, positive(p, 1, Double.NaN), p.length > 2 ? (int) positive(p, 2, 1) : 1, t);
                case "exp":
                    return new LearningRateSchedule(Kind.EXP, positive(p, 1, Double.NaN), 1, t);
                case "cosine":
                    return new LearningRateSchedule(Kind.COSINE, 0, 1, t);
                case "plateau":
                    return new LearningRateSchedule(Kind.PLATEAU, positive(p, 1, 0.1), p.length > 2 ? (int) positive(p, 2, 10) : 10, t);
                default:
                    break;
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("schedule '" + text + "' is not one of step:F[:N], exp:G, cosine, "
                + "plateau:FACTOR:PATIENCE");
    }

    private static double positive(String[] parts, int i, double fallback) {
        if (parts.length <= i) {
            if (Double.isNaN(fallback)) {
                throw new NumberFormatException("missing");
            }
            return fallback;
        }
        double v = Double.parseDouble(parts[i]);
        if (!(v > 0)) {
            throw new NumberFormatException("not positive");
        }
        return v;
    }

    public String spec() {
        return spec;
    }

    /**
     * The learning rate for the epoch after {@code epochsDone} epochs.
     *
     * @param initial  η₀
     * @param current  the rate used in the epoch just finished
     * @param monitored the plateau metric of that epoch (ignored by other schedules)
     */
    public double next(double initial, double current, int epochsDone, int totalEpochs, double monitored) {
        switch (kind) {
            case STEP: return epochsDone % every == 0 ? current * factor : current;
            case EXP: return initial * Math.pow(factor, epochsDone);
            case COSINE: return initial * (1 + Math.cos(Math.PI * Math.min(epochsDone, totalEpochs) / totalEpochs)) / 2;
            case PLATEAU:
                if (monitored < best * (1 - 1e-4)) {
                    best = monitored;
                    badEpochs = 0;
                    return current;
                }
                if (++badEpochs > every) {
                    badEpochs = 0;
                    return current * factor;
                }
                return current;
            default: return current;
        }
    }

    /** {@code [best, badEpochs]}: the plateau state. */
    public double[] state() {
        return new double[] {best, badEpochs};
    }

    public void restore(double[] state) {
        best = state[0];
        badEpochs = (int) state[1];
    }
}
