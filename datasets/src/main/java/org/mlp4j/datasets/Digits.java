package org.mlp4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.ReadOptions;
import org.mlp4j.formats.csv.CsvReader;

/**
 * The bundled 8×8 handwritten digits (UCI "Optical Recognition of Handwritten Digits", CC BY 4.0; see
 * {@code DIGITS-NOTICE.txt}): 1,797 rows of 64 pixels in 0..16, label last.
 *
 * <p>The train/test split is stratified and deterministic: within each class, in file order, every fourth row (the
 * 4th, 8th, …) is a test row — 25 % of every class, the same rows on every machine.
 */
public final class Digits {
    static final String RESOURCE = "digits.csv.gz";

    private Digits() {
    }

    /** All 1,797 rows, in file order. */
    public static Dataset all() throws IOException {
        InputStream resource = Digits.class.getResourceAsStream(RESOURCE);
        if (resource == null) {
            throw new IOException("the bundled " + RESOURCE + " is missing from the class path");
        }
        try (InputStream in = new java.util.zip.GZIPInputStream(resource, 1 << 16)) {
            return CsvReader.read("digits.csv.gz (bundled)", in,
                    ReadOptions.defaults().withLabelColumn("last").withHeader(false));
        }
    }

    /** The stratified 75/25 split described above. */
    public static LoadedData load() throws IOException {
        Dataset all = all();
        int[] seen = new int[all.classCount()];
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < all.rows(); i++) {
            int c = all.labels()[i];
            (++seen[c] % 4 == 0 ? test : train).add(i);
        }
        return new LoadedData(all.subset(train.stream().mapToInt(Integer::intValue).toArray()),
                all.subset(test.stream().mapToInt(Integer::intValue).toArray()), "digits (bundled, UCI, CC BY 4.0)");
    }
}
