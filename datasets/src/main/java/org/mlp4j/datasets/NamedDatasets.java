package org.mlp4j.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.mlp4j.engine.data.Synthetic;

/** The datasets mlp4j knows by name: {@code digits}, {@code fashion-mnist}, {@code mnist}, {@code xor}, {@code spirals}, {@code blobs}. */
public final class NamedDatasets {
    /** Seeds of the synthetic sets' splits: fixed, so "spirals" means the same rows everywhere. */
    static final long TRAIN_SEED = 1;
    static final long TEST_SEED = 2;

    /**
     * One line of {@code mlp4j datasets}.
     *
     * @param name        the dataset's name
     * @param description what it is
     * @param status      where it comes from: bundled, found in a directory, to download, or synthetic
     */
    public record Entry(String name, String description, String status) {
    }

    private NamedDatasets() {
    }

    /** The names, in the order {@code mlp4j datasets} lists them. */
    public static List<String> names() {
        return List.of("digits", "fashion-mnist", "mnist", "xor", "spirals", "blobs");
    }

    /** Whether {@code spec} is one of the {@link #names()} (in any case). */
    public static boolean isName(String spec) {
        return names().contains(spec.toLowerCase(Locale.ROOT));
    }

    static IdxDataset idx(String name, DataDirectories dirs) {
        return name.equals("mnist") ? IdxDataset.mnist(dirs) : IdxDataset.fashionMnist(dirs);
    }

    /** Loads a named dataset's train and test splits (downloading an IDX dataset when it is not installed). */
    public static LoadedData load(String name, Consumer<String> log) throws IOException {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "digits":
                return Digits.load();
            case "fashion-mnist":
            case "mnist":
                return idx(name.toLowerCase(Locale.ROOT), DataDirectories.fromEnvironment()).load(log);
            case "xor":
                return new LoadedData(Synthetic.xor(400, TRAIN_SEED), Synthetic.xor(200, TEST_SEED), "xor (synthetic)");
            case "spirals":
                return new LoadedData(Synthetic.spirals(100, 3, TRAIN_SEED), Synthetic.spirals(50, 3, TEST_SEED),
                        "spirals (synthetic)");
            case "blobs":
                return new LoadedData(Synthetic.blobs(600, 2, 3, TRAIN_SEED), blobsTest(), "blobs (synthetic)");
            default:
                throw new IllegalArgumentException("no dataset named '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
    }

    /** Test rows around the same centres as the training rows (the centres come first from the seeded generator). */
    private static org.mlp4j.engine.data.Dataset blobsTest() {
        org.mlp4j.engine.data.Dataset both = Synthetic.blobs(900, 2, 3, TRAIN_SEED);
        return both.slice(600, 900);
    }

    /** Whether a named dataset can be loaded without a download. */
    public static boolean isInstalled(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("fashion-mnist") || n.equals("mnist")) {
            return idx(n, DataDirectories.fromEnvironment()).find() != null;
        }
        return isName(n);
    }

    /** Every named dataset with where it is, or how to get it. */
    public static List<Entry> list() {
        DataDirectories dirs = DataDirectories.fromEnvironment();
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("digits", "8×8 handwritten digits (UCI, CC BY 4.0): 1,797 rows, 64 features, 10 classes; "
                + "stratified 75/25 split", "bundled with mlp4j"));
        for (String n : List.of("fashion-mnist", "mnist")) {
            IdxDataset d = idx(n, dirs);
            Path found = d.find();
            entries.add(new Entry(n, d.description(), found != null ? "found in " + found
                    : "not installed: downloaded on first use to " + dirs.downloadTarget(n) + " (searched "
                    + dirs.candidates(n) + ")" + (n.equals("fashion-mnist") ? "; or apt-get install dataset-fashion-mnist" : "")));
        }
        entries.add(new Entry("xor", "noisy XOR of two inputs: 400 train + 200 test rows, 2 classes", "synthetic (seeded)"));
        entries.add(new Entry("spirals", "three interleaved spirals (cs231n): 300 train + 150 test rows, 3 classes", "synthetic (seeded)"));
        entries.add(new Entry("blobs", "three Gaussian blobs in 2-D: 600 train + 300 test rows, 3 classes", "synthetic (seeded)"));
        return entries;
    }
}
