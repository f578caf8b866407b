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
        float[] ys = y.toArray();
        if (classification) {
            int[] labels = new int[rows];
            for (int i = 0; i < rows; i++) {
                labels[i] = (int) ys[i];
            }
            return new PartitionBlock(rows, featureCount, x.toArray(), labels, null, outputs);
        }
        return new PartitionBlock(rows, featureCount, x.toArray(), null, ys, outputs);
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
