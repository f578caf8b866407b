package org.mlp4j.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.mlp4j.datasets.DataRequest;
import picocli.CommandLine.Option;

/** The options that say how to read a data file; shared by every command that reads one. */
final class DataOptions {
    @Option(names = "--labels", paramLabel = "FILE",
            description = "IDX labels file for an IDX images file (default: inferred from the *-images-idx3-ubyte name).")
    Path labels;

    @Option(names = "--label-column", paramLabel = "C",
            description = "CSV label column: a header name, a 0-based index, or 'last' "
                    + "(default: the column named 'label', else column 0).")
    String labelColumn;

    @Option(names = "--target-columns", paramLabel = "A,B", split = ",",
            description = "CSV regression target columns (names or 0-based indices); makes the task regression.")
    List<String> targetColumns;

    @Option(names = "--x-key", paramLabel = "KEY", description = "Pickle/.npz key holding the inputs.")
    String xKey;

    @Option(names = "--y-key", paramLabel = "KEY", description = "Pickle/.npz key holding the labels or targets.")
    String yKey;

    @Option(names = "--split", paramLabel = "S",
            description = "For a pickle holding (train, valid, test): which split to read (train, valid or test; default train).")
    String split;

    DataRequest request() {
        if (split != null && !Arrays.asList("train", "valid", "test").contains(split)) {
            throw new UsageException("--split must be train, valid or test, got '" + split + "'");
        }
        return DataRequest.defaults().labelsFile(labels).labelColumn(labelColumn).targetColumns(targetColumns)
                .xKey(xKey).yKey(yKey).split(split);
    }
}
