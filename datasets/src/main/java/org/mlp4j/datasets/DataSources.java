package org.mlp4j.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Consumer;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.DataReaders;
import org.mlp4j.formats.DataSource;
import org.mlp4j.formats.ReadOptions;
import org.mlp4j.formats.Split;

/**
 * Resolves a data SPEC — a dataset name or a file path — to rows, the one place where the command line meets the
 * readers. A name wins over a file of the same name only when no such file exists. A file is opened as a
 * {@link DataSource}, which says what splits it holds; {@link ReadOptions#split()} and {@link ReadOptions#xKey()}
 * choose explicitly, and otherwise each use takes the split that suits it.
 */
public final class DataSources {
    private DataSources() {
    }

    /**
     * The rows a SPEC names — a named dataset's training split, or a file's requested split (its training rows by
     * default) — plus the source's test split when it has one and the training rows were taken.
     */
    public static LoadedData load(String spec, ReadOptions request, Consumer<String> log) throws IOException {
        Path file = Paths.get(spec);
        if (!Files.exists(file) && NamedDatasets.isName(spec)) {
            return NamedDatasets.load(spec, log);
        }
        if (!Files.exists(file)) {
            throw new NoSuchFileException(spec + " (and it is not a dataset name: "
                    + String.join(", ", NamedDatasets.names()) + ")");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(spec + " is a directory; give a data file (e.g. its train-images-idx3-ubyte.gz)");
        }
        DataSource source = DataReaders.open(file);
        Split asked = Split.parse(request.split());
        Dataset data = source.read(asked, request);
        boolean ownTest = asked == Split.TRAIN && request.xKey() == null;
        Dataset test = ownTest && source.has(Split.TEST) ? source.read(Split.TEST, request) : null;
        return new LoadedData(data, test, file.toString());
    }

    /**
     * The rows to evaluate or predict: a named dataset's test split; a file's requested split, or its test split when
     * it has one and none was requested; else the whole file.
     */
    public static Dataset loadForEvaluation(String spec, ReadOptions request, Consumer<String> log) throws IOException {
        Path file = Paths.get(spec);
        if (!Files.exists(file) && NamedDatasets.isName(spec)) {
            return NamedDatasets.load(spec, log).test();
        }
        if (choosesItself(file, request)) {
            DataSource source = DataReaders.open(file);
            return source.read(source.has(Split.TEST) ? Split.TEST : Split.TRAIN, request);
        }
        return load(spec, request, log).data();
    }

    /**
     * The rows to validate on ({@code train --validation SPEC}): as {@link #loadForEvaluation}, except that a pickle
     * or {@code .npz} holding a {@code valid} split gives that split ({@code mnist.pkl.gz}'s 10,000 validation rows),
     * keeping its test split for testing. {@code --split} still chooses explicitly.
     */
    public static Dataset loadForValidation(String spec, ReadOptions request, Consumer<String> log) throws IOException {
        Path file = Paths.get(spec);
        if (choosesItself(file, request)) {
            DataSource source = DataReaders.open(file);
            Split split = source.has(Split.VALID) ? Split.VALID : source.has(Split.TEST) ? Split.TEST : Split.TRAIN;
            return source.read(split, request);
        }
        return loadForEvaluation(spec, request, log);
    }

    /** Whether a named dataset can be used without downloading. */
    public static boolean isAvailable(String name) {
        return NamedDatasets.isInstalled(name);
    }

    /** A file for which neither a split nor keys were asked: the use decides which split to take. */
    private static boolean choosesItself(Path file, ReadOptions request) {
        return request.split() == null && request.xKey() == null && Files.isRegularFile(file);
    }
}
