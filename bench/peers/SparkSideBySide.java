import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlp4j.formats.ReadOptions;
import org.mlp4j.formats.idx.IdxDatasets;
import org.mlp4j.spark.Mlp4jClassificationModel;
import org.mlp4j.spark.Mlp4jClassifier;

/**
 * Side by side in one Spark session on the same Fashion-MNIST DataFrame: mlp4j's Mlp4jClassifier against Spark
 * MLlib's MultilayerPerceptronClassifier, same layers; and (--designs) mlp4j's three distributed designs.
 * Run by bench/peers/spark_side_by_side.sh, which builds the class path.
 *
 * Options: --master local[2] --partitions 2 --rows 20000 --epochs 10 --mlpc-iters 100 (0: skip MLPC) --seed 1
 *          --scale max|standard (max: pixels / 255; standard: then Spark's StandardScaler, fitted on the training
 *          rows, for both classifiers)
 *          --schedule constant|cosine|step:F[:N]|exp:G|plateau:F:P (mlp4j's learning-rate schedule; default constant)
 *          --designs (compare averaging / gradients / barrier) --sync-epochs 2 (epochs for the synchronous designs)
 */
public class SparkSideBySide {
    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("master", "local[2]", "partitions", "2", "rows", "20000",
                "epochs", "10", "mlpc-iters", "100", "sync-epochs", "2", "data", "/usr/share/datasets/fashion-mnist",
                "seed", "1", "scale", "max", "schedule", "constant"));
        boolean designs = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--designs")) {
                designs = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                o.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        SparkSession spark = SparkSession.builder().master(o.get("master")).appName("SparkSideBySide")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        int partitions = Integer.parseInt(o.get("partitions"));
        Path data = Path.of(o.get("data"));
        Dataset<Row> train = frame(spark, data.resolve("train-images-idx3-ubyte.gz"), Integer.parseInt(o.get("rows")),
                partitions).cache();
        Dataset<Row> test = frame(spark, data.resolve("t10k-images-idx3-ubyte.gz"), Integer.MAX_VALUE, partitions).cache();
        System.out.printf(Locale.ROOT, "data: %d training rows, %d test rows, %d partitions, master %s, %d cores, %s %s%n",
                train.count(), test.count(), partitions, o.get("master"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        if (o.get("scale").equals("standard")) {
            StandardScalerModel scaler = new StandardScaler().setInputCol("features").setOutputCol("scaled")
                    .setWithMean(true).setWithStd(true).fit(train);
            train = scaler.transform(train).drop("features").withColumnRenamed("scaled", "features").cache();
            test = scaler.transform(test).drop("features").withColumnRenamed("scaled", "features").cache();
        } else if (!o.get("scale").equals("max")) {
            throw new IllegalArgumentException("--scale must be max or standard, not " + o.get("scale"));
        }
        long seed = Long.parseLong(o.get("seed"));
        System.out.printf(Locale.ROOT, "inputs: %s scaling, seed %d%n", o.get("scale"), seed);
        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
        int[] layers = {784, 128, 64, 10};
        int epochs = Integer.parseInt(o.get("epochs"));

        if (!designs) {
            Mlp4jClassifier mlp4j = sgd(layers, epochs, seed, o.get("schedule"));
            long t0 = System.nanoTime();
            Mlp4jClassificationModel m = mlp4j.fit(train);
            double mlp4jSeconds = (System.nanoTime() - t0) / 1e9;
            double mlp4jAcc = accuracy.evaluate(m.transform(test));
            Path dir = Files.createTempDirectory("mlp4j-spark-model");
            m.write().overwrite().save(dir.toString());
            double reloadedAcc = accuracy.evaluate(Mlp4jClassificationModel.load(dir.toString()).transform(test));
            System.out.printf(Locale.ROOT, "mlp4j   %d epochs SGD lr 0.1 (%s) batch 128: fit %.2f s, "
                    + "test accuracy %.4f, reloaded %.4f (%s/model.json)%n", epochs, o.get("schedule"), mlp4jSeconds,
                    mlp4jAcc, reloadedAcc, dir);
            int iters = Integer.parseInt(o.get("mlpc-iters"));
            if (iters > 0) {
                MultilayerPerceptronClassifier mlpc = new MultilayerPerceptronClassifier().setLayers(layers)
                        .setMaxIter(iters).setSolver("l-bfgs").setBlockSize(128).setSeed(seed);
                t0 = System.nanoTime();
                MultilayerPerceptronClassificationModel mm = mlpc.fit(train);
                double mlpcSeconds = (System.nanoTime() - t0) / 1e9;
                double mlpcAcc = accuracy.evaluate(mm.transform(test));
                System.out.printf(Locale.ROOT, "MLPC    %d L-BFGS iterations: fit %.2f s, test accuracy %.4f%n", iters,
                        mlpcSeconds, mlpcAcc);
                System.out.printf(Locale.ROOT, "mlp4j is %.1fx faster, accuracy %+.4f%n", mlpcSeconds / mlp4jSeconds,
                        mlp4jAcc - mlpcAcc);
                System.out.printf(Locale.ROOT, "{\"mlp4j_seconds\": %.3f, \"mlp4j_accuracy\": %.4f, "
                        + "\"mlp4j_reloaded_accuracy\": %.4f, \"mlpc_seconds\": %.3f, \"mlpc_accuracy\": %.4f}%n",
                        mlp4jSeconds, mlp4jAcc, reloadedAcc, mlpcSeconds, mlpcAcc);
            }
        } else {
            int syncEpochs = Integer.parseInt(o.get("sync-epochs"));
            for (String strategy : List.of("averaging", "gradients", "barrier")) {
                int e = strategy.equals("averaging") ? epochs : syncEpochs;
                for (int k = 1; k <= e; k = strategy.equals("averaging") ? k + 1 : e + 1) {
                    int run = strategy.equals("averaging") ? k : e;
                    Mlp4jClassifier c = sgd(layers, run, seed, o.get("schedule")).setStrategy(strategy);
                    long t0 = System.nanoTime();
                    Mlp4jClassificationModel m = c.fit(train);
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(Locale.ROOT, "%-9s %2d epochs: fit %7.2f s (%5.2f s/epoch, %4d Spark jobs), "
                            + "test accuracy %.4f%n", strategy, run, s, s / run, m.modelFile().metrics().get("spark_jobs"),
                            accuracy.evaluate(m.transform(test)));
                }
            }
        }
        spark.stop();
    }

    /** The recipe: SGD, lr 0.1 (under {@code schedule}), batch 128, {@code epochs} epochs. */
    static Mlp4jClassifier sgd(int[] layers, int epochs, long seed, String schedule) {
        return new Mlp4jClassifier().setLayers(layers).setMaxIter(epochs).setSolver("sgd").setStepSize(0.1)
                .setBatchSize(128).setSeed(seed).setSchedule(schedule);
    }

    /** The first {@code limit} rows of an IDX image file (pixels / 255) as (features, label). */
    static Dataset<Row> frame(SparkSession spark, Path images, int limit, int partitions) throws Exception {
        org.mlp4j.engine.data.Dataset d = IdxDatasets.read(images, ReadOptions.defaults());
        int rows = Math.min(limit, d.rows());
        int f = d.featureCount();
        List<Row> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            double[] x = new double[f];
            for (int j = 0; j < f; j++) {
                x[j] = d.features()[r * f + j] / 255.0;
            }
            out.add(RowFactory.create(Vectors.dense(x), (double) d.labels()[r]));
        }
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), false)
                .add("label", DataTypes.DoubleType, false);
        return spark.createDataFrame(out, schema).repartition(partitions);
    }
}
