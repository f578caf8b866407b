package org.mlp4j.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.eval.Evaluation;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.formats.model.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mlp4j evaluate}: loss, accuracy, confusion matrix and per-class metrics of a model on labelled data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a model on labelled data: loss, accuracy, confusion matrix, per-class precision/recall/F1;",
            "for a regression model, loss, RMSE, MAE and R²."})
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model file.")
    Path model;

    @Option(names = "--data", paramLabel = "SPEC", required = true,
            description = "Labelled data; for a named dataset, its test split.")
    String data;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--json", description = "Print {\"loss\",\"accuracy\",\"confusion\",\"perClass\"} (regression: {\"loss\",\"rmse\",\"mae\",\"r2\",\"perTarget\"}) as one JSON object.")
    boolean json;

    @Mixin
    DebugOption debug;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        threads.apply();
        CommandInput input = CommandInput.forModel(model, data, dataOptions);
        ModelFile mf = input.model();
        input.warnings().forEach(w -> System.err.println("mlp4j: warning: " + w));
        Dataset d = input.prepare(input.rows());
        if (!d.hasTargets()) {
            throw new UsageException(data + " has no labels or targets to evaluate against (use predict)");
        }
        if (d.isClassification() != Models.isClassifier(mf)) {
            throw new UsageException(data + " has " + (d.isClassification() ? "class labels" : "regression targets")
                    + " but " + model + " is a " + (Models.isClassifier(mf) ? "classifier" : "regression model"));
        }
        if (!d.isClassification() && d.targetWidth() != mf.network().outputs()) {
            throw new UsageException(data + " has " + d.targetWidth() + " targets but " + model + " predicts "
                    + mf.network().outputs());
        }
        Kernels kernels = threads.kernels();
        Evaluation e = mf.network().evaluate(d, kernels);
        RegressionMetrics regression = e.isClassification() ? null : RegressionMetrics.of(
                mf.network().predict(d.features(), d.rows(), kernels), d.targets(), d.rows(), d.targetWidth(),
                mf.targetNames());
        if (json) {
            Map<String, Object> o = Json.evaluation(e);
            if (regression != null) {
                regression.putJson(o);
            }
            Json.print(System.out, o);
        } else {
            Reports.evaluation(System.out, "evaluation of " + model, e, d.rows(), regression);
        }
        return 0;
    }
}
