package org.mlp4j.spark.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.mlp4j.engine.train.LearningRateSchedule;

/**
 * {@link Strategy#GRADIENTS}: one Spark job per global step. Each task adds up {@code rows·gradient} of its slice;
 * the driver collects the per-partition sums and adds them in partition order (Spark's {@code treeAggregate} merges
 * partial results in the order tasks finish, which would make the float sums, and so the model, depend on
 * scheduling), then applies the update. The task keeps its network and trainer between steps in a per-executor
 * cache, so a step costs one broadcast, one backprop slice and one result — and a job's scheduling.
 */
final class GradientAggregation {
    private GradientAggregation() {
    }

    /** One partition's contribution to a step. */
    record Partial(int partition, int rows, double lossSum, float[] sum) implements java.io.Serializable {
    }

    static FitResult fit(JavaSparkContext sc, JavaRDD<PartitionBlock> blocks, TrainingConfig config, long totalRows) {
        long start = System.nanoTime();
        float[] params = FlatParameters.flatten(FlatParameters.arrays(config.newNetwork()));
        SummedUpdate update = new SummedUpdate(config, params);
        String fitId = java.util.UUID.randomUUID().toString();
        int steps = (int) Math.max(1, (totalRows + config.batchSize() - 1) / config.batchSize());
        LearningRateSchedule schedule = LearningRateSchedule.parse(config.schedule());
        double lr = config.stepSize();
        double[] epochLoss = new double[config.epochs()];
        int jobs = 0;
        try {
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                double lossSum = 0;
                for (int step = 0; step < steps; step++) {
                    Broadcast<float[]> p = sc.broadcast(update.parameters());
                    int e = epoch;
                    int s = step;
                    List<Partial> partials = new ArrayList<>(blocks.mapPartitionsWithIndex(
                            (index, it) -> partial(fitId, config, index, it, p.value(), e, s, steps), true).collect());
                    jobs++;
                    p.destroy();
                    partials.sort(Comparator.comparingInt(Partial::partition));
                    double[] sum = new double[params.length];
                    long rows = 0;
                    double stepLoss = 0;
                    for (Partial part : partials) {
                        float[] add = part.sum();
                        for (int i = 0; i < sum.length; i++) {
                            sum[i] += add[i];
                        }
                        rows += part.rows();
                        stepLoss += part.lossSum();
                    }
                    if (rows == 0) {
                        continue;
                    }
                    stepLoss /= rows;
                    if (!Double.isFinite(stepLoss)) {
                        throw new org.mlp4j.engine.train.DivergenceException(epoch + 1, step + 1, stepLoss, lr);
                    }
                    lossSum += stepLoss;
                    update.apply(sum, rows, lr);
                }
                epochLoss[epoch] = lossSum / steps;
                lr = schedule.next(config.stepSize(), lr, epoch + 1, config.epochs(), epochLoss[epoch]);
            }
        } finally {
            TaskCache.forget(fitId);
        }
        return new FitResult(update.parameters(), epochLoss, jobs, (System.nanoTime() - start) / 1e9);
    }

    private static Iterator<Partial> partial(String fitId, TrainingConfig config, int index,
                                             Iterator<PartitionBlock> it, float[] params, int epoch, int step,
                                             int steps) {
        if (!it.hasNext()) {
            return java.util.Collections.emptyIterator();
        }
        PartitionBlock block = it.next();
        SliceGradients worker = TaskCache.get(fitId, index, () -> new SliceGradients(config, index, block));
        double[] sum = new double[params.length];
        int[] count = new int[1];
        double loss;
        synchronized (worker) {
            loss = worker.accumulate(params, epoch, step, steps, sum, count);
        }
        // floats, as the barrier design sends them: both then add identical values and give identical models
        float[] out = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            out[i] = (float) sum[i];
        }
        return List.of(new Partial(index, count[0], loss, out)).iterator();
    }
}
