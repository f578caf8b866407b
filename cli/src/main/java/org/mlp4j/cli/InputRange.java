package org.mlp4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.Description;
import org.mlp4j.formats.model.ModelFile;

/**
 * The range of the raw training inputs, recorded in the model's {@code training.inputRange} as {@code [min, max]},
 * and the warning when {@code evaluate} or {@code predict} meet data on another scale — a model trained on pixels
 * in 0..1 given raw 0..255 pixels scores 0.81 with a loss of 71 and no other hint.
 */
final class InputRange {
    static final String KEY = "inputRange";
    /** Data reaching this many training ranges outside the training range is "on another scale". */
    static final double OUTSIDE = 2;
    /** Data spanning less than this fraction of the training range is "on another scale" too. */
    static final double NARROWER = 0.02;

    private InputRange() {
    }

    /** Records {@code raw}'s value range in {@code settings}. */
    static void record(Map<String, Object> settings, Dataset raw) {
        Description d = Description.describe(raw);
        if (Float.isFinite(d.min()) && Float.isFinite(d.max())) {
            settings.put(KEY, List.of((double) d.min(), (double) d.max()));
        }
    }

    /** The warning for {@code raw} rows given to {@code mf}, or null when they look like the training data (or the model has no range). */
    static String check(ModelFile mf, Dataset raw, Path model, String spec) {
        Object r = mf.training().get(KEY);
        if (!(r instanceof List) || ((List<?>) r).size() != 2 || raw.rows() == 0
                || !(((List<?>) r).get(0) instanceof Number) || !(((List<?>) r).get(1) instanceof Number)) {
            return null;
        }
        double a = ((Number) ((List<?>) r).get(0)).doubleValue();
        double b = ((Number) ((List<?>) r).get(1)).doubleValue();
        Description d = Description.describe(raw);
        double width = Math.max(b - a, 1e-12);
        boolean outside = d.max() > b + OUTSIDE * width || d.min() < a - OUTSIDE * width;
        boolean narrower = b - a > 0 && (d.max() - d.min()) < NARROWER * (b - a);
        if (!outside && !narrower) {
            return null;
        }
        String scaling = mf.normalization() == null || mf.normalization().isIdentity()
                ? "it applies no scaling of its own" : "it applies its stored scaling (" + mf.normalization() + ") itself";
        return String.format(Locale.ROOT, "%s's values span %s..%s, but %s was trained on values in %s..%s and %s: "
                + "give it data on the training scale", spec, num(d.min()), num(d.max()), model, num(a), num(b), scaling);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v)
                : new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
