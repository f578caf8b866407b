package org.mlp4j.spark.train;

import org.mlp4j.engine.Network;
import org.mlp4j.engine.Rng;
import org.mlp4j.engine.Targets;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.train.Trainer;

/**
 * A task's side of the synchronous designs: for global step {@code s} of an epoch of {@code steps}, the gradient
 * (times its row count) of this partition's slice {@code [s·n/steps, (s+1)·n/steps)} of its rows, in an order
 * reshuffled each epoch from the task seed. The slices of all partitions add up to a global batch of about
 * {@code batchSize} rows, with each partition contributing in proportion to its size.
 */
final class SliceGradients {
    private final TrainingConfig config;
    private final int partition;
    private final Dataset data;
    private final Targets targets;
    private final Network network;
    private final float[][] parameters;
    private final Trainer trainer;
    private final GradientCapture capture = new GradientCapture();
    private final int[] order;
    private int shuffledEpoch = -1;

    SliceGradients(TrainingConfig config, int partition, PartitionBlock block) {
        this.config = config;
        this.partition = partition;
        this.data = block.dataset();
        this.network = config.newNetwork();
        this.targets = Targets.of(data, network.outputs());
        this.parameters = FlatParameters.arrays(network);
        // weight decay and clipping act on the summed gradient, on the driver (or every replica)
        this.trainer = new Trainer(network, org.mlp4j.engine.train.TrainingOptions.builder()
                .optimizer(() -> capture).learningRate(config.stepSize()).batchSize(config.batchSize())
                .epochs(1).seed(config.taskSeed(0, partition)).threads(config.threads()).l2(config.l2())
                .dropout(config.dropout()).build());
        this.order = new int[data.rows()];
    }

    int rows() {
        return data.rows();
    }

    /**
     * Sets the parameters, runs backprop on the slice of step {@code step} of epoch {@code epoch} and adds
     * {@code rows·gradient} into {@code sum} (flat); returns {@code rows·loss}, or 0 for an empty slice.
     */
    double accumulate(float[] flatParameters, int epoch, int step, int steps, double[] sum, int[] countOut) {
        int n = data.rows();
        int from = (int) ((long) n * step / steps);
        int to = (int) ((long) n * (step + 1) / steps);
        countOut[0] = to - from;
        if (to == from) {
            return 0;
        }
        if (shuffledEpoch != epoch) {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            new Rng(config.taskSeed(epoch, partition)).shuffle(order);
            shuffledEpoch = epoch;
        }
        FlatParameters.unflatten(flatParameters, parameters);
        // dropout masks from a stream fixed by (epoch, step, partition): a task rerun elsewhere draws the same ones
        trainer.rng().restore(config.taskSeed((long) epoch * steps + step + 1, partition));
        double loss = trainer.trainOnBatch(data, targets, order, from, to - from);
        int count = to - from;
        int at = 0;
        for (float[] g : capture.gradients()) {
            for (float v : g) {
                sum[at++] += (double) v * count;
            }
        }
        return loss * count;
    }
}
