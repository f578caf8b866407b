package org.mlp4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.MinMaxScaler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.datasets.Digits;
import org.mlp4j.datasets.LoadedData;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.formats.model.ModelReader;

/** Pipelines, CrossValidator, save/load round trips, the model file inside a saved model, and the regressor. */
class PipelinesAndPersistenceTest {
    private static SparkSession spark;
    private static Dataset<Row> train;
    private static Dataset<Row> test;
    private static LoadedData digits;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        spark = LocalSpark.start("PipelinesAndPersistenceTest");
        digits = Digits.load();
        train = Frames.of(spark, digits.data(), 2, 16).cache();
        test = Frames.of(spark, digits.test(), 2, 16).cache();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static List<Row> predictions(org.apache.spark.ml.Transformer model, Dataset<Row> data) {
        return model.transform(data).select("prediction", "probability").collectAsList();
    }

    @Test
    void aSavedModelLoadsWithItsParamsAndPredictsTheSame() throws Exception {
        Mlp4jClassificationModel model = Mlp4jClassifierTest.digitsClassifier().setMaxIter(3).fit(train)
                .setProbabilityCol("p");
        String path = dir.resolve("model").toString();
        model.write().overwrite().save(path);
        Mlp4jClassificationModel loaded = Mlp4jClassificationModel.load(path);
        assertEquals(model.uid(), loaded.uid());
        assertEquals("p", loaded.getProbabilityCol());
        assertEquals(model.transform(test).select("prediction", "p").collectAsList(),
                loaded.transform(test).select("prediction", "p").collectAsList());
        model.write().overwrite().save(path); // overwrite replaces it
        assertEquals(model.uid(), Mlp4jClassificationModel.load(path).uid());
    }

    @Test
    void theSavedModelDirectoryHoldsAnMlp4jModelFileTheLibraryReads() throws Exception {
        Mlp4jClassificationModel model = Mlp4jClassifierTest.digitsClassifier().setMaxIter(3).fit(train);
        String path = dir.resolve("model").toString();
        model.write().save(path);
        ModelFile file = ModelReader.read(Path.of(path, "model.json"));
        org.mlp4j.engine.data.Dataset raw = digits.test();
        float[] x = raw.features().clone();
        for (int i = 0; i < x.length; i++) {
            x[i] /= 16;
        }
        int[] fromFile = file.network().classify(x, raw.rows());
        int[] fromModel = model.network().classify(x, raw.rows());
        assertArrayEquals(fromModel, fromFile);
        assertEquals(10, file.classNames().size());
        assertTrue(file.metrics().containsKey("loss"));
    }

    @Test
    void anEstimatorSavesAndLoadsItsParams() throws Exception {
        Mlp4jClassifier c = Mlp4jClassifierTest.digitsClassifier().setDropout(0.2).setSchedule("step:0.9");
        String path = dir.resolve("estimator").toString();
        c.write().save(path);
        Mlp4jClassifier loaded = Mlp4jClassifier.load(path);
        assertArrayEquals(c.getLayers(), loaded.getLayers());
        assertEquals(0.2, loaded.getDropout());
        assertEquals("step:0.9", loaded.getSchedule());
        assertEquals("momentum", loaded.getSolver());
        assertEquals(7L, loaded.getSeed());
    }

    @Test
    void worksAsAPipelineStageAndThePipelineModelRoundTrips() throws Exception {
        // raw 0..16 pixels: the scaler in the pipeline does what the other tests do by hand
        Dataset<Row> rawTrain = Frames.of(spark, digits.data(), 2);
        Dataset<Row> rawTest = Frames.of(spark, digits.test(), 2);
        MinMaxScaler scaler = new MinMaxScaler().setInputCol("features").setOutputCol("scaled");
        Mlp4jClassifier mlp = Mlp4jClassifierTest.digitsClassifier().setFeaturesCol("scaled").setAveragingEpochs(5);
        PipelineModel model = new Pipeline().setStages(new PipelineStage[] {scaler, mlp}).fit(rawTrain);
        double acc = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(model.transform(rawTest));
        assertTrue(acc > 0.9, "pipeline accuracy " + acc);
        String path = dir.resolve("pipeline").toString();
        model.write().overwrite().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        assertInstanceOf(Mlp4jClassificationModel.class, loaded.stages()[1]);
        assertEquals(predictions(model, rawTest), predictions(loaded, rawTest));
    }

    @Test
    void crossValidatorPicksAmongSettingsAndItsModelRoundTrips() throws Exception {
        Mlp4jClassifier mlp = Mlp4jClassifierTest.digitsClassifier().setMaxIter(4);
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(mlp.stepSize(), new double[] {1e-4, 0.1})
                .build();
        CrossValidator cv = new CrossValidator().setEstimator(mlp).setEstimatorParamMaps(grid)
                .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy"))
                .setNumFolds(2).setSeed(3);
        CrossValidatorModel model = cv.fit(train);
        double[] metrics = model.avgMetrics();
        assertTrue(metrics[1] > metrics[0], "lr 0.1 beats lr 1e-4 over 4 epochs: " + java.util.Arrays.toString(metrics));
        Mlp4jClassificationModel best = (Mlp4jClassificationModel) model.bestModel();
        assertEquals(0.1, ((Mlp4jClassifier) best.parent()).getStepSize());
        String path = dir.resolve("cv").toString();
        model.write().overwrite().save(path);
        CrossValidatorModel loaded = CrossValidatorModel.load(path);
        assertEquals(predictions(model, test), predictions(loaded, test));
    }

    @Test
    void theRegressorFitsASmoothFunctionAndRoundTrips() throws Exception {
        Dataset<Row> data = Frames.of(spark, Waves.data(2000, 3, 11), 2);
        Dataset<Row>[] split = data.randomSplit(new double[] {0.8, 0.2}, 5);
        Mlp4jRegressor mlp = new Mlp4jRegressor().setLayers(new int[] {3, 32, 32, 1}).setSolver("adam")
                .setStepSize(3e-3).setBatchSize(32).setMaxIter(40).setAveragingEpochs(10).setSeed(2);
        Mlp4jRegressionModel model = mlp.fit(split[0]);
        RegressionEvaluator r2 = new RegressionEvaluator().setMetricName("r2");
        double score = r2.evaluate(model.transform(split[1]));
        assertTrue(score > 0.9, "R² " + score);
        String path = dir.resolve("regressor").toString();
        model.write().save(path);
        Mlp4jRegressionModel loaded = Mlp4jRegressionModel.load(path);
        assertEquals(model.transform(split[1]).select("prediction").collectAsList(),
                loaded.transform(split[1]).select("prediction").collectAsList());
        assertEquals(1, ModelReader.read(Path.of(path, "model.json")).network().outputs());
        assertTrue(Files.isDirectory(Path.of(path, "metadata")));
    }
}
