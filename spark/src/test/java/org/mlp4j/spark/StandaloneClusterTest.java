package org.mlp4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.datasets.Digits;
import org.mlp4j.datasets.LoadedData;
import org.mlp4j.spark.train.VectorFloats;

/**
 * Training on a standalone cluster of a master and two workers in their own JVMs: tasks, closures, broadcasts and
 * results really cross process boundaries, and mlp4j's classes reach the executors through {@code spark.jars}.
 */
class StandaloneClusterTest {
    @TempDir
    static Path dir;
    private static StandaloneCluster cluster;
    private static SparkSession spark;
    private static LoadedData digits;
    private static float[] localAveraging;
    private static float[] localBarrier;

    static Mlp4jClassifier classifier() {
        return Mlp4jClassifierTest.digitsClassifier().setMaxIter(3);
    }

    @BeforeAll
    static void start() throws Exception {
        digits = Digits.load();
        // the reference: the same partitioning and seed in local[2], in this JVM
        SparkSession local = LocalSpark.start("StandaloneClusterTest-local");
        try {
            Dataset<Row> train = Frames.of(local, digits.data(), 2, 16);
            localAveraging = Mlp4jClassifierTest.parameters(classifier().fit(train));
            localBarrier = Mlp4jClassifierTest.parameters(classifier().setMaxIter(1).setBatchSize(256)
                    .setStrategy("barrier").fit(train));
        } finally {
            local.stop();
        }
        cluster = new StandaloneCluster(dir, 2);
        spark = SparkSession.builder()
                .master(cluster.masterUrl)
                .appName("StandaloneClusterTest")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.jars", cluster.mlp4jJars)
                .config("spark.executor.extraClassPath", cluster.sparkClassPath)
                .config("spark.executor.extraJavaOptions", cluster.executorJavaOptions())
                .config("spark.executor.memory", "512m")
                .config("spark.executor.cores", "1")
                .config("spark.cores.max", "2")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        awaitExecutors(2);
    }

    private static void awaitExecutors(int count) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (spark.sparkContext().statusTracker().getExecutorInfos().length < count + 1) { // + the driver
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + count + " executors after 180 s\n" + cluster.logTails());
            }
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (spark != null) {
                spark.stop();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void tasksRunInTwoExecutorJvmsOtherThanTheDriver() {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Long> pids = sc.parallelize(List.of(0, 1, 2, 3), 2)
                .map(i -> {
                    Thread.sleep(300); // keep both executors busy so each gets a task
                    return ProcessHandle.current().pid();
                }).collect();
        Set<Long> distinct = new HashSet<>(pids);
        assertTrue(!distinct.contains(ProcessHandle.current().pid()), "tasks ran in the driver");
        assertEquals(2, distinct.size(), "executor pids " + distinct);
    }

    @Test
    void parameterAveragingOnTheClusterGivesTheLocalModeModel() {
        Dataset<Row> train = Frames.of(spark, digits.data(), 2, 16);
        Mlp4jClassificationModel model = classifier().fit(train);
        assertArrayEquals(localAveraging, Mlp4jClassifierTest.parameters(model));
    }

    @Test
    void barrierTrainingOnTheClusterGivesTheLocalModeModel() {
        Dataset<Row> train = Frames.of(spark, digits.data(), 2, 16);
        Mlp4jClassificationModel model = classifier().setMaxIter(1).setBatchSize(256).setStrategy("barrier").fit(train);
        assertArrayEquals(localBarrier, Mlp4jClassifierTest.parameters(model));
    }

    @Test
    void executorsTransformWithTheModelTheDriverHolds() throws Exception {
        Dataset<Row> train = Frames.of(spark, digits.data(), 2, 16);
        Dataset<Row> test = Frames.of(spark, digits.test(), 2, 16);
        Mlp4jClassificationModel model = classifier().fit(train);
        List<Row> rows = model.transform(test).select("features", "probability", "prediction").collectAsList();
        assertEquals(digits.test().rows(), rows.size());
        for (Row r : rows) {
            float[] p = model.network().predict(VectorFloats.of(r.getAs(0)), 1);
            double[] fromExecutor = ((Vector) r.getAs(1)).toArray();
            for (int i = 0; i < p.length; i++) {
                assertEquals(p[i], fromExecutor[i], 1e-5);
            }
        }
        String path = dir.resolve("saved").toString();
        model.write().save(path);
        for (Row r : Mlp4jClassificationModel.load(path).transform(test).select("features", "prediction")
                .collectAsList()) {
            assertEquals(model.network().classify(VectorFloats.of(r.getAs(0)), 1)[0], r.getDouble(1));
        }
    }
}
