package org.mlp4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlp4j.datasets.DataSources;
import org.mlp4j.datasets.LoadedData;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Initializer;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.NetworkBuilder;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.eval.Evaluation;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.train.DivergenceException;
import org.mlp4j.engine.train.EpochStats;
import org.mlp4j.engine.train.History;
import org.mlp4j.engine.train.Trainer;
import org.mlp4j.engine.train.TrainingOptions;
import org.mlp4j.formats.Normalization;
import org.mlp4j.formats.model.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mlp4j train}: read data, build (or load) a network, train it, evaluate it, save it. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a network and save it as a JSON model.",
            "With no options, trains a 64-128-64-10 ReLU network on the bundled 8×8 digits."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "SPEC", defaultValue = "digits",
            description = "Training data: a dataset name (digits, fashion-mnist, mnist, xor, spirals, blobs) or a file "
                    + "(IDX, CSV, .pkl, .npy, .npz). Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--test", paramLabel = "SPEC",
            description = "Test data (default: the test split of a named dataset or a pickle that has one).")
    String test;

    @Option(names = "--validation-split", paramLabel = "F",
            description = "Hold out this fraction of the training rows (the last ones, before shuffling, as Keras) for validation.")
    Double validationSplit;

    @Option(names = "--layers", paramLabel = "W,W,…",
            description = "Widths from input to output; the ends may be 'auto' (from the data). Default: " + Architecture.DEFAULT + ".")
    String layers;

    @Option(names = "--activation", paramLabel = "F",
            description = "Hidden activation: identity, sigmoid, tanh, relu, leaky-relu. Default: relu.")
    String activation;

    @Option(names = "--output", paramLabel = "F",
            description = "Output activation (default: softmax for classes with ce, sigmoid with bce, identity for regression).")
    String output;

    @Option(names = "--loss", paramLabel = "L",
            description = "Loss: ce, bce, mse, half-sse (default: ce for classes, mse for regression).")
    String loss;

    @Option(names = "--init", paramLabel = "I",
            description = "Weight initialiser: he-normal (he), he-uniform, glorot-uniform (xavier), glorot-normal, "
                    + "lecun-normal, uniform:A, normal:STD. Default: he-normal.")
    String init;

    @Option(names = "--optimizer", paramLabel = "O", defaultValue = "sgd", description = "Optimizer. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--lr", paramLabel = "ETA", defaultValue = "0.1", description = "Learning rate. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--batch", paramLabel = "N|all", defaultValue = "32",
            description = "Rows per batch, or 'all' for full-batch gradient descent. Default: ${DEFAULT-VALUE}.")
    String batch;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "20", description = "Epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of initialisation and shuffling. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Threads (default: all processors).")
    Integer threads;

    @Option(names = "--scale", paramLabel = "MODE", defaultValue = "auto",
            description = "Input scaling, stored in the model: auto (divide by the training maximum when it exceeds 1), "
                    + "none, max, standard. Default: ${DEFAULT-VALUE}.")
    String scale;

    @Option(names = "--from", paramLabel = "MODEL",
            description = "Continue training from a model file (its layers, activations, loss, scaling and parameters).")
    Path from;

    @Option(names = "--model", paramLabel = "FILE", defaultValue = "model.json",
            description = "Where to write the trained model (atomically). Default: ${DEFAULT-VALUE}.")
    Path model;

    @Option(names = "--json", description = "Print one JSON object on stdout (history and test metrics) and nothing else there.")
    boolean json;

    @Option(names = "--debug", description = "Print stack traces with errors.")
    boolean debug;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        Cli.applyThreads(threads);
        refuseArchitectureWithFrom();
        int batchSize = parseBatch();
        PrintStream out = System.out;
        PrintStream err = System.err;

        LoadedData loaded = DataSources.load(data, dataOptions.request(), err::println);
        Dataset train = loaded.data();
        Dataset testSet = test != null ? DataSources.load(test, dataOptions.request().withSplit("test"), err::println).data()
                : loaded.test();
        Dataset validation = null;
        if (validationSplit != null) {
            if (!(validationSplit > 0 && validationSplit < 1)) {
                throw new UsageException("--validation-split must be between 0 and 1, got " + validationSplit);
            }
            int keep = (int) Math.round(train.rows() * (1 - validationSplit));
            validation = train.slice(keep, train.rows());
            train = train.slice(0, keep);
        }

        ModelFile start = from == null ? null : ModelFile.read(from);
        Normalization norm = start != null ? start.normalization() : Normalization.fit(scale, train);
        List<String> classes = train.isClassification() ? train.classNames() : null;
        Network net = start != null ? start.network() : buildNetwork(train);
        if (start != null) {
            checkCompatible(start, train);
        }
        train = norm.apply(train);
        validation = validation == null ? null : norm.apply(validation);
        Dataset normalizedTest = testSet == null ? null : norm.apply(testSet);

        Kernels kernels = Cli.kernels(threads);
        if (!json) {
            err.println("mlp4j: " + loaded.origin() + ": " + train.rows() + " training rows"
                    + (validation != null ? ", " + validation.rows() + " validation rows" : "")
                    + (normalizedTest != null ? ", " + normalizedTest.rows() + " test rows" : "")
                    + "; network " + Cli.describe(net) + "; kernels " + kernels.describe());
        }
        TrainingOptions.Builder options = TrainingOptions.builder().epochs(epochs).batchSize(batchSize)
                .learningRate(learningRate).seed(seed).kernels(kernels).validation(validation)
                .optimizer(Optimizers.parse(optimizer));
        options.listener(new ProgressPrinter(err, !json && ProgressPrinter.stderrIsTerminal()));
        History history;
        try {
            history = new Trainer(net, options.build()).fit(train);
        } catch (DivergenceException e) {
            throw new IllegalStateException(e.getMessage() + (java.nio.file.Files.exists(model) ? "; " + model + " was left as it was"
                    : "; no model was written"), e);
        }

        Evaluation testEval = normalizedTest == null ? null : net.evaluate(normalizedTest, kernels);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("optimizer", optimizer);
        training.put("learningRate", learningRate);
        training.put("batchSize", batchSize == 0 ? train.rows() : batchSize);
        training.put("epochs", epochs + (start != null && start.training().get("epochs") instanceof Number
                ? ((Number) start.training().get("epochs")).intValue() : 0));
        training.put("seed", seed);
        training.put("init", start != null ? start.training().getOrDefault("init", "unknown") : initializer().spec());
        training.put("scale", start != null ? start.training().getOrDefault("scale", "unknown") : scale);
        training.put("data", data);
        Map<String, Object> metrics = new LinkedHashMap<>();
        EpochStats last = history.last();
        if (last != null) {
            metrics.put("trainLoss", Json.number(last.loss()));
            metrics.put("trainAccuracy", Json.number(last.accuracy()));
        }
        if (testEval != null) {
            metrics.put("testLoss", Json.number(testEval.loss()));
            metrics.put("testAccuracy", Json.number(testEval.accuracy()));
        }
        new ModelFile(net, start != null ? start.classes() : classes, norm, training, metrics).write(model);

        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            List<Map<String, Object>> epochsJson = new ArrayList<>();
            for (EpochStats s : history.epochs()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("epoch", s.epoch());
                e.put("loss", Json.number(s.loss()));
                e.put("accuracy", Json.number(s.accuracy()));
                e.put("valLoss", Json.number(s.valLoss()));
                e.put("valAccuracy", Json.number(s.valAccuracy()));
                e.put("seconds", s.seconds());
                e.put("samplesPerSecond", Json.number(s.samplesPerSecond()));
                epochsJson.add(e);
            }
            o.put("epochs", epochsJson);
            if (testEval != null) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("loss", Json.number(testEval.loss()));
                t.put("accuracy", Json.number(testEval.accuracy()));
                o.put("test", t);
            }
            o.put("model", model.toString());
            o.put("kernels", kernels.describe());
            if (history.stopReason() != null) {
                o.put("stopReason", history.stopReason());
            }
            Json.print(out, o);
        } else {
            if (history.stopReason() != null) {
                err.println("mlp4j: stopped early: " + history.stopReason());
            }
            if (testEval != null) {
                Reports.evaluation(out, "test", testEval, normalizedTest.rows());
            }
            out.println("model written to " + model);
        }
        return 0;
    }

    private void refuseArchitectureWithFrom() {
        if (from == null) {
            return;
        }
        List<String> refused = new ArrayList<>();
        if (layers != null) refused.add("--layers");
        if (activation != null) refused.add("--activation");
        if (output != null) refused.add("--output");
        if (loss != null) refused.add("--loss");
        if (init != null) refused.add("--init");
        if (!refused.isEmpty()) {
            throw new UsageException(String.join(", ", refused) + " cannot be combined with --from: the model file "
                    + "fixes the architecture, loss and initial parameters");
        }
    }

    private int parseBatch() {
        if (batch.equalsIgnoreCase("all")) {
            return 0;
        }
        try {
            int b = Integer.parseInt(batch);
            if (b >= 1) {
                return b;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new UsageException("--batch must be a positive number of rows or 'all', got '" + batch + "'");
    }

    private Initializer initializer() {
        try {
            return Initializer.parse(init == null ? "he-normal" : init);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--init: " + e.getMessage());
        }
    }

    private Network buildNetwork(Dataset train) {
        int outputs = train.isClassification() ? train.classCount() : train.targetWidth();
        int[] widths = Architecture.widths(layers == null ? Architecture.DEFAULT : layers, train.featureCount(), outputs);
        Activation hidden = parseActivation("--activation", activation == null ? "relu" : activation);
        Loss chosenLoss;
        try {
            chosenLoss = loss == null ? null : Loss.parse(loss);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--loss: " + e.getMessage());
        }
        Activation out;
        if (output != null) {
            out = parseActivation("--output", output);
        } else if (chosenLoss == Loss.BCE || (train.isClassification() && widths[widths.length - 1] == 1)) {
            out = Activation.SIGMOID;
        } else if (train.isClassification()) {
            out = Activation.SOFTMAX;
        } else {
            out = Activation.IDENTITY;
        }
        if (chosenLoss == null) {
            chosenLoss = out == Activation.SOFTMAX ? Loss.CE : out == Activation.SIGMOID && train.isClassification()
                    ? Loss.BCE : Loss.MSE;
        }
        if (!chosenLoss.accepts(out)) {
            throw new UsageException("--loss " + chosenLoss + " needs --output "
                    + (chosenLoss == Loss.CE ? "softmax" : "sigmoid") + ", not " + out);
        }
        if (hidden == Activation.SOFTMAX) {
            throw new UsageException("--activation softmax is only possible on the output layer (--output)");
        }
        NetworkBuilder b = Network.builder(widths[0]);
        for (int l = 1; l < widths.length - 1; l++) {
            b.dense(widths[l], hidden);
        }
        return b.dense(widths[widths.length - 1], out).loss(chosenLoss).initializer(initializer()).seed(seed).build();
    }

    private static Activation parseActivation(String flag, String name) {
        try {
            return Activation.parse(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + ": " + e.getMessage());
        }
    }

    private static void checkCompatible(ModelFile start, Dataset train) {
        Network n = start.network();
        if (n.inputs() != train.featureCount()) {
            throw new UsageException("the model in --from takes " + n.inputs() + " inputs but the data has "
                    + train.featureCount() + " features");
        }
        if (train.isClassification() && start.classes() != null && !start.classes().equals(train.classNames())) {
            throw new UsageException("the model in --from was trained on classes " + start.classes()
                    + " but the data has " + train.classNames());
        }
    }

}
