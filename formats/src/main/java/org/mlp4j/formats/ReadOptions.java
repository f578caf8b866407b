package org.mlp4j.formats;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to read a data file, for the options that cannot be recognised from the file itself: the one request a
 * caller (the command line, a library user) hands to every reader. Immutable; every {@code withX} returns a copy.
 * {@link #defaults()} reads every format the usual way. Nulls mean "the default".
 *
 * @param labelsFile    IDX: the labels file paired with an images file (inferred from the name when null)
 * @param labelColumn   CSV: which column holds the class label: a header name, a 0-based index, {@code last}
 *                      (or {@code -1}), or {@code none}. Default: the header column named {@code label} when there
 *                      is a header (none if no column has that name: a Kaggle {@code test.csv}), else column 0
 * @param targetColumns CSV: regression target columns (names or 0-based indices); when not empty, the result is a
 *                      regression set and no label column is used. Never null (null becomes the empty list)
 * @param header        CSV: whether the first row is a header; null detects it (a non-numeric cell)
 * @param classCount    the number of classes labels must lie in ({@code 0..classCount-1}); null derives it from the
 *                      data (0..max label). Give it for a test set so its classes line up with the training set's
 * @param xKey          container formats (pickles, {@code .npz}): the key of the feature array; when given, it
 *                      chooses the rows instead of a split
 * @param yKey          container formats: the key of the label array (null: {@code xKey}'s usual partner)
 * @param split         which {@link Split} to take when the caller does not choose one ({@code train},
 *                      {@code valid}, {@code test}; null: the training rows). Formats without splits of their own
 *                      (IDX, CSV) ignore it
 */
public record ReadOptions(Path labelsFile, String labelColumn, List<String> targetColumns, Boolean header,
                          Integer classCount, String xKey, String yKey, String split) {
    private static final ReadOptions DEFAULTS = new ReadOptions(null, null, List.of(), null, null, null, null, null);

    /** Checks the class count and takes an unmodifiable copy of the target columns. */
    public ReadOptions {
        targetColumns = targetColumns == null ? List.of() : List.copyOf(targetColumns);
        if (classCount != null && classCount < 1) {
            throw new IllegalArgumentException("class count must be >= 1, got " + classCount);
        }
    }

    /** No options: everything is recognised or inferred. */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /** The IDX labels file; null to infer it from the images file's name. */
    public ReadOptions withLabelsFile(Path file) {
        return new ReadOptions(file, labelColumn, targetColumns, header, classCount, xKey, yKey, split);
    }

    /** A header name, a 0-based index, {@code last}/{@code -1}, or {@code none}; null for the default. */
    public ReadOptions withLabelColumn(String column) {
        return new ReadOptions(labelsFile, column, targetColumns, header, classCount, xKey, yKey, split);
    }

    /** Regression targets: header names or 0-based indices (also {@code last}/{@code -1}). */
    public ReadOptions withTargetColumns(List<String> columns) {
        Objects.requireNonNull(columns, "columns");
        return new ReadOptions(labelsFile, labelColumn, columns, header, classCount, xKey, yKey, split);
    }

    /** Whether the CSV's first row is a header; null to detect it. */
    public ReadOptions withHeader(Boolean hasHeader) {
        return new ReadOptions(labelsFile, labelColumn, targetColumns, hasHeader, classCount, xKey, yKey, split);
    }

    /** The number of classes labels lie in (at least 1); null to derive it from the labels. */
    public ReadOptions withClassCount(Integer count) {
        return new ReadOptions(labelsFile, labelColumn, targetColumns, header, count, xKey, yKey, split);
    }

    /** The feature array's key in a pickled dict or {@code .npz}; null for the known key pairs. */
    public ReadOptions withXKey(String key) {
        return new ReadOptions(labelsFile, labelColumn, targetColumns, header, classCount, key, yKey, split);
    }

    /** The label array's key; null for the feature key's usual partner. */
    public ReadOptions withYKey(String key) {
        return new ReadOptions(labelsFile, labelColumn, targetColumns, header, classCount, xKey, key, split);
    }

    /** The split to take when none is chosen otherwise: {@code train}, {@code valid}, {@code test}, or null. */
    public ReadOptions withSplit(String name) {
        return new ReadOptions(labelsFile, labelColumn, targetColumns, header, classCount, xKey, yKey, name);
    }
}
