package org.mlp4j.datasets;

import org.mlp4j.engine.data.Dataset;

/**
 * What a data SPEC resolved to: the rows to use (the training split of a named dataset, or the whole file), the
 * test split when the source has one (named datasets, pickles holding (train, valid, test)), and where it came from.
 */
public final class LoadedData {
    private final Dataset data;
    private final Dataset test;
    private final String origin;

    public LoadedData(Dataset data, Dataset test, String origin) {
        this.data = data;
        this.test = test;
        this.origin = origin;
    }

    /** The rows asked for (a named dataset's training split). */
    public Dataset data() { return data; }
    /** The source's own test split, or null. */
    public Dataset test() { return test; }
    /** A short description of where the rows came from (a path, or "bundled resource"). */
    public String origin() { return origin; }
}
