package org.mlp4j.cli;

import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.parallel.WorkerPool;
import picocli.CommandLine.Option;

/** {@code --threads T}, shared by every command that computes (a picocli mixin). */
final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "T", description = "Threads (default: all processors).")
    Integer value;

    /** Sizes the shared worker pool for {@code --threads}; call before anything starts the pool. */
    void apply() {
        Cli.applyThreads(value);
    }

    /** Kernels that split work across the requested threads (default: the pool's size). */
    Kernels kernels() {
        return Cli.kernels(value);
    }

    /** The requested thread count, or the pool's default when none was given. */
    int count() {
        return value == null ? WorkerPool.defaultSize() : value;
    }

    /** The requested thread count, or null when none was given. */
    Integer requested() {
        return value;
    }
}
