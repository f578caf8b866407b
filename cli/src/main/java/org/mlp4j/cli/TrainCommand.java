package org.mlp4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
import org.mlp4j.formats.model.Checkpoint;
import org.mlp4j.formats.model.CheckpointFile;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.formats.model.ModelHistory;
import org.mlp4j.formats.model.ModelReader;
import org.mlp4j.formats.model.ModelWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
            description = "Test data (default: the test split of a named dataset or of a pickle/.npz that has one).")
    String test;

    @Option(names = "--validation", paramLabel = "SPEC", description = "Validation data, evaluated after every epoch.")
    String validationSpec;

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
            description = "Output activation (default: softmax for classes, sigmoid with bce, identity for regression).")
    String output;

    @Option(names = "--loss", paramLabel = "L",
            description = "Loss: ce, bce, mse, half-sse (default: ce for classes, mse for regression).")
    String loss;

    @Option(names = "--init", paramLabel = "I",
            description = "Weight initialiser: he-normal (he), he-uniform, glorot-uniform (xavier), glorot-normal, "
                    + "lecun-normal, uniform:A, normal:STD. Default: he-normal.")
    String init;

    @Option(names = "--batch", paramLabel = "N|all", defaultValue = "32",
            description = "Rows per batch, or 'all' for full-batch gradient descent. Default: ${DEFAULT-VALUE}.")
    String batch;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "20",
            description = "Epochs (in all, when resuming). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of initialisation, shuffling and dropout. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--scale", paramLabel = "MODE", defaultValue = "auto",
            description = "Input scaling, stored in the model: auto (divide by the training maximum when it exceeds 1), "
                    + "none, max, standard. Default: ${DEFAULT-VALUE}.")
    String scale;

    @Option(names = "--from", paramLabel = "MODEL",
            description = "Continue training from a model file (its layers, activations, loss, scaling and parameters).")
    Path from;

    @Option(names = "--model", paramLabel = "FILE", defaultValue = "model.json",
            description = "Where to write the trained model (atomically; not on divergence). Default: ${DEFAULT-VALUE}.")
    Path model;

    @Option(names = "--json", description = "Print one JSON object on stdout (history and test metrics) and nothing else there.")
    boolean json;

    @Mixin
    DebugOption debug;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    TrainingFlags flags;

    @Mixin
    TrainDataOptions splits;

    @Mixin
    ProgressOptions progress;

    @Mixin
    BatchNormOption batchNorm;

    @Mixin
    ReportOptions reportOptions;

    @Spec
    CommandSpec spec;

    /**
     * With --resume, the initialiser the checkpoint's run started from: the resumed run continues from the
     * checkpoint's parameters, and records the run's initialiser, not the default.
     */
    String resumedInit;

    /** The flags a checkpoint fixes; with --resume they are refused. */
    private static final List<String> FIXED_BY_CHECKPOINT = List.of("--layers", "--activation", "--output", "--loss",
            "--init", "--batch", "--seed", "--scale", "--from", "--optimizer", "--lr", "--momentum", "--beta1",
            "--beta2", "--eps", "--l2", "--weight-decay", "--dropout", "--clip-norm", "--schedule", "--batches",
            "--early-stopping", "--min-delta", "--monitor", "--validation-split", "--test-split", "--split-mode",
            "--class-names", "--batch-norm");

    @Override
    public Integer call() throws Exception {
        threads.apply();
        refuseConflicts();
        PrintStream err = System.err;

        Checkpoint resumed = flags.resume == null ? null : CheckpointFile.read(flags.resume);
        if (resumed != null) {
            restoreSettings(resumed.settings());
        }
        int batchSize = parseBatch();
        checkFlags();
        OutputPaths.check("--model", model);
        OutputPaths.check("--checkpoint", flags.checkpoint);
        OutputPaths.check("--history", flags.history);
        LoadedData loaded = DataSources.load(data, dataOptions.request(), err::println);
        Dataset train = loaded.data();
        if (OneClassData.isOneClass(train)) {
            if (resumed == null && from == null) {
                throw new IllegalArgumentException(OneClassData.explain(train, data, dataOptions.request()));
            }
            err.println("mlp4j: warning: " + OneClassData.explain(train, data, dataOptions.request()));
        }
        Dataset testSet = test != null ? DataSources.loadForEvaluation(test, dataOptions.request(), err::println)
                : loaded.test();
        Dataset validation = validationSpec == null ? null
                : DataSources.loadForValidation(validationSpec, dataOptions.request(), err::println);
        if (splits.classNames != null) {
            List<String> original = train.classNames();
            if (!train.isClassification() || splits.classNames.size() != train.classCount()) {
                throw new UsageException("--class-names gives " + splits.classNames.size() + " names but " + data + " has "
                        + (train.isClassification() ? train.classCount() + " classes" : "no classes"));
            }
            train = Models.renameClasses(train, original, splits.classNames);
            testSet = Models.renameClasses(testSet, original, splits.classNames);
            validation = Models.renameClasses(validation, original, splits.classNames);
        }
        Dataset rawTrain = train;
        if (splits.testSplit != null) {
            Dataset[] parts = splits.mode().split(train, splits.testSplit, seed, 1, "--test-split " + splits.testSplit);
            train = parts[0];
            testSet = parts[1];
        }
        if (validationSplit != null) {
            Dataset[] parts = splits.mode().split(train, validationSplit, seed, 2, "--validation-split " + validationSplit);
            train = parts[0];
            validation = parts[1];
        }

        ModelFile start = resumed != null ? resumed.model() : from != null ? ModelReader.read(from) : null;
        if (from != null && spec.commandLine().getParseResult().hasMatchedOption("--scale")
                && !(scaleMode() == Normalization.Mode.NONE && orIdentity(start.normalization()).isIdentity())) {
            throw new UsageException("--scale " + scale + " cannot be combined with --from: the model file fixes the "
                    + "scaling (" + orIdentity(start.normalization()) + ")");
        }
        Normalization norm = start != null ? orIdentity(start.normalization()) : Normalization.fit(scaleMode(), train);
        List<String> classes = start != null ? start.classNames() : train.isClassification() ? train.classNames() : null;
        List<String> targetNames = classes != null ? null
                : start != null && start.targetNames() != null ? start.targetNames() : TargetNames.resolve(data, dataOptions.request());
        Network net = start != null ? start.network() : buildNetwork(train);
        if (start != null) {
            checkCompatible(start, train);
        }
        reportOptions.checkBeforeTraining(train.featureCount());
        RawSplits raw = new RawSplits(train, validation, testSet); // as read and split, before scaling: for --report
        train = norm.apply(Models.withClasses(train, classes, data, "the model"));
        validation = validation == null ? null : norm.apply(Models.withClasses(validation, classes, validationSpec, "the model"));
        Dataset normalizedTest = testSet == null ? null : norm.apply(Models.withClasses(testSet, classes, test, "the model"));

        Kernels kernels = threads.kernels();
        if (!json && !progress.quiet) {
            err.println("mlp4j: " + loaded.origin() + ": " + train.rows() + " training rows"
                    + (validation != null ? ", " + validation.rows() + " validation rows" : "")
                    + (normalizedTest != null ? ", " + normalizedTest.rows() + " test rows" : "")
                    + "; network " + Cli.describe(net) + "; " + flags.optimizer + " lr " + flags.learningRate()
                    + "; kernels " + kernels.describe());
        }
        Map<String, Object> settings = settings(batchSize == 0 ? train.rows() : batchSize);
        InputRange.record(settings, rawTrain);
        Normalization finalNorm = norm;
        List<String> finalClasses = classes;
        TrainingOptions.Builder options = TrainingOptions.builder().epochs(epochs).batchSize(batchSize).seed(seed)
                .kernels(kernels).validation(validation);
        flags.apply(options, validation != null);
        if (resumed != null) {
            options.resume(resumed.state());
        }
        if (flags.checkpoint != null) {
            options.checkpoint((trainer, state) -> CheckpointFile.write(flags.checkpoint,
                    new ModelFile(trainer.network(), finalClasses, finalNorm, settings, Map.of(), targetNames), state, settings),
                    flags.checkpointEvery);
        }
        boolean live = !json && ProgressPrinter.stderrIsTerminal();
        options.listener(new ProgressPrinter(err, live, live ? TerminalWidth.columns() : TerminalWidth.FALLBACK,
                progress.logEvery, progress.quiet));
        RunWarnings runWarnings = new RunWarnings();
        options.listener(runWarnings);
        Trainer trainer = new Trainer(net, options.build());
        try (InterruptGuard guard = InterruptGuard.install(trainer)) {
            History history = fit(trainer, train);
            if (history.stopReason() != null && history.stopReason().startsWith("interrupted")) {
                err.println("mlp4j: " + history.stopReason() + "; " + (flags.checkpoint != null
                        ? "checkpoint written to " + flags.checkpoint + " (continue with --resume " + flags.checkpoint + ")"
                        : "nothing was saved, the run is lost (train with --checkpoint FILE to be able to continue an "
                        + "interrupted run with --resume FILE)") + "; " + model + " was not written");
                err.flush();
                return 130;
            }
            return finish(history, trainer, net, train, normalizedTest, classes, targetNames, norm, settings, kernels,
                    runWarnings.check(history, train, flags.learningRate(), net.loss()), raw);
        }
    }

    /** After training: test evaluation, the model file, the history CSV, and the report or JSON. */
    private int finish(History history, Trainer trainer, Network net, Dataset train, Dataset normalizedTest,
                       List<String> classes, List<String> targetNames, Normalization norm, Map<String, Object> settings,
                       Kernels kernels, List<String> warnings, RawSplits raw) throws IOException {
        PrintStream out = System.out;
        PrintStream err = System.err;

        Evaluation testEval = normalizedTest == null ? null : net.evaluate(normalizedTest, kernels);
        RegressionMetrics testRegression = testEval == null || testEval.isClassification() ? null
                : RegressionMetrics.of(net.predict(normalizedTest.features(), normalizedTest.rows(), kernels),
                        normalizedTest.targets(), normalizedTest.rows(), normalizedTest.targetWidth(), targetNames);
        Map<String, Object> metrics = new LinkedHashMap<>();
        EpochStats last = history.last();
        if (last != null) {
            metrics.put("trainLoss", Json.number(last.loss()));
            metrics.put("trainAccuracy", Json.number(last.accuracy()));
            if (last.hasValidation()) {
                metrics.put("valLoss", Json.number(last.valLoss()));
                metrics.put("valAccuracy", Json.number(last.valAccuracy()));
            }
        }
        if (testEval != null) {
            metrics.put("testLoss", Json.number(testEval.loss()));
            metrics.put("testAccuracy", Json.number(testEval.accuracy()));
        }
        if (testRegression != null) {
            metrics.put("testRmse", Json.number(testRegression.meanRmse()));
            metrics.put("testMae", Json.number(testRegression.meanMae()));
            metrics.put("testR2", Json.number(testRegression.meanR2()));
        }
        ModelFile trained = new ModelFile(net, classes, norm, settings, metrics, targetNames)
                .withHistory(ModelHistory.toColumns(history.epochs()));
        ModelWriter.write(model, trained);
        if (flags.history != null) {
            HistoryCsv.write(flags.history, history);
        }
        for (String w : warnings) {
            err.println("mlp4j: warning: " + w);
        }
        if (json) {
            Map<String, Object> o = json(history, testEval, kernels);
            if (testRegression != null) {
                testRegression.putJson(castMap(o.get("test")));
            }
            o.put("warnings", warnings);
            Json.print(out, o);
        } else {
            if (history.stopReason() != null) {
                err.println("mlp4j: stopped early: " + history.stopReason());
            }
            if (testEval != null) {
                Reports.evaluation(out, "test", testEval, normalizedTest.rows(), testRegression);
            }
            out.println("model written to " + model + (warnings.isEmpty() ? "" : " (with warnings, above)"));
        }
        RunFacts facts = new RunFacts().put("data", data).rows("training rows", train.rows())
                .rows("validation rows", raw.validation() == null ? null : raw.validation().rows())
                .rows("test rows", raw.test() == null ? null : raw.test().rows()).training(history.epochs(), train.rows())
                .put("stopped", history.stopReason()).machine(kernels, threads.requested());
        reportOptions.write(model.getFileName().toString(), trained, raw.test(), raw.validation(), raw.train(),
                test != null ? test : "the test split of " + data, history.epochs(), facts.toMap(), kernels, out, json);
        return 0;
    }

    /** The training, validation and test rows as read and split, before scaling (what a report shows). */
    private record RawSplits(Dataset train, Dataset validation, Dataset test) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    private static void fraction(String flag, Double v) {
        if (v != null && !(v > 0 && v < 1)) {
            throw new UsageException(flag + " must be between 0 and 1, got " + v);
        }
    }

    /** Flag values that need no data, checked before any is read: a usage error is found first (exit 2). */
    private void checkFlags() {
        if (epochs < 1) {
            throw new UsageException("--epochs must be >= 1, got " + epochs);
        }
        fraction("--validation-split", validationSplit);
        fraction("--test-split", splits.testSplit);
        if (validationSplit != null && validationSpec != null) {
            throw new UsageException("give --validation or --validation-split, not both");
        }
        if (splits.testSplit != null && test != null) {
            throw new UsageException("give --test or --test-split, not both");
        }
        if (splits.classNames != null && splits.classNames.stream().anyMatch(String::isBlank)) {
            throw new UsageException("--class-names has an empty name: " + String.join(",", splits.classNames));
        }
        splits.mode();
        progress.check();
        flags.apply(TrainingOptions.builder(), validationSpec != null || validationSplit != null);
    }

    private History fit(Trainer trainer, Dataset train) {
        try {
            return trainer.fit(train);
        } catch (DivergenceException e) {
            throw new IllegalStateException(e.getMessage() + (java.nio.file.Files.exists(model)
                    ? "; " + model + " was left as it was" : "; no model was written"), e);
        }
    }

    private Map<String, Object> json(History history, Evaluation testEval, Kernels kernels) {
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
            e.put("learningRate", s.learningRate());
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
        return o;
    }

    /** Everything that defines this run, recorded in the model's {@code training} section and in checkpoints. */
    private Map<String, Object> settings(int batchSize) {
        return RunSettings.of(this, batchSize).toMap();
    }

    /** With --resume, the checkpoint's settings are the run's: re-applied here so the resumed run is the same run. */
    private void restoreSettings(Map<String, Object> s) {
        RunSettings.fromMap(s).applyTo(this, spec.commandLine().getParseResult());
    }

    private void refuseConflicts() {
        List<String> refused = new ArrayList<>();
        if (flags.resume != null) {
            for (String f : FIXED_BY_CHECKPOINT) {
                if (spec.commandLine().getParseResult().hasMatchedOption(f)) {
                    refused.add(f);
                }
            }
            if (!refused.isEmpty()) {
                throw new UsageException(String.join(", ", refused) + " cannot be combined with --resume: the checkpoint "
                        + "fixes the run's settings (only --epochs, --model, --checkpoint, --history, --test, --threads and the "
                        + "data flags apply)");
            }
            return;
        }
        if (from == null) {
            return;
        }
        for (String f : List.of("--layers", "--activation", "--output", "--loss", "--init", "--batch-norm")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(f)) {
                refused.add(f);
            }
        }
        if (!refused.isEmpty()) {
            throw new UsageException(String.join(", ", refused) + " cannot be combined with --from: the model file "
                    + "fixes the architecture, loss, scaling and initial parameters");
        }
    }

    private Normalization.Mode scaleMode() {
        try {
            return Normalization.Mode.parse(scale);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--scale: " + e.getMessage());
        }
    }

    private static Normalization orIdentity(Normalization n) {
        return n == null ? Normalization.identity() : n;
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
            chosenLoss = out == Activation.SOFTMAX ? Loss.CE
                    : out == Activation.SIGMOID && train.isClassification() ? Loss.BCE : Loss.MSE;
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
            batchNorm.hidden(b, widths[l], hidden);
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
            throw new UsageException("the model takes " + n.inputs() + " inputs but the data has "
                    + train.featureCount() + " features");
        }
        int outputs = train.isClassification() ? train.classCount() : train.targetWidth();
        if (start.classNames() == null && n.outputs() != outputs) {
            throw new UsageException("the model has " + n.outputs() + " outputs but the data has " + outputs + " targets");
        }
    }

    static final class HistoryCsv {
        private HistoryCsv() {
        }

        static void write(Path file, History history) throws IOException {
            StringBuilder sb = new StringBuilder("epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds\n");
            for (EpochStats s : history.epochs()) {
                sb.append(s.epoch()).append(',').append(cell(s.loss())).append(',').append(cell(s.accuracy())).append(',')
                        .append(cell(s.valLoss())).append(',').append(cell(s.valAccuracy())).append(',')
                        .append(cell(s.learningRate())).append(',').append(cell(s.seconds())).append('\n');
            }
            byte[] bytes = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            org.mlp4j.formats.io.AtomicFiles.write(file, o -> o.write(bytes));
        }

        private static String cell(double v) {
            return Double.isNaN(v) ? "" : Double.toString(v);
        }
    }
}
