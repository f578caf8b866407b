package org.mlp4j.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.mlp4j.formats.ReadOptions;
import org.mlp4j.formats.io.MemoryBudget;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** Applied as soon as it is parsed, so every read of the command is held to it. */
    @Option(names = "--max-memory", paramLabel = "SIZE",
            description = "Memory the readers may allocate for one input (e.g. 2g, 512m; default: the heap that is left). "
                    + "Decompressed data may take half of it; a file asking for more is refused before allocating.")
    void maxMemory(String size) {
        try {
            MemoryBudget.setLimit(MemoryBudget.parse(size, Long.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--max-memory: " + e.getMessage());
        }
    }

    /** The request these options make; {@code --split} checked. */
    ReadOptions request() {
        if (split != null && !Arrays.asList("train", "valid", "test").contains(split)) {
            throw new UsageException("--split must be train, valid or test, got '" + split + "'");
        }
        return new ReadOptions(labels, labelColumn, targetColumns, null, null, xKey, yKey, split);
    }
}
