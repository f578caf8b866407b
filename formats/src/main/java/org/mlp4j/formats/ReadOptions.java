package org.mlp4j.formats;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to read a data file, for the options that cannot be recognised from the file itself. Immutable; every
 * {@code withX} returns a copy. {@link #defaults()} reads every format the usual way.
 *
 * <ul>
 *   <li>{@link #labelsFile()} — IDX: the labels file paired with an images file (inferred from the name when
 *       absent).</li>
 *   <li>{@link #labelColumn()} — CSV: which column holds the class label: a header name, a 0-based index,
 *       {@code last} (or {@code -1}), or {@code none}. Default: the header column named {@code label} when there
 *       is a header (none if no column has that name: a Kaggle {@code test.csv}), else column 0.</li>
 *   <li>{@link #targetColumns()} — CSV: regression target columns (names or 0-based indices); when given, the
 *       result is a regression set and no label column is used.</li>
 *   <li>{@link #header()} — CSV: whether the first row is a header; null detects it (a non-numeric cell).</li>
 *   <li>{@link #classCount()} — the number of classes labels must lie in ({@code 0..classCount-1}); null derives
 *       it from the data (0..max label). Give it for a test set so its classes line up with the training set's.</li>
 *   <li>{@link #xKey()}, {@link #yKey()}, {@link #split()} — for container formats (pickles, {@code .npz}): the
 *       keys of the feature and label arrays and which split ({@code train}, {@code validation}, {@code test}) to
 *       take. Carried through for those readers; IDX and CSV ignore them.</li>
 * </ul>
 */
public final class ReadOptions {
    private static final ReadOptions DEFAULTS = new ReadOptions(null, null, List.of(), null, null, null, null, null);

    private final Path labelsFile;
    private final String labelColumn;
    private final List<String> targetColumns;
    private final Boolean header;
    private final Integer classCount;
    private final String xKey;
    private final String yKey;
    private final String split;

    private ReadOptions(Path labelsFile, String labelColumn, List<String> targetColumns, Boolean header,
                        Integer classCount, String xKey, String yKey, String split) {
        this.labelsFile = labelsFile;
        this.labelColumn = labelColumn;
        this.targetColumns = List.copyOf(targetColumns);
        this.header = header;
        this.classCount = classCount;
        this.xKey = xKey;
        this.yKey = yKey;
        this.split = split;
    }

    /** No options: everything is recognised or inferred. */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    public Path labelsFile() { return labelsFile; }
    public String labelColumn() { return labelColumn; }
    public List<String> targetColumns() { return targetColumns; }
    public Boolean header() { return header; }
    public Integer classCount() { return classCount; }
    public String xKey() { return xKey; }
    public String yKey() { return yKey; }
    public String split() { return split; }

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

    public ReadOptions withHeader(Boolean hasHeader) {
        return new ReadOptions(labelsFile, labelColumn, targetColumns, hasHeader, classCount, xKey, yKey, split);
    }

    public ReadOptions withClassCount(Integer count) {
        if (count != null && count < 1) {
            throw new IllegalArgumentException("class count must be >= 1, got " + count);
        }
        return new ReadOptions(labelsFile, labelColumn, targetColumns, header, count, xKey, yKey, split);
    }

    public ReadOptions withXKey(String key) {
        return new ReadOptions(labelsFile, labelColumn, targetColumns, header, classCount, key, yKey, split);
    }

    public ReadOptions withYKey(String key) {
        return new ReadOptions(labelsFile, labelColumn, targetColumns, header, classCount, xKey, key, split);
    }

    public ReadOptions withSplit(String name) {
        return new ReadOptions(labelsFile, labelColumn, targetColumns, header, classCount, xKey, yKey, name);
    }

    @Override
    public String toString() {
        return "ReadOptions[labelsFile=" + labelsFile + ", labelColumn=" + labelColumn + ", targetColumns="
                + targetColumns + ", header=" + header + ", classCount=" + classCount + ", xKey=" + xKey
                + ", yKey=" + yKey + ", split=" + split + "]";
    }
}
