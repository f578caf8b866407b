package org.mlp4j.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.Network;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.spark.train.FitResult;

/**
 * A trained mlp4j classifier as a Spark ML {@code Transformer}: {@code transform} adds {@code rawPrediction} (the
 * output layer's pre-activations, MLPC's logits), {@code probability} and {@code prediction} columns, as
 * {@code MultilayerPerceptronClassificationModel} does. Saved models are a Spark model directory whose
 * {@code model.json} is an mlp4j model file ({@code ./mlp4j evaluate --model DIR/model.json}, {@code ModelReader}).
 */
public final class Mlp4jClassificationModel
        extends ProbabilisticClassificationModel<Vector, Mlp4jClassificationModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private String uid;
    private transient ModelFile file;
    private transient Network logits;

    Mlp4jClassificationModel(String uid, ModelFile file) {
        this(StageUid.hold(uid), file, null);
    }

    Mlp4jClassificationModel(String uid, Network network, FitResult result) {
        this(uid, new ModelFile(network, Dataset.numberedClasses(classCount(network)), null, null,
                metrics(result)));
    }

    private Mlp4jClassificationModel(String uid, ModelFile file, Void constructing) {
        super();
        this.uid = uid;
        StageUid.release();
        attach(file);
    }

    private void attach(ModelFile model) {
        Activation out = NetworkOutputs.outputActivation(model.network());
        if (out != Activation.SOFTMAX && out != Activation.SIGMOID) {
            throw new IllegalArgumentException("a classifier's output layer must be softmax or sigmoid, not " + out);
        }
        this.file = model;
        this.logits = NetworkOutputs.logits(model.network());
    }

    private static int classCount(Network network) {
        return network.outputs() == 1 ? 2 : network.outputs();
    }

    static Map<String, Object> metrics(FitResult result) {
        Map<String, Object> m = new LinkedHashMap<>();
        double[] loss = result.epochLoss();
        if (loss.length > 0) {
            m.put("loss", loss[loss.length - 1]);
        }
        m.put("spark_jobs", result.jobs());
        m.put("train_seconds", result.seconds());
        return m;
    }

    @Override
    public String uid() {
        return uid != null ? uid : StageUid.pending();
    }

    /** The trained network (live: do not train it while the model is in use). */
    public Network network() {
        return file.network();
    }

    /** The mlp4j model file this model saves as {@code model.json}. */
    public ModelFile modelFile() {
        return file;
    }

    @Override
    public int numClasses() {
        return classCount(file.network());
    }

    @Override
    public int numFeatures() {
        return file.network().inputs();
    }

    @Override
    public Vector predictRaw(Vector features) {
        float[] z = logits.predict(org.mlp4j.spark.train.VectorFloats.of(features, numFeatures()), 1);
        if (z.length == 1) { // one sigmoid unit: class 1 against class 0, as logistic regression's margins
            return Vectors.dense(-z[0], z[0]);
        }
        double[] raw = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            raw[i] = z[i];
        }
        return Vectors.dense(raw);
    }

    @Override
    public Vector raw2probabilityInPlace(Vector raw) {
        double[] v = ((DenseVector) raw).values();
        if (NetworkOutputs.outputActivation(file.network()) == Activation.SOFTMAX) {
            double max = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                max = Math.max(max, x);
            }
            double sum = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.exp(v[i] - max);
                sum += v[i];
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= sum;
            }
        } else if (v.length == 2 && file.network().outputs() == 1) {
            double p = 1 / (1 + Math.exp(-v[1]));
            v[0] = 1 - p;
            v[1] = p;
        } else { // independent sigmoids (one-vs-rest outputs), scaled to sum to one
            for (int i = 0; i < v.length; i++) {
                v[i] = 1 / (1 + Math.exp(-v[i]));
            }
            ProbabilisticClassificationModel.normalizeToProbabilitiesInPlace((DenseVector) raw);
        }
        return raw;
    }

    /** No training summary (javac needs the choice between two inherited Scala defaults spelled out). */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    @Override
    public Mlp4jClassificationModel copy(ParamMap extra) {
        Mlp4jClassificationModel copy = new Mlp4jClassificationModel(uid(), file);
        return copyValues(copy, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    public static MLReader<Mlp4jClassificationModel> read() {
        return new Reader();
    }

    public static Mlp4jClassificationModel load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        return "Mlp4jClassificationModel: uid=" + uid() + ", " + file.network();
    }

    // Java serialization (the model travels in transform's UDF closures): the mlp4j model file's bytes
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        byte[] bytes = ModelFiles.toBytes(file);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int n = in.readInt();
        if (n < 0 || n > ModelFiles.MAX_BYTES) {
            throw new IOException("a serialized model of " + n + " bytes");
        }
        attach(ModelFiles.fromBytes("serialized " + uid, in.readNBytes(n)));
    }

    private static final class Writer extends MLWriter {
        private final Mlp4jClassificationModel model;

        Writer(Mlp4jClassificationModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(model, path, sparkSession());
            try {
                ModelFiles.save(path, model.file, sparkSession().sparkContext().hadoopConfiguration());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Reader extends MLReader<Mlp4jClassificationModel> {
        @Override
        public Mlp4jClassificationModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(),
                    Mlp4jClassificationModel.class.getName());
            ModelFile file;
            try {
                file = ModelFiles.load(path, sparkSession().sparkContext().hadoopConfiguration());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Mlp4jClassificationModel model = new Mlp4jClassificationModel(metadata.uid(), file);
            metadata.getAndSetParams(model, scala.Option.empty());
            return model;
        }
    }
}
