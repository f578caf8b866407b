package org.mlp4j.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.mlp4j.engine.data.Dataset;

/**
 * An opened data file that knows which {@link Split splits} it holds and reads any of them. Each format says what
 * its splits are: a pickle of {@code (train, valid, test)} pairs or an {@code .npz} with {@code x_test}/{@code y_test}
 * holds several; an IDX pair, a CSV file or a lone array is one set of rows, its {@link Split#TRAIN} split.
 *
 * <p>A source reads its file at most once however many splits are taken from it where the format allows (a pickle
 * is parsed once; an {@code .npz} reads only the arrays a split uses). Not thread-safe.
 */
public interface DataSource {
    /** The file this source reads. */
    Path file();

    /**
     * The splits the file holds, in {@code TRAIN, VALID, TEST} order; empty only when the file's layout is not one
     * the format understands (then {@link #read} says why).
     */
    List<Split> splits() throws IOException;

    /** Whether {@link #splits()} holds {@code split}. */
    default boolean has(Split split) throws IOException {
        return splits().contains(split);
    }

    /**
     * The rows of one split. Formats with splits fail on one the file lacks, naming what it holds; formats without
     * splits of their own (IDX, CSV) read the whole file whatever split is asked for. {@link ReadOptions#xKey()}
     * (container formats) chooses the rows by key instead; {@link ReadOptions#split()} is not consulted.
     */
    Dataset read(Split split, ReadOptions options) throws IOException;
}
