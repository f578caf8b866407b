package org.mlp4j.report.summary;

import org.mlp4j.formats.Normalization;

/** A model's input scaling in words: {@code x / 255}, {@code (x − 0.5) · 2}, per feature, or none. */
public final class Scaling {
    private Scaling() {
    }

    public static String describe(Normalization n) {
        if (n == null || n.isIdentity()) {
            return "none";
        }
        if (!n.isPerFeature()) {
            float scale = n.scale()[0];
            float shift = n.shift()[0];
            double inverse = 1 / (double) scale;
            String times = scale > 0 && Math.abs(inverse - Math.rint(inverse)) < 1e-3 * inverse
                    ? " / " + Numbers.number(Math.rint(inverse)) : " · " + Numbers.number(scale);
            return shift == 0 ? "x" + times : "(x − " + Numbers.number(shift) + ")" + times;
        }
        return "per feature: (x − shift) · scale over " + n.featureCount() + " features (standardised)";
    }
}
