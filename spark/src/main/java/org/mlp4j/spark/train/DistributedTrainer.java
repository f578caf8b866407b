package org.mlp4j.spark.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * Entry point of a distributed fit: packs each partition of (features, label) into one {@link PartitionBlock},
 * caches the blocks for the epochs, and runs the chosen {@link Strategy}. The input's partitioning is kept as it
 * is (repartition before {@code fit} to choose the parallelism): the same partitioning and seed give the same model.
 */
public final class DistributedTrainer {
    private DistributedTrainer() {
    }

    /**
     * @param data         the training rows
     * @param featuresCol  a Vector column
     * @param labelCol     a numeric column (class index, or the regression target)
     * @param localEpochs  epochs between averaging rounds ({@link Strategy#AVERAGING} only)
     */
    public static FitResult fit(Dataset<?> data, String featuresCol, String labelCol, TrainingConfig config,
                                Strategy strategy, int localEpochs, boolean classification) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        Dataset<Row> rows = data.select(functions.col(featuresCol),
                functions.col(labelCol).cast("double"));
        int inputs = config.inputs();
        int outputs = config.outputs();
        JavaRDD<PartitionBlock> blocks = rows.toJavaRDD()
                .mapPartitions(it -> java.util.List.of(PartitionBlock.pack(it, inputs, outputs, classification))
                        .iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long total = blocks.map(PartitionBlock::rows).fold(0, Integer::sum);
            if (total == 0) {
                throw new IllegalArgumentException("the training DataFrame has no rows");
            }
            switch (strategy) {
                case AVERAGING: return ParameterAveraging.fit(sc, blocks, config, localEpochs, total);
                case GRADIENTS: return GradientAggregation.fit(sc, blocks, config, total);
                case BARRIER: return BarrierExchange.fit(blocks, config, total);
                default: throw new IllegalStateException(strategy.toString());
            }
        } finally {
            blocks.unpersist(false);
        }
    }
}
