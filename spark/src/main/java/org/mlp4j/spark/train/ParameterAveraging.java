package org.mlp4j.spark.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.train.EpochStats;
import org.mlp4j.engine.train.History;
import org.mlp4j.engine.train.LearningRateSchedule;
import org.mlp4j.engine.train.Optimizer;
import org.mlp4j.engine.train.Trainer;

/**
 * {@link Strategy#AVERAGING}: rounds of {@code localEpochs} epochs trained inside each task by mlp4j's own
 * {@link Trainer} (all its threads, its fused update) on batches of the partition's share of {@code batchSize},
 * then the driver averages parameters and optimizer state
 * weighted by rows. Results are collected and summed in partition order, so the model depends on the partitioning
 * and the seed, never on which task finished first.
 */
final class ParameterAveraging {
    private ParameterAveraging() {
    }

    static FitResult fit(JavaSparkContext sc, JavaRDD<PartitionBlock> blocks, TrainingConfig config, int localEpochs,
                         long totalRows) {
        long start = System.nanoTime();
        float[] params = FlatParameters.flatten(FlatParameters.arrays(config.newNetwork()));
        float[] state = null;
        long steps = 0;
        LearningRateSchedule schedule = LearningRateSchedule.parse(config.schedule());
        double lr = config.stepSize();
        double[] epochLoss = new double[config.epochs()];
        int jobs = 0;
        for (int done = 0; done < config.epochs(); ) {
            int epochs = Math.min(localEpochs, config.epochs() - done);
            int round = done;
            double roundLr = lr;
            Broadcast<float[]> p = sc.broadcast(params);
            Broadcast<float[]> s = sc.broadcast(state);
            long stepsSoFar = steps;
            List<TaskResult> results = new ArrayList<>(blocks.mapPartitionsWithIndex(
                    (index, it) -> local(config, index, it, p.value(), s.value(), stepsSoFar, epochs, round, roundLr,
                            totalRows),
                    true).collect());
            jobs++;
            p.destroy();
            s.destroy();
            results.sort(Comparator.comparingInt(TaskResult::partition));
            if (results.isEmpty()) {
                throw new IllegalArgumentException("no rows to train on");
            }
            params = average(results, true);
            state = average(results, false);
            steps = results.stream().mapToLong(TaskResult::steps).max().orElse(0);
            double lossSum = 0;
            long batches = 0;
            for (TaskResult r : results) {
                lossSum += r.lossSum();
                batches += r.batches();
            }
            double loss = lossSum / Math.max(1, batches);
            for (int e = 0; e < epochs; e++) {
                epochLoss[done + e] = loss;
                lr = schedule.next(config.stepSize(), lr, done + e + 1, config.epochs(), loss);
            }
            done += epochs;
        }
        return new FitResult(params, epochLoss, jobs, (System.nanoTime() - start) / 1e9);
    }

    private static Iterator<TaskResult> local(TrainingConfig config, int index, Iterator<PartitionBlock> it,
                                              float[] params, float[] state, long steps, int epochs, int round,
                                              double lr, long totalRows) {
        if (!it.hasNext()) {
            return java.util.Collections.emptyIterator();
        }
        PartitionBlock block = it.next();
        if (block.rows() == 0) {
            return java.util.Collections.emptyIterator();
        }
        Network net = FlatParameters.network(config, params);
        // the partition's share of the global batch: every partition then takes about totalRows/batchSize steps
        // an epoch, and averaging P replicas after k steps each approximates k steps on P·(share) = batchSize rows
        int batch = (int) Math.max(1, Math.round((double) config.batchSize() * block.rows() / totalRows));
        Trainer trainer = new Trainer(net, config.localOptions(epochs, batch, lr, config.taskSeed(round, index), true));
        Optimizer optimizer = trainer.optimizer();
        if (state != null) {
            float[][] own = optimizer.state();
            FlatParameters.unflatten(state, own);
            optimizer.restore(own, steps);
        }
        History history = trainer.fit(block.dataset());
        double lossSum = 0;
        int batches = 0;
        int perEpoch = (block.rows() + batch - 1) / batch;
        for (EpochStats e : history.epochs()) {
            lossSum += e.loss() * perEpoch;
            batches += perEpoch;
        }
        return List.of(new TaskResult(index, block.rows(), FlatParameters.flatten(FlatParameters.arrays(net)),
                FlatParameters.flatten(optimizer.state()), optimizer.steps(), lossSum, batches)).iterator();
    }

    /** Row-weighted mean of the tasks' parameters (or optimizer states), summed in double, in partition order. */
    private static float[] average(List<TaskResult> results, boolean parameters) {
        int n = (parameters ? results.get(0).parameters() : results.get(0).state()).length;
        double[] sum = new double[n];
        long rows = 0;
        for (TaskResult r : results) {
            float[] v = parameters ? r.parameters() : r.state();
            for (int i = 0; i < n; i++) {
                sum[i] += (double) v[i] * r.rows();
            }
            rows += r.rows();
        }
        float[] mean = new float[n];
        for (int i = 0; i < n; i++) {
            mean[i] = (float) (sum[i] / rows);
        }
        return mean;
    }
}
