package org.mlp4j.cli;

import picocli.CommandLine.Option;

/** How much training progress {@code train} prints on stderr. */
final class ProgressOptions {
    @Option(names = {"-q", "--quiet"}, description = "No progress: print only the results, warnings and errors.")
    boolean quiet;

    @Option(names = "--log-every", paramLabel = "N", defaultValue = "1",
            description = "Print every N-th epoch's line (the last one always). Default: ${DEFAULT-VALUE}.")
    int logEvery;

    void check() {
        if (logEvery < 1) {
            throw new UsageException("--log-every must be >= 1, got " + logEvery);
        }
    }
}
