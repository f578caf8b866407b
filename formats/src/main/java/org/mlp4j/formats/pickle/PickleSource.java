package org.mlp4j.formats.pickle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.DataSource;
import org.mlp4j.formats.ReadOptions;
import org.mlp4j.formats.Split;
import org.mlp4j.formats.numpy.LabelKind;

/**
 * A pickle file as a {@link DataSource}: its splits are those its object graph holds ({@link PickleArrays}) — all
 * three for {@code mnist.pkl.gz}'s {@code (train, valid, test)}, train and test for a dict with
 * {@code x_train}/{@code x_test}, train alone for an {@code (x, y)} pair. The file is parsed once, on first use,
 * however many splits are taken ({@code mnist.pkl.gz} is 17 MB of gzip).
 */
public final class PickleSource implements DataSource {
    private final Path file;
    private Object root;

    /** A source for {@code file}; nothing is read until its splits or rows are asked for. */
    public PickleSource(Path file) {
        this.file = file;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public List<Split> splits() throws IOException {
        return PickleArrays.splits(root());
    }

    @Override
    public Dataset read(Split split, ReadOptions options) throws IOException {
        return PickleArrays.toDataset(root(), file.toString(), options.xKey(), options.yKey(), split, LabelKind.AUTO);
    }

    private Object root() throws IOException {
        if (root == null) {
            root = PickleDatasets.load(file);
        }
        return root;
    }
}
