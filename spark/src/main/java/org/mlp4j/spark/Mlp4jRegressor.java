package org.mlp4j.spark;

import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.mlp4j.engine.Network;
import org.mlp4j.spark.train.DistributedTrainer;
import org.mlp4j.spark.train.FitResult;
import org.mlp4j.spark.train.FlatParameters;
import org.mlp4j.spark.train.TrainingConfig;

/**
 * A Spark ML estimator that trains an mlp4j multilayer perceptron regressor (one output unit, identity output and
 * mean squared error by default), data-parallel over the partitions of the training DataFrame, as
 * {@link Mlp4jClassifier} does; Spark MLlib has no MLP regressor.
 *
 * <pre>{@code
 * Mlp4jRegressionModel model = new Mlp4jRegressor().setLayers(new int[] {13, 64, 1}).setSolver("adam")
 *         .setMaxIter(50).fit(train);          // "features" (Vector), "label" (double)
 * model.transform(test);                       // adds "prediction"
 * }</pre>
 */
public final class Mlp4jRegressor
        extends Regressor<Vector, Mlp4jRegressor, Mlp4jRegressionModel>
        implements Mlp4jParams, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private String uid;
    private final IntArrayParam layers = ParamDefs.layers(this);
    private final IntParam maxIter = ParamDefs.maxIter(this);
    private final IntParam batchSize = ParamDefs.batchSize(this);
    private final DoubleParam stepSize = ParamDefs.stepSize(this);
    private final Param<String> solver = ParamDefs.solver(this);
    private final DoubleParam momentum = ParamDefs.momentum(this);
    private final LongParam seed = ParamDefs.seed(this);
    private final Param<String> activation = ParamDefs.activation(this, "activation", "hidden-layer activation");
    private final Param<String> outputActivation = ParamDefs.activation(this, "outputActivation",
            "output activation (identity for unbounded targets; sigmoid for targets in (0, 1))");
    private final Param<String> loss = ParamDefs.loss(this);
    private final DoubleParam l2 = ParamDefs.l2(this);
    private final DoubleParam weightDecay = ParamDefs.weightDecay(this);
    private final DoubleParam dropout = ParamDefs.dropout(this);
    private final Param<String> schedule = ParamDefs.schedule(this);
    private final Param<String> strategy = ParamDefs.strategy(this);
    private final IntParam averagingEpochs = ParamDefs.averagingEpochs(this);
    private final IntParam threadsPerTask = ParamDefs.threadsPerTask(this);

    public Mlp4jRegressor() {
        this(Identifiable.randomUID("mlp4jr"));
    }

    public Mlp4jRegressor(String uid) {
        this(StageUid.hold(uid), null);
    }

    private Mlp4jRegressor(String uid, Void constructing) {
        super();
        this.uid = uid;
        StageUid.release();
        setDefault(maxIter, 10);
        setDefault(batchSize, 128);
        setDefault(solver, "sgd");
        setDefault(momentum, 0.9);
        setDefault(seed, (long) getClass().getName().hashCode());
        setDefault(activation, "relu");
        setDefault(outputActivation, "identity");
        setDefault(loss, "mse");
        setDefault(l2, 0.0);
        setDefault(weightDecay, 0.0);
        setDefault(dropout, 0.0);
        setDefault(schedule, "constant");
        setDefault(strategy, "averaging");
        setDefault(averagingEpochs, 1);
        setDefault(threadsPerTask, 0);
    }

    @Override
    public String uid() {
        return uid != null ? uid : StageUid.pending();
    }

    @Override public IntArrayParam layers() { return layers; }
    @Override public IntParam maxIter() { return maxIter; }
    @Override public IntParam batchSize() { return batchSize; }
    @Override public DoubleParam stepSize() { return stepSize; }
    @Override public Param<String> solver() { return solver; }
    @Override public DoubleParam momentum() { return momentum; }
    @Override public LongParam seed() { return seed; }
    @Override public Param<String> activation() { return activation; }
    @Override public Param<String> outputActivation() { return outputActivation; }
    @Override public Param<String> loss() { return loss; }
    @Override public DoubleParam l2() { return l2; }
    @Override public DoubleParam weightDecay() { return weightDecay; }
    @Override public DoubleParam dropout() { return dropout; }
    @Override public Param<String> schedule() { return schedule; }
    @Override public Param<String> strategy() { return strategy; }
    @Override public IntParam averagingEpochs() { return averagingEpochs; }
    @Override public IntParam threadsPerTask() { return threadsPerTask; }

    public Mlp4jRegressor setLayers(int[] value) { return (Mlp4jRegressor) set(layers, value.clone()); }
    /** Epochs (MLPC's name). */
    public Mlp4jRegressor setMaxIter(int value) { return (Mlp4jRegressor) set(maxIter, value); }
    public Mlp4jRegressor setBatchSize(int value) { return (Mlp4jRegressor) set(batchSize, value); }
    public Mlp4jRegressor setStepSize(double value) { return (Mlp4jRegressor) set(stepSize, value); }
    public Mlp4jRegressor setSolver(String value) { return (Mlp4jRegressor) set(solver, value); }
    public Mlp4jRegressor setMomentum(double value) { return (Mlp4jRegressor) set(momentum, value); }
    public Mlp4jRegressor setSeed(long value) { return (Mlp4jRegressor) set(seed, value); }
    public Mlp4jRegressor setActivation(String value) { return (Mlp4jRegressor) set(activation, value); }
    public Mlp4jRegressor setOutputActivation(String value) { return (Mlp4jRegressor) set(outputActivation, value); }
    public Mlp4jRegressor setLoss(String value) { return (Mlp4jRegressor) set(loss, value); }
    public Mlp4jRegressor setL2(double value) { return (Mlp4jRegressor) set(l2, value); }
    public Mlp4jRegressor setWeightDecay(double value) { return (Mlp4jRegressor) set(weightDecay, value); }
    public Mlp4jRegressor setDropout(double value) { return (Mlp4jRegressor) set(dropout, value); }
    public Mlp4jRegressor setSchedule(String value) { return (Mlp4jRegressor) set(schedule, value); }
    public Mlp4jRegressor setStrategy(String value) { return (Mlp4jRegressor) set(strategy, value); }
    public Mlp4jRegressor setAveragingEpochs(int value) { return (Mlp4jRegressor) set(averagingEpochs, value); }
    public Mlp4jRegressor setThreadsPerTask(int value) { return (Mlp4jRegressor) set(threadsPerTask, value); }

    @Override
    public Mlp4jRegressionModel train(Dataset<?> dataset) {
        TrainingConfig config = trainingConfig(dataset.sparkSession().sparkContext().getConf()
                .getInt("spark.task.cpus", 1));
        if (config.outputs() != 1) {
            throw new IllegalArgumentException("a regressor predicts one label: the last layer must have width 1, not "
                    + config.outputs());
        }
        FitResult result = DistributedTrainer.fit(dataset, getFeaturesCol(), getLabelCol(), config, strategyValue(),
                getAveragingEpochs(), false);
        Network network = FlatParameters.network(config, result.parameters());
        return new Mlp4jRegressionModel(uid(), network, result);
    }

    @Override
    public Mlp4jRegressor copy(ParamMap extra) {
        return (Mlp4jRegressor) defaultCopy(extra);
    }

    /** Reads an estimator saved with {@code write().save(path)} (its params only). */
    public static MLReader<Mlp4jRegressor> read() {
        return new DefaultParamsReader<>();
    }

    public static Mlp4jRegressor load(String path) {
        return read().load(path);
    }
}
