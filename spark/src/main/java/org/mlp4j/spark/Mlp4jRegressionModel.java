package org.mlp4j.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.mlp4j.engine.Network;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.spark.train.FitResult;
import org.mlp4j.spark.train.VectorFloats;

/**
 * A trained mlp4j regressor as a Spark ML {@code Transformer} adding the {@code prediction} column. Saved as a
 * Spark model directory whose {@code model.json} is an mlp4j model file, as {@link Mlp4jClassificationModel}.
 */
public final class Mlp4jRegressionModel extends RegressionModel<Vector, Mlp4jRegressionModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private String uid;
    private transient ModelFile file;

    Mlp4jRegressionModel(String uid, ModelFile file) {
        this(StageUid.hold(uid), file, null);
    }

    Mlp4jRegressionModel(String uid, Network network, FitResult result) {
        this(uid, new ModelFile(network, null, null, null, Mlp4jClassificationModel.metrics(result)));
    }

    private Mlp4jRegressionModel(String uid, ModelFile file, Void constructing) {
        super();
        this.uid = uid;
        StageUid.release();
        attach(file);
    }

    private void attach(ModelFile model) {
        if (model.network().outputs() != 1) {
            throw new IllegalArgumentException("a regression model has one output, this network has "
                    + model.network().outputs());
        }
        this.file = model;
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
    public int numFeatures() {
        return file.network().inputs();
    }

    @Override
    public double predict(Vector features) {
        return file.network().predict(VectorFloats.of(features, numFeatures()), 1)[0];
    }

    @Override
    public Mlp4jRegressionModel copy(ParamMap extra) {
        Mlp4jRegressionModel copy = new Mlp4jRegressionModel(uid(), file);
        return copyValues(copy, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    public static MLReader<Mlp4jRegressionModel> read() {
        return new Reader();
    }

    public static Mlp4jRegressionModel load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        return "Mlp4jRegressionModel: uid=" + uid() + ", " + file.network();
    }

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
        private final Mlp4jRegressionModel model;

        Writer(Mlp4jRegressionModel model) {
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

    private static final class Reader extends MLReader<Mlp4jRegressionModel> {
        @Override
        public Mlp4jRegressionModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(),
                    Mlp4jRegressionModel.class.getName());
            ModelFile file;
            try {
                file = ModelFiles.load(path, sparkSession().sparkContext().hadoopConfiguration());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Mlp4jRegressionModel model = new Mlp4jRegressionModel(metadata.uid(), file);
            metadata.getAndSetParams(model, scala.Option.empty());
            return model;
        }
    }
}
