package org.mlp4j.spark;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.mlp4j.spark.train.Strategy;
import org.mlp4j.spark.train.TrainingConfig;

/**
 * The training params of the mlp4j estimators and their getters ({@link Mlp4jClassifier}, {@link Mlp4jRegressor};
 * the setters live on each estimator so that they return its own type).
 */
public interface Mlp4jParams extends Params {
    IntArrayParam layers();
    IntParam maxIter();
    IntParam batchSize();
    DoubleParam stepSize();
    Param<String> solver();
    DoubleParam momentum();
    LongParam seed();
    Param<String> activation();
    Param<String> outputActivation();
    Param<String> loss();
    DoubleParam l2();
    DoubleParam weightDecay();
    DoubleParam dropout();
    Param<String> schedule();
    Param<String> strategy();
    IntParam averagingEpochs();
    IntParam threadsPerTask();

    default int[] getLayers() { return ((int[]) getOrDefault(layers())).clone(); }
    default int getMaxIter() { return (Integer) getOrDefault(maxIter()); }
    default int getBatchSize() { return (Integer) getOrDefault(batchSize()); }
    default String getSolver() { return getOrDefault(solver()); }
    default double getMomentum() { return (Double) getOrDefault(momentum()); }
    default long getSeed() { return (Long) getOrDefault(seed()); }
    default String getActivation() { return getOrDefault(activation()); }
    default String getOutputActivation() { return getOrDefault(outputActivation()); }
    default String getLoss() { return getOrDefault(loss()); }
    default double getL2() { return (Double) getOrDefault(l2()); }
    default double getWeightDecay() { return (Double) getOrDefault(weightDecay()); }
    default double getDropout() { return (Double) getOrDefault(dropout()); }
    default String getSchedule() { return getOrDefault(schedule()); }
    default String getStrategy() { return getOrDefault(strategy()); }
    default int getAveragingEpochs() { return (Integer) getOrDefault(averagingEpochs()); }
    default int getThreadsPerTask() { return (Integer) getOrDefault(threadsPerTask()); }

    /** The learning rate: as set, else the solver's default (as the CLI's {@code --lr}). */
    default double getStepSize() {
        if (isDefined(stepSize())) {
            return (Double) getOrDefault(stepSize());
        }
        switch (getSolver()) {
            case "adam": case "adamw": return 1e-3;
            case "rmsprop": case "adagrad": return 1e-2;
            default: return 0.1;
        }
    }

    /** The settings as a task receives them; {@code taskCpus} is used when threadsPerTask is 0. */
    default TrainingConfig trainingConfig(int taskCpus) {
        if (!isDefined(layers())) {
            throw new IllegalArgumentException("set the layers (input width first, output width last) before fit");
        }
        int threads = getThreadsPerTask() > 0 ? getThreadsPerTask() : Math.max(1, taskCpus);
        return new TrainingConfig(getLayers(), getActivation(), getOutputActivation(), getLoss(), getSolver(),
                getMomentum(), getMaxIter(), getBatchSize(), getStepSize(), getSchedule(), getL2(), getWeightDecay(),
                getDropout(), getSeed(), threads);
    }

    default Strategy strategyValue() {
        return Strategy.parse(getStrategy());
    }
}
