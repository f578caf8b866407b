package org.mlp4j.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Consumer;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.DataReaders;
import org.mlp4j.formats.ReadOptions;
import org.mlp4j.formats.numpy.NumpyDatasets;
import org.mlp4j.formats.pickle.PickleDatasets;

/**
 * Resolves a data SPEC — a dataset name or a file path — to rows, the one place where the command line meets the
 * readers. A name wins over a file of the same name only when no such file exists.
 */
public final class DataSources {
    private DataSources() {
    }

    /**
     * The rows a SPEC names — a named dataset's training split, or a whole file (a pickle's requested split) — plus the
     * source's test split when it has one.
     */
    public static LoadedData load(String spec, DataRequest request, Consumer<String> log) throws IOException {
        Path file = Paths.get(spec);
        if (!Files.exists(file) && NamedDatasets.isName(spec)) {
            return NamedDatasets.load(spec, log);
        }
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(spec + " (and it is not a dataset name: "
                    + String.join(", ", NamedDatasets.names()) + ")");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(spec + " is a directory; give a data file (e.g. its train-images-idx3-ubyte.gz)");
        }
        Dataset data = DataReaders.read(file, options(request));
        Dataset test = null;
        boolean trainSplit = request.split() == null || request.split().equals("train");
        if (trainSplit && request.xKey() == null && hasOwnTestSplit(file)) {
            test = DataReaders.read(file, options(request.withSplit("test")));
        }
        return new LoadedData(data, test, file.toString());
    }

    /**
     * The rows to evaluate or predict: a named dataset's test split; a file's requested split, or its test split when
     * it has one and none was requested; else the whole file.
     */
    public static Dataset loadForEvaluation(String spec, DataRequest request, Consumer<String> log) throws IOException {
        Path file = Paths.get(spec);
        if (!Files.exists(file) && NamedDatasets.isName(spec)) {
            return NamedDatasets.load(spec, log).test();
        }
        if (request.split() == null && request.xKey() == null && Files.isRegularFile(file) && hasOwnTestSplit(file)) {
            return DataReaders.read(file, options(request.withSplit("test")));
        }
        return load(spec, request, log).data();
    }

    /** Whether a named dataset can be used without downloading. */
    public static boolean isAvailable(String name) {
        return NamedDatasets.isInstalled(name);
    }

    private static boolean hasOwnTestSplit(Path file) throws IOException {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".pkl") || n.endsWith(".pickle") || n.endsWith(".pkl.gz") || n.endsWith(".pickle.gz")) {
            return PickleDatasets.hasSplit(file, "test");
        }
        if (n.endsWith(".npz")) {
            return NumpyDatasets.hasSplit(file, "test");
        }
        return false;
    }

    static ReadOptions options(DataRequest r) {
        ReadOptions o = ReadOptions.defaults();
        if (r.labelsFile() != null) {
            o = o.withLabelsFile(r.labelsFile());
        }
        if (r.labelColumn() != null) {
            o = o.withLabelColumn(r.labelColumn());
        }
        if (r.targetColumns() != null) {
            o = o.withTargetColumns(r.targetColumns());
        }
        if (r.xKey() != null) {
            o = o.withXKey(r.xKey());
        }
        if (r.yKey() != null) {
            o = o.withYKey(r.yKey());
        }
        if (r.split() != null) {
            o = o.withSplit(r.split());
        }
        return o;
    }
}
