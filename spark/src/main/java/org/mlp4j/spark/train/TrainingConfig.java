package org.mlp4j.spark.train;

import java.io.Serializable;
import java.util.function.Supplier;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.NetworkBuilder;
import org.mlp4j.engine.train.Adagrad;
import org.mlp4j.engine.train.Adam;
import org.mlp4j.engine.train.LearningRateSchedule;
import org.mlp4j.engine.train.Momentum;
import org.mlp4j.engine.train.Optimizer;
import org.mlp4j.engine.train.RmsProp;
import org.mlp4j.engine.train.Sgd;
import org.mlp4j.engine.train.TrainingOptions;

/**
 * Everything a task needs to rebuild the network and its trainer on an executor: a plain serializable value, so the
 * closures Spark ships hold no estimator, no Spark object and no engine object (none of which are serializable).
 *
 * @param layers        widths, input first, output last (MLPC's {@code layers})
 * @param activation    hidden activation id ({@link Activation#parse})
 * @param output        output activation id
 * @param loss          loss id ({@link Loss#parse})
 * @param solver        optimizer name: sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad
 * @param momentum      momentum (momentum, nesterov) or β1 (adam, adamw)
 * @param epochs        passes over the data
 * @param batchSize     rows per global step (split across partitions in proportion to their rows)
 * @param stepSize      initial learning rate
 * @param schedule      learning-rate schedule spec ({@link LearningRateSchedule#parse})
 * @param l2            L2 penalty coefficient on the weights
 * @param weightDecay   decoupled weight decay
 * @param dropout       dropout rate on hidden layers
 * @param seed          initialisation, shuffling and dropout seed
 * @param threads       mlp4j threads inside each task (Spark's {@code spark.task.cpus})
 */
public record TrainingConfig(int[] layers, String activation, String output, String loss, String solver,
                             double momentum, int epochs, int batchSize, double stepSize, String schedule, double l2,
                             double weightDecay, double dropout, long seed, int threads) implements Serializable {

    public TrainingConfig {
        if (layers == null || layers.length < 2) {
            throw new IllegalArgumentException("layers needs at least an input and an output width");
        }
        for (int w : layers) {
            if (w < 1) {
                throw new IllegalArgumentException("layer widths must be positive");
            }
        }
        layers = layers.clone();
        Activation.parse(activation);
        Activation.parse(output);
        Loss.parse(loss);
        LearningRateSchedule.parse(schedule);
        optimizer(solver, momentum); // validates both
        if (epochs < 0 || batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("epochs ≥ 0, batchSize ≥ 1 and threads ≥ 1 are required");
        }
    }

    public int inputs() { return layers[0]; }
    public int outputs() { return layers[layers.length - 1]; }

    /** A fresh network with the seeded initialisation. */
    public Network newNetwork() {
        NetworkBuilder b = Network.builder(layers[0]);
        Activation hidden = Activation.parse(activation);
        for (int l = 1; l < layers.length - 1; l++) {
            b.dense(layers[l], hidden);
        }
        return b.dense(outputs(), Activation.parse(output)).loss(Loss.parse(loss)).seed(seed).build();
    }

    /** The optimizer factory, with PyTorch's defaults for what is not set (as the CLI). */
    public Supplier<Optimizer> optimizer() {
        return optimizer(solver, momentum);
    }

    private static Supplier<Optimizer> optimizer(String solver, double m) {
        switch (solver) {
            case "sgd": return Sgd::new;
            case "momentum": new Momentum(m, false); return () -> new Momentum(m, false);
            case "nesterov": new Momentum(m, true); return () -> new Momentum(m, true);
            case "adam": new Adam(m, 0.999, 1e-8, false); return () -> new Adam(m, 0.999, 1e-8, false);
            case "adamw": new Adam(m, 0.999, 1e-8, true); return () -> new Adam(m, 0.999, 1e-8, true);
            case "rmsprop": return () -> new RmsProp(0.99, 1e-8);
            case "adagrad": return () -> new Adagrad(1e-10);
            default: throw new IllegalArgumentException(
                    "solver must be one of sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad, got '" + solver + "'");
        }
    }

    /**
     * Options for a trainer inside one task: {@code epochs} local passes at learning rate {@code lr} (the driver
     * runs the schedule), a per-task seed so that partitions shuffle and drop out differently but reproducibly.
     */
    public TrainingOptions localOptions(int localEpochs, int localBatch, double lr, long taskSeed, boolean withDecay) {
        return TrainingOptions.builder()
                .optimizer(optimizer()).learningRate(lr).batchSize(localBatch).epochs(localEpochs).seed(taskSeed)
                .threads(threads).l2(l2).weightDecay(withDecay ? weightDecay : 0).dropout(dropout)
                .build();
    }

    /** Seed of a task: a SplitMix64 step of (seed, round, partition), so no two tasks share a random stream. */
    public long taskSeed(long round, int partition) {
        long z = seed + 0x9E3779B97F4A7C15L * (round * 1_000_003L + partition + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
