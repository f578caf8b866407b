package org.mlp4j.formats;

import java.util.Arrays;
import java.util.Locale;
import org.mlp4j.engine.data.Dataset;

/**
 * Feature scaling fitted on training data and stored in the model file: {@code x′ = (x − shift)·scale}, where
 * {@code shift} and {@code scale} are each one number for all features or one per feature (the model file's
 * {@code normalization}). Immutable.
 */
public final class Normalization {
    /** How to fit the scaling. */
    public enum Mode {
        /** Divide by the training maximum when it exceeds 1 (0..255 and 0..16 become 0..1); else none. */
        AUTO,
        /** No scaling. */
        NONE,
        /** Divide by the largest |x| of the training data. */
        MAX,
        /** Per feature, {@code (x − mean)/std} with the population std; a constant feature gets scale 1. */
        STANDARD;

        /** {@code auto}, {@code none}, {@code max} or {@code standard}. */
        public static Mode parse(String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown normalization '" + name
                        + "' (expected auto, none, max or standard)", e);
            }
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Normalization IDENTITY = new Normalization(new float[] {0f}, new float[] {1f});

    private final float[] shift;
    private final float[] scale;

    private Normalization(float[] shift, float[] scale) {
        this.shift = shift;
        this.scale = scale;
    }

    /** No scaling: shift 0, scale 1. */
    public static Normalization identity() {
        return IDENTITY;
    }

    /**
     * From stored values: each array has length 1 (one number for every feature) or the feature count.
     * The arrays are copied.
     */
    public static Normalization of(float[] shift, float[] scale) {
        if (shift.length == 0 || scale.length == 0) {
            throw new IllegalArgumentException("shift and scale need at least one value");
        }
        if (shift.length > 1 && scale.length > 1 && shift.length != scale.length) {
            throw new IllegalArgumentException("shift has " + shift.length + " values but scale has " + scale.length);
        }
        return new Normalization(shift.clone(), scale.clone());
    }

    /** One shift and one scale for every feature. */
    public static Normalization of(float shift, float scale) {
        return new Normalization(new float[] {shift}, new float[] {scale});
    }

    /** Fits {@code mode} on the training features. */
    public static Normalization fit(Mode mode, Dataset training) {
        return fit(mode, training.features(), training.rows(), training.featureCount());
    }

    /** Fits {@code mode} on a {@code rows × cols} row-major feature matrix. */
    public static Normalization fit(Mode mode, float[] x, int rows, int cols) {
        switch (mode) {
            case NONE:
                return IDENTITY;
            case AUTO: {
                float max = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < rows * cols; i++) {
                    max = Math.max(max, x[i]);
                }
                return max > 1f ? of(0f, 1f / max) : IDENTITY;
            }
            case MAX: {
                float max = 0f;
                for (int i = 0; i < rows * cols; i++) {
                    max = Math.max(max, Math.abs(x[i]));
                }
                return max > 0f && Float.isFinite(max) ? of(0f, 1f / max) : IDENTITY;
            }
            case STANDARD:
                return standard(x, rows, cols);
            default:
                throw new AssertionError(mode);
        }
    }

    private static Normalization standard(float[] x, int rows, int cols) {
        // Sums in double: 60,000 rows of float would lose digits of the mean.
        double[] sum = new double[cols];
        double[] sumSq = new double[cols];
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int c = 0; c < cols; c++) {
                double v = x[o + c];
                sum[c] += v;
                sumSq[c] += v * v;
            }
        }
        float[] shift = new float[cols];
        float[] scale = new float[cols];
        for (int c = 0; c < cols; c++) {
            double mean = rows == 0 ? 0 : sum[c] / rows;
            double variance = rows == 0 ? 0 : Math.max(0, sumSq[c] / rows - mean * mean);
            double std = Math.sqrt(variance);
            shift[c] = (float) mean;
            // A constant feature (std 0, or so small it is rounding noise) is only centred, not blown up.
            scale[c] = std > 1e-12 * Math.max(1, Math.abs(mean)) ? (float) (1 / std) : 1f;
        }
        return new Normalization(shift, scale);
    }

    /** The shift: one value for all features, or one per feature. A copy. */
    public float[] shift() {
        return shift.clone();
    }

    /** The scale: one value for all features, or one per feature. A copy. */
    public float[] scale() {
        return scale.clone();
    }

    /** Whether shift or scale has one value per feature. */
    public boolean isPerFeature() {
        return shift.length > 1 || scale.length > 1;
    }

    /** The feature count per-feature values require, or 0 when any count works. */
    public int featureCount() {
        return Math.max(shift.length, scale.length) > 1 ? Math.max(shift.length, scale.length) : 0;
    }

    /** Whether applying this changes nothing (shift 0 and scale 1 everywhere). */
    public boolean isIdentity() {
        for (float s : shift) {
            if (s != 0f) {
                return false;
            }
        }
        for (float s : scale) {
            if (s != 1f) {
                return false;
            }
        }
        return true;
    }

    /** Scales a {@code rows × cols} row-major matrix in place. */
    public void apply(float[] x, int rows, int cols) {
        int n = featureCount();
        if (n != 0 && n != cols) {
            throw new IllegalArgumentException("this normalization is fitted for " + n + " features, the data has " + cols);
        }
        if (isIdentity()) {
            return;
        }
        if (!isPerFeature()) {
            float s = shift[0];
            float k = scale[0];
            for (int i = 0; i < rows * cols; i++) {
                x[i] = (x[i] - s) * k;
            }
            return;
        }
        float[] s = expand(shift, cols);
        float[] k = expand(scale, cols);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int c = 0; c < cols; c++) {
                x[o + c] = (x[o + c] - s[c]) * k[c];
            }
        }
    }

    /** A new dataset with scaled features (the input is left as it is; targets are shared). */
    public Dataset apply(Dataset data) {
        float[] x = data.features().clone();
        apply(x, data.rows(), data.featureCount());
        return data.withFeatures(x, data.featureCount());
    }

    private static float[] expand(float[] v, int cols) {
        if (v.length == cols) {
            return v;
        }
        float[] e = new float[cols];
        Arrays.fill(e, v[0]);
        return e;
    }

    @Override
    public String toString() {
        if (isIdentity()) {
            return "none";
        }
        if (!isPerFeature()) {
            return "x′ = (x − " + shift[0] + ")·" + scale[0];
        }
        return "per-feature x′ = (x − shift)·scale over " + featureCount() + " features";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization && Arrays.equals(((Normalization) o).shift, shift)
                && Arrays.equals(((Normalization) o).scale, scale);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shift) * 31 + Arrays.hashCode(scale);
    }
}
