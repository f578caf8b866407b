package org.mlp4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.io.AtomicFiles;
import org.mlp4j.formats.model.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mlp4j predict}: a model's predictions for every row of a file — class labels, probabilities, a Kaggle
 * submission or a table of id, label and probabilities; a regression model's predicted values under its target names.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict every row of a data file with a model (labels or targets in the file are ignored).",
            "A regression model prints its predicted values under its target column names, in every format."})
final class PredictCommand implements Callable<Integer> {
    enum Format { labels, probs, kaggle, table }

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model file.")
    Path model;

    @Option(names = "--data", paramLabel = "SPEC", required = true,
            description = "Rows to predict (a Kaggle test.csv without labels works); for a named dataset, its test split.")
    String data;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here (atomically) instead of stdout.")
    Path out;

    @Option(names = "--format", paramLabel = "F", defaultValue = "labels",
            description = "labels: one class name per line; probs: CSV of the outputs under a header of class names; "
                    + "kaggle: 'ImageId,Label' with 1-based ids (the digit-recognizer format); "
                    + "table: 'id,label,<class names>': 1-based id, predicted class, probabilities. "
                    + "Regression: a header of target names, then the values (kaggle and table: 'Id'/'id' first). "
                    + "Default: ${DEFAULT-VALUE}.")
    Format format;

    @Mixin
    ThreadsOption threads;

    @Mixin
    DebugOption debug;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        threads.apply();
        OutputPaths.check("--out", out);
        CommandInput input = CommandInput.forModel(model, data, dataOptions);
        ModelFile mf = input.model();
        Dataset raw = input.rows();
        String range = InputRange.check(mf, raw, model, data);
        if (range != null) {
            System.err.println("mlp4j: warning: " + range);
        }
        Dataset features = Dataset.unlabeled(raw.features(), raw.rows(), raw.featureCount());
        Dataset d = input.prepare(features);
        float[] outputs = mf.network().predict(d.features(), d.rows(), threads.kernels());
        int width = mf.network().outputs();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream p = new PrintStream(buffer, false, StandardCharsets.UTF_8)) {
            if (Models.isClassifier(mf)) {
                write(p, outputs, d.rows(), width, Models.classNames(mf));
            } else {
                writeValues(p, outputs, d.rows(), width, mf.targetNames());
            }
        }
        if (out == null) {
            System.out.write(buffer.toByteArray());
            System.out.flush();
        } else {
            AtomicFiles.write(out, (OutputStream o) -> o.write(buffer.toByteArray()));
            System.err.println("mlp4j: " + d.rows() + " predictions written to " + out);
        }
        return 0;
    }

    /** A classifier's predictions in the chosen format. */
    private void write(PrintStream p, float[] outputs, int rows, int width, List<String> classes) throws IOException {
        switch (format) {
            case probs:
            case table: {
                boolean table = format == Format.table;
                StringBuilder header = new StringBuilder(table ? "id,label" : "");
                for (int j = 0; j < width; j++) {
                    header.append(j == 0 && !table ? "" : ",").append(outputName(classes, width, j));
                }
                p.println(header);
                for (int i = 0; i < rows; i++) {
                    StringBuilder line = new StringBuilder(table ? (i + 1) + "," + csvCell(className(outputs, i, width, classes)) : "");
                    for (int j = 0; j < width; j++) {
                        line.append(j == 0 && !table ? "" : ",").append(outputs[i * width + j]);
                    }
                    p.println(line);
                }
                break;
            }
            case kaggle:
                p.println("ImageId,Label");
                for (int i = 0; i < rows; i++) {
                    p.println((i + 1) + "," + csvCell(className(outputs, i, width, classes)));
                }
                break;
            default:
                for (int i = 0; i < rows; i++) {
                    p.println(className(outputs, i, width, classes));
                }
        }
    }

    /**
     * A regression model's predicted values: a header of the target names ({@code output0}, … when the model has
     * none), then one row per line; {@code kaggle} and {@code table} put a 1-based id first ({@code Id}, {@code id}).
     */
    private void writeValues(PrintStream p, float[] outputs, int rows, int width, List<String> targets) {
        String id = format == Format.kaggle ? "Id" : format == Format.table ? "id" : null;
        StringBuilder header = new StringBuilder(id == null ? "" : id);
        for (int j = 0; j < width; j++) {
            header.append(j == 0 && id == null ? "" : ",").append(csvCell(targets != null ? targets.get(j) : "output" + j));
        }
        p.println(header);
        for (int i = 0; i < rows; i++) {
            StringBuilder line = new StringBuilder(id == null ? "" : Integer.toString(i + 1));
            for (int j = 0; j < width; j++) {
                line.append(j == 0 && id == null ? "" : ",").append(outputs[i * width + j]);
            }
            p.println(line);
        }
    }

    /** The header of output {@code j}: its class name when there is one per output, else {@code output}j. */
    private static String outputName(List<String> classes, int width, int j) {
        return classes.size() == width ? csvCell(classes.get(j)) : "output" + j;
    }

    /** A CSV cell: quoted when the name holds a comma, a quote or a line break. */
    static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String className(float[] outputs, int row, int width, List<String> classes) {
        int best = Network.predictedClass(outputs, row * width, width);
        return classes.get(best);
    }
}
