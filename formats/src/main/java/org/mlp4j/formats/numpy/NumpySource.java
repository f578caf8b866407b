package org.mlp4j.formats.numpy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.DataSource;
import org.mlp4j.formats.ReadOptions;
import org.mlp4j.formats.Split;

/**
 * A NumPy file as a {@link DataSource}. An {@code .npz} archive holds the splits its key names say
 * ({@link KeyPairs}: {@code x_test}/{@code y_test} is a test split) and reads only the arrays a split uses; a lone
 * {@code .npy} array is one split, {@link Split#TRAIN}, of features without labels.
 */
public final class NumpySource implements DataSource {
    private final Path file;
    /** The archive's entry names, or null for an {@code .npy}. */
    private final List<String> keys;

    private NumpySource(Path file, List<String> keys) {
        this.file = file;
        this.keys = keys;
    }

    /** Opens {@code file}: an {@code .npz} has its entry list read (cheap), an {@code .npy} nothing yet. */
    public static NumpySource open(Path file) throws IOException {
        return new NumpySource(file, NumpyDatasets.isNpz(file) ? NpzReader.names(file) : null);
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public List<Split> splits() {
        return keys == null ? List.of(Split.TRAIN) : KeyPairs.splits(keys);
    }

    @Override
    public Dataset read(Split split, ReadOptions options) throws IOException {
        return read(split, options.xKey(), options.yKey(), LabelKind.AUTO);
    }

    /** One split, or the arrays {@code xKey} and {@code yKey} name, with the labels' meaning stated. */
    Dataset read(Split split, String xKey, String yKey, LabelKind labels) throws IOException {
        String name = file.toString();
        if (keys == null) {
            NdArray array = NpyReader.read(file);
            if (xKey != null || yKey != null) {
                throw new DataFormatException(name, "top level", "keys were given but the file holds " + array
                        + ", not a dict");
            }
            if (split != Split.TRAIN) {
                throw noSplit(split, array.toString());
            }
            return ArrayDatasets.build(array, "the array", null, null, name, labels);
        }
        KeyPairs.Pick pick = KeyPairs.select(keys, name, xKey, yKey, split);
        if (pick == null) {
            throw noSplit(split, "an archive with keys " + keys);
        }
        NdArray x = NpzReader.read(file, pick.x());
        NdArray y = pick.y() == null ? null : NpzReader.read(file, pick.y());
        return ArrayDatasets.build(x, "key '" + pick.x() + "'", y, pick.y() == null ? null : "key '" + pick.y() + "'",
                name, labels);
    }

    private DataFormatException noSplit(Split split, String holds) {
        return new DataFormatException(file.toString(), "split " + split.label(), "the file has no " + split.label()
                + " split: it holds " + holds);
    }
}
