package org.mlp4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mlp4j.datasets.DataSources;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.io.AtomicFiles;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.formats.model.ModelReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mlp4j predict}: a model's predictions for every row of a file, as labels, probabilities or a Kaggle submission. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict every row of a data file with a model (labels, if any, are ignored).")
final class PredictCommand implements Callable<Integer> {
    enum Format { labels, probs, kaggle }

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model file.")
    Path model;

    @Option(names = "--data", paramLabel = "SPEC", required = true,
            description = "Rows to predict (a Kaggle test.csv without labels works); for a named dataset, its test split.")
    String data;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here (atomically) instead of stdout.")
    Path out;

    @Option(names = "--format", paramLabel = "F", defaultValue = "labels",
            description = "labels: one class name per line; probs: CSV of the outputs with a header; "
                    + "kaggle: 'ImageId,Label' with 1-based ids (the digit-recognizer format). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--threads", paramLabel = "T", description = "Threads (default: all processors).")
    Integer threads;

    @Mixin
    DebugOption debug;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        Cli.applyThreads(threads);
        ModelFile mf = ModelReader.read(model);
        Dataset raw = DataSources.loadForEvaluation(data, dataOptions.request(), System.err::println);
        Dataset features = Dataset.unlabeled(raw.features(), raw.rows(), raw.featureCount());
        Dataset d = Models.prepare(mf, features, model, data);
        float[] outputs = mf.network().predict(d.features(), d.rows(), Cli.kernels(threads));
        int width = mf.network().outputs();
        List<String> classes = mf.classNames();
        if (format != Format.probs && classes == null && width != 1) {
            throw new UsageException(model + " is a regression model: use --format probs for its outputs");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream p = new PrintStream(buffer, false, StandardCharsets.UTF_8)) {
            write(p, outputs, d.rows(), width, classes);
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

    private void write(PrintStream p, float[] outputs, int rows, int width, List<String> classes) throws IOException {
        switch (format) {
            case probs: {
                StringBuilder header = new StringBuilder();
                for (int j = 0; j < width; j++) {
                    header.append(j == 0 ? "" : ",").append(classes != null && classes.size() == width ? classes.get(j) : "output" + j);
                }
                p.println(header);
                for (int i = 0; i < rows; i++) {
                    StringBuilder line = new StringBuilder();
                    for (int j = 0; j < width; j++) {
                        line.append(j == 0 ? "" : ",").append(outputs[i * width + j]);
                    }
                    p.println(line);
                }
                break;
            }
            case kaggle:
                p.println("ImageId,Label");
                for (int i = 0; i < rows; i++) {
                    p.println((i + 1) + "," + className(outputs, i, width, classes));
                }
                break;
            default:
                for (int i = 0; i < rows; i++) {
                    p.println(className(outputs, i, width, classes));
                }
        }
    }

    private static String className(float[] outputs, int row, int width, List<String> classes) {
        int best = Network.predictedClass(outputs, row * width, width);
        return classes == null ? Integer.toString(best) : classes.get(best);
    }
}
