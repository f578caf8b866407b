package org.mlp4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlp4j.engine.data.Dataset;

/** Test data as Spark DataFrames: (features: Vector, label: double), in a given number of partitions. */
final class Frames {
    private Frames() {
    }

    static final StructType SCHEMA = new StructType()
            .add("features", SQLDataTypes.VectorType(), false)
            .add("label", DataTypes.DoubleType, false);

    /** The rows of {@code data} (class index or first target as the label), split into {@code partitions}. */
    static org.apache.spark.sql.Dataset<Row> of(SparkSession spark, Dataset data, int partitions) {
        return of(spark, data, partitions, 1);
    }

    /** As {@link #of(SparkSession, Dataset, int)}, features divided by {@code scale}. */
    static org.apache.spark.sql.Dataset<Row> of(SparkSession spark, Dataset data, int partitions, double scale) {
        List<Row> rows = new ArrayList<>(data.rows());
        int f = data.featureCount();
        for (int r = 0; r < data.rows(); r++) {
            double[] x = new double[f];
            for (int j = 0; j < f; j++) {
                x[j] = data.features()[r * f + j] / scale;
            }
            double label = data.isClassification() ? data.labels()[r] : data.targets()[r * data.targetWidth()];
            rows.add(RowFactory.create(Vectors.dense(x), label));
        }
        // round-robin over a local list: the same rows land in the same partitions in the same order every time
        return spark.createDataFrame(rows, SCHEMA).repartition(partitions);
    }
}
