package org.mlp4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mlp4j.datasets.DataSources;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.eval.Evaluation;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.formats.model.ModelReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mlp4j evaluate}: loss, accuracy, confusion matrix and per-class metrics of a model on labelled data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a model on labelled data: loss, accuracy, confusion matrix, per-class precision/recall/F1.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model file.")
    Path model;

    @Option(names = "--data", paramLabel = "SPEC", required = true,
            description = "Labelled data; for a named dataset, its test split.")
    String data;

    @Option(names = "--threads", paramLabel = "T", description = "Threads (default: all processors).")
    Integer threads;

    @Option(names = "--json", description = "Print {\"loss\",\"accuracy\",\"confusion\",\"perClass\"} as one JSON object.")
    boolean json;

    @Mixin
    DebugOption debug;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        Cli.applyThreads(threads);
        ModelFile mf = ModelReader.read(model);
        Dataset raw = DataSources.loadForEvaluation(data, dataOptions.request(), System.err::println);
        Dataset d = Models.prepare(mf, raw, model, data);
        if (!d.hasTargets()) {
            throw new UsageException(data + " has no labels or targets to evaluate against (use predict)");
        }
        Evaluation e = mf.network().evaluate(d, Cli.kernels(threads));
        if (json) {
            Json.print(System.out, Json.evaluation(e));
        } else {
            Reports.evaluation(System.out, "evaluation of " + model, e, d.rows());
        }
        return 0;
    }
}
