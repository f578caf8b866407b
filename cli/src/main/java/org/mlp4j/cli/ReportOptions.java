package org.mlp4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.train.EpochStats;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.report.ReportInput;
import org.mlp4j.report.ReportWriter;
import org.mlp4j.report.images.ImageShape;
import picocli.CommandLine.Option;

/** {@code train --report FILE [--image-shape HxW]}: write the HTML report after training. */
final class ReportOptions {
    @Option(names = "--report", paramLabel = "FILE",
            description = "After training, write a self-contained HTML report (summary, curves, confusion matrix, "
                    + "per-class metrics, misclassified images, first-layer weights; regression plots).")
    Path report;

    @Option(names = "--image-shape", paramLabel = "HxW",
            description = "How a row is an image in the report (default: 8x8 for 64 features, 28x28 for 784).")
    String imageShape;

    /** The parsed {@code --image-shape}, or null. */
    ImageShape shape() {
        return parseShape(imageShape);
    }

    static ImageShape parseShape(String spec) {
        if (spec == null) {
            return null;
        }
        try {
            return ImageShape.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--image-shape: " + e.getMessage());
        }
    }

    /** Fails now, before any training, when the report could not be written where the user asked. */
    void checkBeforeTraining(int features) {
        if (report == null) {
            if (imageShape != null) {
                throw new UsageException("--image-shape only applies with --report");
            }
            return;
        }
        OutputPaths.check("--report", report);
        ImageShape s = shape();
        if (s != null && s.pixels() != features) {
            throw new UsageException("--image-shape " + imageShape + " is " + s.pixels() + " pixels, but a row has "
                    + features + " features");
        }
    }

    /**
     * After training: the report on the test rows, else the validation rows, else the training rows (raw, before
     * scaling), headed {@code title} (the model file's name). Prints where it went and how long it took, unless
     * {@code quiet}.
     */
    void write(String title, ModelFile model, Dataset rawTest, Dataset rawValidation, Dataset rawTrain, String testName,
               List<EpochStats> history, Map<String, String> facts, Kernels kernels, PrintStream out, boolean quiet)
            throws IOException {
        if (report == null) {
            return;
        }
        Dataset data = rawTest != null ? rawTest : rawValidation != null ? rawValidation : rawTrain;
        String name = rawTest != null ? testName : rawValidation != null ? "the validation rows" : "the training rows";
        long start = System.nanoTime();
        data = Models.withClasses(data, model.classNames(), name, "the model");
        ReportWriter.write(report, input(title, model, data, name, history, shape(), facts, kernels));
        if (!quiet) {
            out.printf(Locale.ROOT, "report written to %s (%.2f s)%n", report, (System.nanoTime() - start) / 1e9);
        }
    }

    /** The report's input; a mismatch between model, data and image shape is a usage error. */
    static ReportInput input(String title, ModelFile model, Dataset data, String dataName, List<EpochStats> history,
                             ImageShape shape, Map<String, String> facts, Kernels kernels) {
        try {
            return new ReportInput(title, model, data, dataName, history, shape, facts, kernels);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
