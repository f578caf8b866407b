package org.mlp4j.spark;

import org.apache.spark.ml.classification.ProbabilisticClassifier;
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
 * A Spark ML estimator that trains an mlp4j multilayer perceptron classifier, data-parallel over the partitions of
 * the training DataFrame (the counterpart of {@code MultilayerPerceptronClassifier}, with minibatches, modern
 * activations and optimizers, dropout and float32 kernels).
 *
 * <pre>{@code
 * Mlp4jClassifier mlp = new Mlp4jClassifier().setLayers(new int[] {784, 128, 64, 10})
 *         .setMaxIter(10).setBatchSize(128).setStepSize(0.1).setSolver("sgd").setSeed(1);
 * Mlp4jClassificationModel model = mlp.fit(train);   // columns "features" (Vector) and "label" (0 … k-1)
 * model.transform(test);                             // adds rawPrediction, probability, prediction
 * model.write().overwrite().save(path);              // path/model.json is an mlp4j model file
 * }</pre>
 *
 * <p>Hidden layers default to relu, the output layer to softmax with cross-entropy; labels are class indices
 * {@code 0 … k-1} where k is the last layer's width. Same partitioning and seed give the same model.
 */
public final class Mlp4jClassifier
        extends ProbabilisticClassifier<Vector, Mlp4jClassifier, Mlp4jClassificationModel>
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
            "output activation (softmax with ce; sigmoid with bce for one-vs-rest outputs)");
    private final Param<String> loss = ParamDefs.loss(this);
    private final DoubleParam l2 = ParamDefs.l2(this);
    private final DoubleParam weightDecay = ParamDefs.weightDecay(this);
    private final DoubleParam dropout = ParamDefs.dropout(this);
    private final Param<String> schedule = ParamDefs.schedule(this);
    private final Param<String> strategy = ParamDefs.strategy(this);
    private final IntParam averagingEpochs = ParamDefs.averagingEpochs(this);
    private final IntParam threadsPerTask = ParamDefs.threadsPerTask(this);

    public Mlp4jClassifier() {
        this(Identifiable.randomUID("mlp4jc"));
    }

    public Mlp4jClassifier(String uid) {
        this(StageUid.hold(uid), null);
    }

    private Mlp4jClassifier(String uid, Void constructing) {
        super();
        this.uid = uid;
        StageUid.release();
        setDefault(maxIter, 10);
        setDefault(batchSize, 128);
        setDefault(solver, "sgd");
        setDefault(momentum, 0.9);
        setDefault(seed, (long) getClass().getName().hashCode());
        setDefault(activation, "relu");
        setDefault(outputActivation, "softmax");
        setDefault(loss, "ce");
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

    public Mlp4jClassifier setLayers(int[] value) { return (Mlp4jClassifier) set(layers, value.clone()); }
    /** Epochs (MLPC's name). */
    public Mlp4jClassifier setMaxIter(int value) { return (Mlp4jClassifier) set(maxIter, value); }
    public Mlp4jClassifier setBatchSize(int value) { return (Mlp4jClassifier) set(batchSize, value); }
    public Mlp4jClassifier setStepSize(double value) { return (Mlp4jClassifier) set(stepSize, value); }
    public Mlp4jClassifier setSolver(String value) { return (Mlp4jClassifier) set(solver, value); }
    public Mlp4jClassifier setMomentum(double value) { return (Mlp4jClassifier) set(momentum, value); }
    public Mlp4jClassifier setSeed(long value) { return (Mlp4jClassifier) set(seed, value); }
    public Mlp4jClassifier setActivation(String value) { return (Mlp4jClassifier) set(activation, value); }
    public Mlp4jClassifier setOutputActivation(String value) { return (Mlp4jClassifier) set(outputActivation, value); }
    public Mlp4jClassifier setLoss(String value) { return (Mlp4jClassifier) set(loss, value); }
    public Mlp4jClassifier setL2(double value) { return (Mlp4jClassifier) set(l2, value); }
    public Mlp4jClassifier setWeightDecay(double value) { return (Mlp4jClassifier) set(weightDecay, value); }
    public Mlp4jClassifier setDropout(double value) { return (Mlp4jClassifier) set(dropout, value); }
    public Mlp4jClassifier setSchedule(String value) { return (Mlp4jClassifier) set(schedule, value); }
    public Mlp4jClassifier setStrategy(String value) { return (Mlp4jClassifier) set(strategy, value); }
    public Mlp4jClassifier setAveragingEpochs(int value) { return (Mlp4jClassifier) set(averagingEpochs, value); }
    public Mlp4jClassifier setThreadsPerTask(int value) { return (Mlp4jClassifier) set(threadsPerTask, value); }

    @Override
    public Mlp4jClassificationModel train(Dataset<?> dataset) {
        TrainingConfig config = trainingConfig(dataset.sparkSession().sparkContext().getConf()
                .getInt("spark.task.cpus", 1));
        if (config.outputs() < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 output units (one per class)");
        }
        FitResult result = DistributedTrainer.fit(dataset, getFeaturesCol(), getLabelCol(), config, strategyValue(),
                getAveragingEpochs(), true);
        Network network = FlatParameters.network(config, result.parameters());
        return new Mlp4jClassificationModel(uid(), network, result);
    }

    @Override
    public Mlp4jClassifier copy(ParamMap extra) {
        return (Mlp4jClassifier) defaultCopy(extra);
    }

    /** Reads an estimator saved with {@code write().save(path)} (its params only). */
    public static MLReader<Mlp4jClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static Mlp4jClassifier load(String path) {
        return read().load(path);
    }
}
