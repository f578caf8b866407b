package org.mlp4j.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.mlp4j.engine.data.Dataset;

/**
 * The {@link DataSource} of a format without splits of its own (an IDX pair, a CSV file): one set of rows, its
 * {@link Split#TRAIN} split, read whole whatever split is asked for — a {@code --split} meant for a container given
 * with the training data must not break reading a CSV test file beside it.
 *
 * @param file   the file
 * @param reader how the format reads a whole file
 */
public record WholeFileSource(Path file, Reader reader) implements DataSource {
    /** Reads a whole file of one format. */
    @FunctionalInterface
    public interface Reader {
        /** The rows of {@code file}. */
        Dataset read(Path file, ReadOptions options) throws IOException;
    }

    @Override
    public List<Split> splits() {
        return List.of(Split.TRAIN);
    }

    @Override
    public Dataset read(Split split, ReadOptions options) throws IOException {
        return reader.read(file, options);
    }
}
