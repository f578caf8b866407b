package org.mlp4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlp4j.datasets.Digits;
import org.mlp4j.datasets.LoadedData;
import org.mlp4j.spark.train.FlatParameters;

/** The classifier in {@code local[2]}: training quality, MLPC's output columns, determinism, every strategy. */
class Mlp4jClassifierTest {
    private static SparkSession spark;
    private static Dataset<Row> train;
    private static Dataset<Row> test;

    @BeforeAll
    static void start() throws Exception {
        spark = LocalSpark.start("Mlp4jClassifierTest");
        LoadedData digits = Digits.load();
        train = Frames.of(spark, digits.data(), 2, 16).cache();
        test = Frames.of(spark, digits.test(), 2, 16).cache();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Mlp4jClassifier digitsClassifier() {
        return new Mlp4jClassifier().setLayers(new int[] {64, 32, 10}).setMaxIter(15).setBatchSize(32)
                .setStepSize(0.1).setSolver("momentum").setSeed(7);
    }

    static double accuracy(Dataset<Row> predictions) {
        return new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predictions);
    }

    @Test
    void learnsTheDigitsWithParameterAveraging() {
        Mlp4jClassificationModel model = digitsClassifier().fit(train);
        double acc = accuracy(model.transform(test));
        assertTrue(acc > 0.93, "test accuracy " + acc);
    }

    @Test
    void addsRawPredictionProbabilityAndPredictionLikeMlpc() {
        Mlp4jClassificationModel model = digitsClassifier().setMaxIter(2).fit(train);
        Dataset<Row> out = model.transform(test);
        assertTrue(List.of(out.columns()).containsAll(List.of("rawPrediction", "probability", "prediction")));
        for (Row r : out.select("rawPrediction", "probability", "prediction").limit(20).collectAsList()) {
            Vector raw = r.getAs(0);
            Vector p = r.getAs(1);
            double sum = 0;
            for (double v : p.toArray()) {
                assertTrue(v >= 0 && v <= 1);
                sum += v;
            }
            assertEquals(1.0, sum, 1e-9);
            assertEquals(raw.argmax(), p.argmax());
            assertEquals(p.argmax(), r.getDouble(2));
        }
        assertEquals(10, model.numClasses());
        assertEquals(64, model.numFeatures());
    }

    @Test
    void probabilitiesMatchTheNetworkOutputs() {
        Mlp4jClassificationModel model = digitsClassifier().setMaxIter(1).fit(train);
        Row first = model.transform(test).select("features", "probability").first();
        float[] x = org.mlp4j.spark.train.VectorFloats.of(first.getAs(0));
        float[] p = model.network().predict(x, 1);
        double[] fromSpark = ((Vector) first.getAs(1)).toArray();
        for (int i = 0; i < p.length; i++) {
            assertEquals(p[i], fromSpark[i], 1e-5);
        }
    }

    @Test
    void sameSeedAndPartitioningGiveTheSameModelForEveryStrategy() {
        for (String strategy : List.of("averaging", "gradients", "barrier")) {
            // large batches keep the synchronous designs to a few Spark jobs / barrier rounds
            Mlp4jClassifier c = digitsClassifier().setMaxIter(1).setBatchSize(256).setStrategy(strategy);
            float[] a = parameters(c.fit(train));
            float[] b = parameters(c.fit(train));
            assertArrayEquals(a, b, strategy);
        }
    }

    @Test
    void theTwoSynchronousDesignsComputeTheSameModel() {
        Mlp4jClassifier c = digitsClassifier().setMaxIter(2).setBatchSize(256).setSolver("adam").setStepSize(1e-3)
                .setDropout(0.1);
        float[] jobs = parameters(c.setStrategy("gradients").fit(train));
        float[] barrier = parameters(c.setStrategy("barrier").fit(train));
        assertArrayEquals(jobs, barrier);
    }

    @Test
    void theSynchronousDesignLearnsTheDigits() {
        Mlp4jClassificationModel model = digitsClassifier().setMaxIter(6).setBatchSize(256).setStepSize(0.3)
                .setStrategy("gradients").fit(train);
        double acc = accuracy(model.transform(test));
        assertTrue(acc > 0.85, "test accuracy " + acc);
        assertEquals(6 * 6, ((Number) model.modelFile().metrics().get("spark_jobs")).intValue(), "a job per step");
    }

    @Test
    void aDifferentSeedGivesADifferentModel() {
        float[] a = parameters(digitsClassifier().setMaxIter(1).fit(train));
        float[] b = parameters(digitsClassifier().setMaxIter(1).setSeed(8).fit(train));
        assertFalse(java.util.Arrays.equals(a, b));
    }

    @Test
    void dropoutL2AndAScheduleTrain() {
        Mlp4jClassificationModel model = digitsClassifier().setDropout(0.1).setL2(1e-4).setSchedule("cosine")
                .setActivation("tanh").fit(train);
        double acc = accuracy(model.transform(test));
        assertTrue(acc > 0.9, "test accuracy " + acc);
    }

    @Test
    void theScheduleSetsTheStepSizeOfEachAveragingRound() {
        // exp:1e-30 leaves the first round at 0.1 and every later one at ~1e-31: rounds 2 and 3 must then move no
        // parameter, while at a constant rate they do (plain SGD, so no velocity carries a step over)
        float[] oneRound = parameters(digitsClassifier().setSolver("sgd").setMaxIter(1).fit(train));
        float[] annealed = parameters(digitsClassifier().setSolver("sgd").setMaxIter(3).setSchedule("exp:1e-30")
                .fit(train));
        float[] constant = parameters(digitsClassifier().setSolver("sgd").setMaxIter(3).fit(train));
        assertArrayEquals(oneRound, annealed, 1e-6f);
        double moved = 0;
        for (int i = 0; i < oneRound.length; i++) {
            moved = Math.max(moved, Math.abs(constant[i] - oneRound[i]));
        }
        assertTrue(moved > 1e-3, "a constant rate moved the parameters by at most " + moved);
    }

    @Test
    void labelsOutsideTheOutputLayerAreRejected() {
        Mlp4jClassifier tooFew = digitsClassifier().setLayers(new int[] {64, 8});
        Exception e = assertThrows(Exception.class, () -> tooFew.fit(train));
        assertTrue(rootMessage(e).contains("not a class index in [0, 8)"), rootMessage(e));
    }

    @Test
    void featuresOfAnotherWidthAreRejected() {
        Mlp4jClassifier wrong = digitsClassifier().setLayers(new int[] {63, 10});
        Exception e = assertThrows(Exception.class, () -> wrong.fit(train));
        assertTrue(rootMessage(e).contains("the first layer takes 63"), rootMessage(e));
    }

    @Test
    void layersMustBeSet() {
        Exception e = assertThrows(IllegalArgumentException.class, () -> new Mlp4jClassifier().fit(train));
        assertTrue(e.getMessage().contains("set the layers"), e.getMessage());
    }

    @Test
    void invalidSettingsFailWhenSet() {
        assertThrows(IllegalArgumentException.class, () -> new Mlp4jClassifier().setSolver("lbfgs"));
        assertThrows(IllegalArgumentException.class, () -> new Mlp4jClassifier().setLayers(new int[] {5}));
        assertThrows(IllegalArgumentException.class, () -> new Mlp4jClassifier().setStrategy("ring"));
        assertThrows(IllegalArgumentException.class, () -> new Mlp4jClassifier().setDropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> new Mlp4jClassifier().setSchedule("sometimes"));
    }

    static float[] parameters(Mlp4jClassificationModel model) {
        return FlatParameters.flatten(FlatParameters.arrays(model.network()));
    }

    static String rootMessage(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
