package org.mlp4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.mlp4j.datasets.DataSources;
import org.mlp4j.datasets.LoadedData;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.ReadOptions;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.formats.model.ModelReader;

/**
 * What a command reads before it does its work, read the same way by each: the rows of a data SPEC as
 * {@link DataOptions} ask, and — for a command that applies a model ({@code evaluate}, {@code predict},
 * {@code report}) — the model file first, whose target names fill in the CSV target columns, and the SPEC's rows
 * to evaluate (a named dataset's or a file's test split).
 *
 * @param modelFile the model file's path, or null for a data-only command ({@code data}, {@code convert})
 * @param model     the model read from it, or null
 * @param spec      the data SPEC as given
 * @param request   how the rows were read
 * @param loaded    the rows, and for a data-only command the source's own test split
 */
record CommandInput(Path modelFile, ModelFile model, String spec, ReadOptions request, LoadedData loaded) {

    /** A data-only command's input: SPEC's rows (a named dataset's training split) and its own test split. */
    static CommandInput data(String spec, DataOptions options) throws IOException {
        ReadOptions request = options.request();
        return new CommandInput(null, null, spec, request, DataSources.load(spec, request, System.err::println));
    }

    /** A model-applying command's input: the model, then SPEC's rows to evaluate, read to fit the model. */
    static CommandInput forModel(Path modelFile, String spec, DataOptions options) throws IOException {
        ModelFile model = ModelReader.read(modelFile);
        ReadOptions request = TargetNames.forModel(model.targetNames(), spec, options.request());
        Dataset rows = DataSources.loadForEvaluation(spec, request, System.err::println);
        return new CommandInput(modelFile, model, spec, request, new LoadedData(rows, null, spec));
    }

    /** The rows as read, before any scaling. */
    Dataset rows() {
        return loaded.data();
    }

    /** What looks wrong about the rows for the model: one-class labels, values on another scale. */
    List<String> warnings() {
        return Models.warnings(model, rows(), modelFile, spec, request);
    }

    /** {@code rows} (these rows, or a view of them) matched to the model: checked, re-indexed, scaled. */
    Dataset prepare(Dataset rows) {
        return Models.prepare(model, rows, modelFile, spec);
    }
}
