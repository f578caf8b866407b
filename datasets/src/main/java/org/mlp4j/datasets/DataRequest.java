package org.mlp4j.datasets;

import java.nio.file.Path;
import java.util.List;

/**
 * How to read a data file, as the command line says it: the labels file of an IDX pair, the CSV label column or
 * regression target columns, and for pickles/NumPy files the keys and the split. Nulls mean "the default".
 */
public final class DataRequest {
    private Path labelsFile;
    private String labelColumn;
    private List<String> targetColumns;
    private String xKey;
    private String yKey;
    private String split;

    public static DataRequest defaults() {
        return new DataRequest();
    }

    public Path labelsFile() { return labelsFile; }
    public String labelColumn() { return labelColumn; }
    public List<String> targetColumns() { return targetColumns; }
    public String xKey() { return xKey; }
    public String yKey() { return yKey; }
    public String split() { return split; }

    public DataRequest labelsFile(Path p) { this.labelsFile = p; return this; }
    public DataRequest labelColumn(String c) { this.labelColumn = c; return this; }
    public DataRequest targetColumns(List<String> c) { this.targetColumns = c == null ? null : List.copyOf(c); return this; }
    public DataRequest xKey(String k) { this.xKey = k; return this; }
    public DataRequest yKey(String k) { this.yKey = k; return this; }
    public DataRequest split(String s) { this.split = s; return this; }

    /** The same request for another split (e.g. the test split of a pickle). */
    public DataRequest withSplit(String s) {
        DataRequest r = new DataRequest();
        r.labelsFile = labelsFile;
        r.labelColumn = labelColumn;
        r.targetColumns = targetColumns;
        r.xKey = xKey;
        r.yKey = yKey;
        r.split = s;
        return r;
    }
}
