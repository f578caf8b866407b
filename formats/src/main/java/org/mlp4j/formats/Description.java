package org.mlp4j.formats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlp4j.engine.data.Dataset;

/**
 * A summary of a dataset as read, before any scaling: size, classes with their counts, and the range and mean of
 * the raw feature values (what tells a user whether pixels are 0..255 or 0..1).
 */
public final class Description {
    private final int rows;
    private final int features;
    private final List<String> classes;
    private final int[] classCounts;
    private final int targetWidth;
    private final float min;
    private final float max;
    private final double mean;

    private Description(Dataset d, float min, float max, double mean) {
        this.rows = d.rows();
        this.features = d.featureCount();
        this.classes = d.isClassification() ? d.classNames() : null;
        this.classCounts = d.isClassification() ? d.classCounts() : null;
        this.targetWidth = d.isClassification() ? 0 : d.targetWidth();
        this.min = min;
        this.max = max;
        this.mean = mean;
    }

    /** Describes {@code data}'s raw features. */
    public static Description describe(Dataset data) {
        float[] x = data.features();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        double sum = 0;
        for (float v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        double mean = x.length == 0 ? Double.NaN : sum / x.length;
        return new Description(data, x.length == 0 ? Float.NaN : min, x.length == 0 ? Float.NaN : max, mean);
    }

    /** The number of rows. */
    public int rows() { return rows; }
    /** Features per row. */
    public int features() { return features; }
    /** Class names, or null unless the set is a classification set. */
    public List<String> classes() { return classes; }
    /** Rows per class (copy), or null unless the set is a classification set. */
    public int[] classCounts() { return classCounts == null ? null : classCounts.clone(); }
    /** Regression targets per row (0 for classification and unlabelled sets). */
    public int targetWidth() { return targetWidth; }
    /** The smallest raw feature value (NaN when there are none). */
    public float min() { return min; }
    /** The largest raw feature value (NaN when there are none). */
    public float max() { return max; }
    /** The mean raw feature value (NaN when there are none). */
    public double mean() { return mean; }

    /** The same facts as an ordered map, ready for JSON output. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("features", features);
        if (classes != null) {
            m.put("classes", classes);
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (int c = 0; c < classes.size(); c++) {
                counts.put(classes.get(c), classCounts[c]);
            }
            m.put("classCounts", counts);
        } else if (targetWidth > 0) {
            m.put("targets", targetWidth);
        }
        m.put("min", min);
        m.put("max", max);
        m.put("mean", mean);
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(rows).append(" rows × ").append(features).append(" features");
        if (classes != null) {
            sb.append(", ").append(classes.size()).append(" classes {");
            for (int c = 0; c < classes.size(); c++) {
                sb.append(c == 0 ? "" : ", ").append(classes.get(c)).append(": ").append(classCounts[c]);
            }
            sb.append('}');
        } else if (targetWidth > 0) {
            sb.append(", ").append(targetWidth).append(" targets");
        }
        return sb.append(String.format(java.util.Locale.ROOT, ", values %s..%s, mean %.4g", min, max, mean)).toString();
    }
}
