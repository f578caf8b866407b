package org.mlp4j.formats.numpy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.formats.Split;

/**
 * Datasets from NumPy files, recognised by content: an {@code .npz} archive maps like a dict (see
 * {@link KeyPairs}), reading only the arrays it uses; a lone {@code .npy} array is features without labels.
 */
public final class NumpyDatasets {
    private NumpyDatasets() {
    }

    /**
     * The dataset in a {@code .npy} or {@code .npz} file.
     *
     * @param xKey  the features' array name in an {@code .npz}, or null for the known pairs
     * @param yKey  the labels' array name, or null for {@code xKey}'s usual partner
     * @param split {@code train} (null), {@code valid} or {@code test}
     */
    public static Dataset read(Path file, String xKey, String yKey, String split) throws IOException {
        return read(file, xKey, yKey, split, LabelKind.AUTO);
    }

    /** As {@link #read(Path, String, String, String)}, with the labels' meaning stated ({@code null}: auto). */
    public static Dataset read(Path file, String xKey, String yKey, String split, LabelKind labels) throws IOException {
        return NumpySource.open(file).read(Split.parse(split), xKey, yKey, labels);
    }

    /** True when the file holds the given split ({@code test}: {@code x_test}/{@code y_test} in an {@code .npz}). */
    public static boolean hasSplit(Path file, String split) throws IOException {
        return NumpySource.open(file).has(Split.parse(split));
    }

    /** True when the file starts like a zip archive (an {@code .npz}). */
    public static boolean isNpz(Path file) throws IOException {
        byte[] head = new byte[4];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (n < 4) {
                int r = in.read(head, n, 4 - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        }
        return NpzReader.isZip(head, n);
    }
}
