package org.mlp4j.engine.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A table of samples the engine trains on directly: a row-major {@code rows × features} float matrix
 * and, when labelled, a row-major {@code rows × targetWidth} target matrix.
 *
 * <p>Classification sets also keep the class index of every row and the class names; their targets are
 * one-hot rows whatever the loss (see {@link org.mlp4j.engine.Loss}). Regression sets carry their targets as
 * given. Unlabelled sets (a Kaggle {@code test.csv}) carry features only.
 *
 * <p>Arrays are taken as they are, not copied: a dataset is a view its creator hands over.
 */
public final class Dataset {
    private final float[] features;
    private final int rows;
    private final int featureCount;
    private final float[] targets;
    private final int targetWidth;
    private final int[] labels;
    private final List<String> classNames;

    private Dataset(float[] features, int rows, int featureCount, float[] targets, int targetWidth,
                    int[] labels, List<String> classNames) {
        if (rows < 0 || featureCount < 0) {
            throw new IllegalArgumentException("rows and features must be >= 0, got " + rows + " and " + featureCount);
        }
        if ((long) rows * featureCount != features.length) {
            throw new IllegalArgumentException("features hold " + features.length + " values, expected rows × features = "
                    + rows + " × " + featureCount);
        }
        if (targets != null && (long) rows * targetWidth != targets.length) {
            throw new IllegalArgumentException("targets hold " + targets.length + " values, expected rows × width = "
                    + rows + " × " + targetWidth);
        }
        this.features = features;
        this.rows = rows;
        this.featureCount = featureCount;
        this.targets = targets;
        this.targetWidth = targetWidth;
        this.labels = labels;
        this.classNames = classNames;
    }

    /** Classification rows: {@code labels[i]} indexes {@code classNames}; targets become one-hot rows. */
    public static Dataset classification(float[] features, int rows, int featureCount, int[] labels, List<String> classNames) {
        Objects.requireNonNull(labels, "labels");
        List<String> names = List.copyOf(classNames);
        if (labels.length != rows) {
            throw new IllegalArgumentException(labels.length + " labels for " + rows + " rows");
        }
        int k = names.size();
        float[] oneHot = new float[Math.multiplyExact(rows, k)];
        for (int i = 0; i < rows; i++) {
            int c = labels[i];
            if (c < 0 || c >= k) {
                throw new IllegalArgumentException("label " + c + " of row " + i + " is outside the " + k + " classes");
            }
            oneHot[i * k + c] = 1f;
        }
        return new Dataset(features, rows, featureCount, oneHot, k, labels, names);
    }

    /** Classification rows whose classes are named "0", "1", … {@code classes-1}. */
    public static Dataset classification(float[] features, int rows, int featureCount, int[] labels, int classes) {
        return classification(features, rows, featureCount, labels, numberedClasses(classes));
    }

    /** Regression rows: {@code targets} is {@code rows × targetWidth}, row-major. */
    public static Dataset regression(float[] features, int rows, int featureCount, float[] targets, int targetWidth) {
        Objects.requireNonNull(targets, "targets");
        return new Dataset(features, rows, featureCount, targets, targetWidth, null, null);
    }

    /** Features without targets, for prediction. */
    public static Dataset unlabeled(float[] features, int rows, int featureCount) {
        return new Dataset(features, rows, featureCount, null, 0, null, null);
    }

    /** "0", "1", …, {@code count-1}. */
    public static List<String> numberedClasses(int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = Integer.toString(i);
        }
        return List.of(names);
    }

    public float[] features() { return features; }
    public int rows() { return rows; }
    public int featureCount() { return featureCount; }
    /** Row-major targets, or null when unlabelled. */
    public float[] targets() { return targets; }
    public int targetWidth() { return targetWidth; }
    /** Class index per row, or null unless this is a classification set. */
    public int[] labels() { return labels; }
    /** Class names, or null unless this is a classification set. */
    public List<String> classNames() { return classNames; }
    public boolean isClassification() { return labels != null; }
    public boolean hasTargets() { return targets != null; }
    public int classCount() { return classNames == null ? 0 : classNames.size(); }

    /** The same rows with features replaced (e.g. after normalisation); targets are shared. */
    public Dataset withFeatures(float[] newFeatures, int newFeatureCount) {
        return new Dataset(newFeatures, rows, newFeatureCount, targets, targetWidth, labels, classNames);
    }

    /** A copy holding the given rows, in the given order. */
    public Dataset subset(int[] rowIndices) {
        float[] x = new float[Math.multiplyExact(rowIndices.length, featureCount)];
        float[] y = targets == null ? null : new float[Math.multiplyExact(rowIndices.length, targetWidth)];
        int[] l = labels == null ? null : new int[rowIndices.length];
        for (int r = 0; r < rowIndices.length; r++) {
            int src = rowIndices[r];
            if (src < 0 || src >= rows) {
                throw new IndexOutOfBoundsException("row " + src + " of " + rows);
            }
            System.arraycopy(features, src * featureCount, x, r * featureCount, featureCount);
            if (y != null) {
                System.arraycopy(targets, src * targetWidth, y, r * targetWidth, targetWidth);
            }
            if (l != null) {
                l[r] = labels[src];
            }
        }
        return new Dataset(x, rowIndices.length, featureCount, y, targetWidth, l, classNames);
    }

    /** Rows {@code [from, to)} as a copy. */
    public Dataset slice(int from, int to) {
        int[] idx = new int[to - from];
        Arrays.setAll(idx, i -> from + i);
        return subset(idx);
    }

    /** Number of rows of each class (classification sets only). */
    public int[] classCounts() {
        if (labels == null) {
            throw new IllegalStateException("not a classification set");
        }
        int[] counts = new int[classCount()];
        for (int c : labels) {
            counts[c]++;
        }
        return counts;
    }

    @Override
    public String toString() {
        return "Dataset[" + rows + " rows × " + featureCount + " features"
                + (isClassification() ? ", " + classCount() + " classes" : hasTargets() ? ", " + targetWidth + " targets" : "")
                + "]";
    }
}
