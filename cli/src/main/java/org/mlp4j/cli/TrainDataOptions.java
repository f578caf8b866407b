package org.mlp4j.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code train}'s flags for holding rows out and naming classes. Recorded in the model's training settings. */
final class TrainDataOptions {
    @Option(names = "--test-split", paramLabel = "F",
            description = "Hold out this fraction of the training rows as the test set (instead of the source's own test split).")
    Double testSplit;

    @Option(names = "--split-mode", paramLabel = "M",
            description = "How --validation-split and --test-split pick rows: last (the last rows, as Keras), shuffle "
                    + "(a seeded random sample), stratified (the same fraction of every class). Default: last.")
    String splitMode;

    @Option(names = "--class-names", paramLabel = "A,B,…", split = ",",
            description = "Names of the classes in label order (0, 1, …), recorded in the model; "
                    + "named datasets bring their own (fashion-mnist: T-shirt/top, …, Ankle boot).")
    List<String> classNames;

    SplitMode mode() {
        return splitMode == null ? SplitMode.LAST : SplitMode.parse(splitMode);
    }
}
