package org.mlp4j.spark.train;

import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;

/** Spark's double vectors (dense or sparse) as the float rows the kernels take. */
public final class VectorFloats {
    private VectorFloats() {
    }

    public static float[] of(Vector v) {
        float[] x = new float[v.size()];
        if (v instanceof DenseVector d) {
            double[] values = d.values();
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) values[i];
            }
        } else {
            SparseVector s = (SparseVector) v;
            int[] idx = s.indices();
            double[] values = s.values();
            for (int i = 0; i < idx.length; i++) {
                x[idx[i]] = (float) values[i];
            }
        }
        return x;
    }

    /** {@link #of}, checked against the width a network takes. */
    public static float[] of(Vector v, int width) {
        if (v.size() != width) {
            throw new IllegalArgumentException("a features vector of size " + v.size() + ", the network takes " + width);
        }
        return of(v);
    }
}
