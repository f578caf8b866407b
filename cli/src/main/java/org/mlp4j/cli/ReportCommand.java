package org.mlp4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.train.EpochStats;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.formats.model.ModelHistory;
import org.mlp4j.report.HistoryCsv;
import org.mlp4j.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mlp4j report}: the HTML report of a saved model on any labelled data. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a self-contained HTML report of a model on labelled data: summary, training curves "
                + "(from the model file or --history), confusion matrix, per-class metrics, images; regression plots."})
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model file.")
    Path model;

    @Option(names = "--data", paramLabel = "SPEC", required = true,
            description = "Labelled data; for a named dataset, its test split.")
    String data;

    @Option(names = "--history", paramLabel = "CSV",
            description = "Training history as train --history writes it (default: the history in the model file).")
    Path history;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "report.html",
            description = "Where to write the report (atomically). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--image-shape", paramLabel = "HxW",
            description = "How a row is an image (default: 8x8 for 64 features, 28x28 for 784).")
    String imageShape;

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
        ReportOptions.parseShape(imageShape);
        long start = System.nanoTime();
        CommandInput input = CommandInput.forModel(model, data, dataOptions);
        ModelFile mf = input.model();
        List<EpochStats> epochs = history != null ? HistoryCsv.read(history)
                : ModelHistory.fromColumns(model.toString(), mf.history());
        Dataset raw = input.rows();
        if (raw.featureCount() != mf.network().inputs()) {
            throw new UsageException(data + " has " + raw.featureCount() + " features but " + model + " takes "
                    + mf.network().inputs());
        }
        Dataset d = Models.withClasses(raw, mf.classNames(), data, model.toString());
        if (!d.hasTargets()) {
            throw new UsageException(data + " has no labels or targets to report on");
        }
        Kernels kernels = threads.kernels();
        RunFacts facts = new RunFacts().put("model file", model.toString()).put("data", data)
                .rows("rows", d.rows()).machine(kernels, threads.requested());
        ReportWriter.write(out, ReportOptions.input(model.getFileName().toString(), mf, d, data, epochs,
                ReportOptions.parseShape(imageShape), facts.toMap(), kernels));
        System.out.printf(Locale.ROOT, "report written to %s (%.2f s)%n", out, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
