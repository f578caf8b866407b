package org.mlp4j.spark.train;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.mlp4j.engine.data.Dataset;

/**
 * One partition's rows packed for the kernels: a row-major float feature matrix and either class indices
 * (classification) or float targets (regression). Built once per fit and cached, so every round of training reads
 * contiguous floats instead of Rows of Vectors.
 */
public final class PartitionBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int rows;
    private final int featureCount;
    private final float[] features;
    private final int[] labels;
    private final float[] targets;
    private final int outputs;

    private PartitionBlock(int rows, int featureCount, float[] features, int[] labels, float[] targets, int outputs) {
        this.rows = rows;
        this.featureCount = featureCount;
        this.features = features;
        this.labels = labels;
        this.targets = targets;
        this.outputs = outputs;
    }

    /**
     * Packs rows of (features: Vector, label: double). Classification labels must be whole numbers in
     * {@code [0, outputs)}; regression rows take the label as the single target.
     */
    public static PartitionBlock pack(Iterator<Row> it, int featureCount, int outputs, boolean classification) {
        FloatBuffer x = new FloatBuffer(featureCount * 256);
        FloatBuffer y = new FloatBuffer(256);
        int rows = 0;
        while (it.hasNext()) {
            Row r = it.next();
            Vector v = (Vector) r.get(0);
            if (v == null) {
                throw new IllegalArgumentException("row " + rows + " of a partition has no features vector");
            }
            if (v.size() != featureCount) {
                throw new IllegalArgumentException("row " + rows + " of a partition has " + v.size()
                        + " features, the first layer takes " + featureCount);
            }
            x.add(VectorFloats.of(v));
            if (r.isNullAt(1)) {
                throw new IllegalArgumentException("row " + rows + " of a partition has no label");
            }
            double label = r.getDouble(1);
            if (classification && (label != Math.rint(label) || label < 0 || label >= outputs)) {
                throw new IllegalArgumentException("label " + label + " is not a class index in [0, " + outputs
                        + ") (the last layer's width)");
            }
            if (!classification && !Double.isFinite(label)) {
                throw new IllegalArgumentException("label " + label + " is not a finite number");
            }
            y.add((float) label);
            rows++;
        }
        float[] xs = x.toArray();
        float[] ys = y.toArray();
        canonicalOrder(xs, ys, rows, featureCount);
        if (classification) {
            int[] labels = new int[rows];
            for (int i = 0; i < rows; i++) {
                labels[i] = (int) ys[i];
            }
            return new PartitionBlock(rows, featureCount, xs, labels, null, outputs);
        }
        return new PartitionBlock(rows, featureCount, xs, null, ys, outputs);
    }

    /**
     * Sorts the rows by a hash of their contents, so training depends on which rows a partition holds, not on the
     * order they arrived in: a shuffle ({@code repartition}) on a cluster delivers a partition's rows in the order
     * its blocks were fetched, which varies from run to run. Equal rows are interchangeable, so ties need no rule.
     */
    private static void canonicalOrder(float[] xs, float[] ys, int rows, int width) {
        long[] keys = new long[rows];
        Integer[] order = new Integer[rows];
        for (int r = 0; r < rows; r++) {
            long h = 0x9E3779B97F4A7C15L ^ Float.floatToIntBits(ys[r]);
            for (int j = r * width, end = j + width; j < end; j++) {
                h = (h ^ Float.floatToIntBits(xs[j])) * 0xBF58476D1CE4E5B9L;
                h ^= h >>> 29;
            }
            keys[r] = h;
            order[r] = r;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
        float[] x = xs.clone();
        float[] y = ys.clone();
        for (int r = 0; r < rows; r++) {
            int from = order[r];
            System.arraycopy(x, from * width, xs, r * width, width);
            ys[r] = y[from];
        }
    }

    public int rows() { return rows; }

    /** The rows as an engine dataset (a view: the arrays are shared). */
    public Dataset dataset() {
        return labels != null
                ? Dataset.classification(features, rows, featureCount, labels, outputs)
                : Dataset.regression(features, rows, featureCount, targets, 1);
    }

    /** A growable float array: partitions do not know their row count up front. */
    private static final class FloatBuffer {
        private float[] data;
        private int size;

        FloatBuffer(int capacity) {
            data = new float[Math.max(16, capacity)];
        }

        void add(float v) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, grow(size + 1));
            }
            data[size++] = v;
        }

        void add(float[] values) {
            if (size + values.length > data.length) {
                data = java.util.Arrays.copyOf(data, grow(size + values.length));
            }
            System.arraycopy(values, 0, data, size, values.length);
            size += values.length;
        }

        private int grow(int needed) {
            long n = Math.max((long) needed, data.length * 2L);
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a partition holds more than 2^31 feature values; repartition");
            }
            return (int) n;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
