package example;

import java.nio.file.Path;
import org.mlp4j.datasets.Digits;
import org.mlp4j.datasets.LoadedData;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Initializer;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.eval.Evaluation;
import org.mlp4j.engine.train.Adam;
import org.mlp4j.engine.train.History;
import org.mlp4j.engine.train.Trainer;
import org.mlp4j.engine.train.TrainingOptions;
import org.mlp4j.formats.Normalization;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.formats.model.ModelReader;
import org.mlp4j.formats.model.ModelWriter;

public class LibraryExample {
    public static void main(String[] args) throws Exception {
        // data: the bundled 8×8 digits (or DataReaders.read(path, options) for your own file)
        LoadedData digits = Digits.load();
        Normalization scale = Normalization.fit(Normalization.Mode.AUTO, digits.data()); // 0..16 → 0..1
        Dataset train = scale.apply(digits.data());
        Dataset test = scale.apply(digits.test());

        // a 64-64-10 network, Keras style
        Network net = Network.builder(64)
                .dense(64, Activation.RELU)
                .dense(10, Activation.SOFTMAX)
                .loss(Loss.CE)
                .initializer(Initializer.heNormal())
                .seed(1)
                .build();

        // train: Adam, minibatches of 32, 20 epochs, validation after each epoch
        History history = new Trainer(net, TrainingOptions.builder()
                .optimizer(() -> new Adam(0.9, 0.999, 1e-8, false))
                .learningRate(1e-3).batchSize(32).epochs(20).seed(1)
                .validation(test)
                .build()).fit(train);
        System.out.println(history.last());

        // evaluate, predict, save and load
        Evaluation e = net.evaluate(test);
        System.out.printf("test accuracy %.4f, recall of class 3: %.3f%n", e.accuracy(), e.recall(3));
        int[] classes = net.classify(test.features(), test.rows());
        Path file = Path.of(args.length > 0 ? args[0] : "digits-model.json");
        ModelWriter.write(file, new ModelFile(net, train.classNames(), scale, null, null));
        ModelFile loaded = ModelReader.read(file);
        float[] probabilities = loaded.predict(digits.test().features(), digits.test().rows()); // raw rows: scaled inside
        System.out.println("first test row: class " + classes[0] + ", p = " + probabilities[classes[0]]);
    }
}
