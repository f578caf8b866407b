package org.mlp4j.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Consumer;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.DataFormat;
import org.mlp4j.formats.DataReaders;
import org.mlp4j.formats.ReadOptions;
import org.mlp4j.formats.numpy.ArrayDatasets;
import org.mlp4j.formats.numpy.NumpyDatasets;
import org.mlp4j.formats.numpy.NumpyFormat;
import org.mlp4j.formats.pickle.PickleDatasets;
import org.mlp4j.formats.pickle.PickleFormat;

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
        DataFormat format = DataReaders.detect(file);
        boolean ownTest = (request.split() == null || request.split().equals("train")) && request.xKey() == null;
        if (format instanceof PickleFormat) {
            Object root = PickleDatasets.load(file);
            Dataset data = fromPickle(root, file, request, request.split());
            Dataset test = ownTest && ArrayDatasets.hasSplit(root, "test") ? fromPickle(root, file, request, "test") : null;
            return new LoadedData(data, test, file.toString());
        }
        Dataset data = format.read(file, options(request));
        Dataset test = ownTest && hasNpzTestSplit(format, file) ? format.read(file, options(request.withSplit("test"))) : null;
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
        if (request.split() == null && request.xKey() == null && Files.isRegularFile(file)) {
            DataFormat format = DataReaders.detect(file);
            if (format instanceof PickleFormat) {
                Object root = PickleDatasets.load(file);
                return fromPickle(root, file, request, ArrayDatasets.hasSplit(root, "test") ? "test" : null);
            }
            if (hasNpzTestSplit(format, file)) {
                return format.read(file, options(request.withSplit("test")));
            }
        }
        return load(spec, request, log).data();
    }

    /**
     * The rows to validate on ({@code train --validation SPEC}): as {@link #loadForEvaluation}, except that a pickle
     * or {@code .npz} holding a {@code valid} split gives that split ({@code mnist.pkl.gz}'s 10,000 validation rows),
     * keeping its test split for testing. {@code --split} still chooses explicitly.
     */
    public static Dataset loadForValidation(String spec, DataRequest request, Consumer<String> log) throws IOException {
        Path file = Paths.get(spec);
        if (request.split() == null && request.xKey() == null && Files.isRegularFile(file)) {
            DataFormat format = DataReaders.detect(file);
            if (format instanceof PickleFormat) {
                Object root = PickleDatasets.load(file);
                if (ArrayDatasets.hasSplit(root, "valid")) {
                    return fromPickle(root, file, request, "valid");
                }
                return fromPickle(root, file, request, ArrayDatasets.hasSplit(root, "test") ? "test" : null);
            }
            if (format instanceof NumpyFormat && NumpyDatasets.isNpz(file) && NumpyDatasets.hasSplit(file, "valid")) {
                return format.read(file, options(request.withSplit("valid")));
            }
        }
        return loadForEvaluation(spec, request, log);
    }

    /** Whether a named dataset can be used without downloading. */
    public static boolean isAvailable(String name) {
        return NamedDatasets.isInstalled(name);
    }

    /**
     * One split of a pickle already parsed: a pickle is read once however many splits are taken from it
     * ({@code mnist.pkl.gz} is 17 MB of gzip).
     */
    private static Dataset fromPickle(Object root, Path file, DataRequest r, String split) throws IOException {
        return ArrayDatasets.toDataset(root, file.toString(), r.xKey(), r.yKey(), split, null);
    }

    /** An {@code .npz} with a test split (a cheap check: it lists the archive's entry names). */
    private static boolean hasNpzTestSplit(DataFormat format, Path file) throws IOException {
        return format instanceof NumpyFormat && NumpyDatasets.isNpz(file) && NumpyDatasets.hasSplit(file, "test");
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
