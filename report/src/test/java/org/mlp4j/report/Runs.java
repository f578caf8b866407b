package org.mlp4j.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlp4j.datasets.Digits;
import org.mlp4j.datasets.LoadedData;
import org.mlp4j.engine.data.Synthetic;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Initializer;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.train.History;
import org.mlp4j.engine.train.LearningRateSchedule;
import org.mlp4j.engine.train.Trainer;
import org.mlp4j.engine.train.TrainingOptions;
import org.mlp4j.formats.Normalization;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.report.images.ImageShape;

/** Small, real training runs whose reports the tests read: an image classifier, a plain classifier, a regression. */
final class Runs {
    private Runs() {
    }

    /** 64-32-10 on the bundled 8×8 digits, 8 epochs with validation on the test split. */
    static ReportInput digits() throws Exception {
        LoadedData d = Digits.load();
        Normalization n = Normalization.fit(Normalization.Mode.AUTO, d.data());
        Network net = Network.builder(64).dense(32, Activation.RELU).dense(10, Activation.SOFTMAX).loss(Loss.CE)
                .initializer(Initializer.heNormal()).seed(1).build();
        History h = new Trainer(net, TrainingOptions.builder().learningRate(0.1).batchSize(32).epochs(8).seed(1)
                .validation(n.apply(d.test())).build()).fit(n.apply(d.data()));
        ModelFile mf = new ModelFile(net, d.data().classNames(), n, Map.of("optimizer", "sgd", "learningRate", 0.1),
                Map.of("testAccuracy", 0.9));
        return new ReportInput("digits.json", mf, d.test(), "the digits test split", h.epochs(), null, facts(),
                KernelsProvider.create());
    }

    /** 2-16-3 on three Gaussian blobs in 2 dimensions (not images), with a step schedule. */
    static ReportInput blobs() {
        Dataset train = Synthetic.blobs(600, 2, 3, 1);
        Dataset test = Synthetic.blobs(300, 2, 3, 2);
        Network net = Network.builder(2).dense(16, Activation.TANH).dense(3, Activation.SOFTMAX).loss(Loss.CE)
                .initializer(Initializer.heNormal()).seed(1).build();
        History h = new Trainer(net, TrainingOptions.builder().learningRate(0.1).batchSize(16).epochs(6).seed(1)
                .schedule(LearningRateSchedule.parse("step:0.5:2")).build()).fit(train);
        return new ReportInput("blobs.json", ModelFile.of(net).withClassNames(train.classNames()), test,
                "blobs test rows", h.epochs(), null, facts(), KernelsProvider.create());
    }

    /** 3-16-1 regression of y = x0 + 2·x1 − x2 (plus a little noise), 10 epochs. */
    static ReportInput regression() {
        int rows = 500;
        float[] x = new float[rows * 3];
        float[] y = new float[rows];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = (float) r.nextGaussian();
            }
            y[i] = x[i * 3] + 2 * x[i * 3 + 1] - x[i * 3 + 2] + 0.05f * (float) r.nextGaussian();
        }
        Dataset d = Dataset.regression(x, rows, 3, y, 1);
        Network net = Network.builder(3).dense(16, Activation.RELU).dense(1, Activation.IDENTITY).loss(Loss.MSE)
                .initializer(Initializer.heNormal()).seed(1).build();
        History h = new Trainer(net, TrainingOptions.builder().learningRate(0.05).batchSize(16).epochs(10).seed(1)
                .build()).fit(d);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("targetColumns", List.of("price"));
        return new ReportInput("house.json", ModelFile.of(net).withTraining(training), d, "house.csv", h.epochs(),
                null, facts(), KernelsProvider.create());
    }

    /** {@code in} with another image shape. */
    static ReportInput withShape(ReportInput in, ImageShape shape) {
        return new ReportInput(in.title(), in.model(), in.data(), in.dataName(), in.history(), shape, in.facts(),
                in.kernels());
    }

    private static Map<String, String> facts() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("training rows", "1,352");
        f.put("JDK", System.getProperty("java.version"));
        f.put("mlp4j", "0.1.0-SNAPSHOT");
        return f;
    }
}
