package org.mlp4j.datasets;

import org.mlp4j.engine.data.Dataset;

/**
 * What a data SPEC resolved to: the rows to use (the training split of a named dataset, or the whole file), the
 * test split when the source has one (named datasets, pickles holding (train, valid, test)), and where it came from.
 *
 * @param data   the rows asked for (a named dataset's training split)
 * @param test   the source's own test split, or null
 * @param origin a short description of where the rows came from (a path, or "bundled resource")
 */
public record LoadedData(Dataset data, Dataset test, String origin) {
}
