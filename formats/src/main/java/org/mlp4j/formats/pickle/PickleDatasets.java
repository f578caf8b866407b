package org.mlp4j.formats.pickle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.Split;
import org.mlp4j.formats.numpy.LabelKind;

/**
 * Datasets from pickle files ({@code .pkl}, {@code .pickle}, gzip-compressed or not), mapped as
 * {@link PickleArrays} describes: a dict with a known key pair or named keys, an {@code (x, y)} pair,
 * {@code (train, valid, test)} pairs. A file holding several concatenated pickles
 * ({@code pickle.dump(x, f); pickle.dump(y, f)}) is read as the tuple of them. To take several splits from one
 * file, parsing it once, use {@link PickleSource}.
 */
public final class PickleDatasets {
    private PickleDatasets() {
    }

    /**
     * The dataset in a pickle file.
     *
     * @param xKey  the features' dict key, or null for the known pairs
     * @param yKey  the labels' dict key, or null for {@code xKey}'s usual partner
     * @param split {@code train} (null), {@code valid} or {@code test}
     */
    public static Dataset read(Path file, String xKey, String yKey, String split) throws IOException {
        return read(file, xKey, yKey, split, LabelKind.AUTO);
    }

    /** As {@link #read(Path, String, String, String)}, with the labels' meaning stated ({@code null}: auto). */
    public static Dataset read(Path file, String xKey, String yKey, String split, LabelKind labels) throws IOException {
        return PickleArrays.toDataset(load(file), file.toString(), xKey, yKey, Split.parse(split), labels);
    }

    /** True when the file holds the given split ({@code test}: e.g. {@code x_test}, or a (train, valid, test) triple). */
    public static boolean hasSplit(Path file, String split) throws IOException {
        return PickleArrays.splits(load(file)).contains(Split.parse(split));
    }

    /** What the file holds: its one pickle, or a tuple of the pickles when several are concatenated. */
    public static Object load(Path file) throws IOException {
        List<Object> all = Unpickler.loadAll(file);
        return all.size() == 1 ? all.get(0) : new PyTuple(all, 1);
    }
}
