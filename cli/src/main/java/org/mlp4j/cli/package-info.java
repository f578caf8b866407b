/**
 * The {@code mlp4j} command line: picocli commands that parse flags, wire the engine, formats and datasets
 * together and print results — and nothing more (the work itself lives in those modules).
 *
 * <p>{@link org.mlp4j.cli.Main} is the entry point and owns the error contract: one line {@code mlp4j: error: …},
 * exit 2 for usage errors, 1 for data and runtime errors. {@link org.mlp4j.cli.Mlp4jCommand} lists the
 * subcommands; each {@code *Command} class is one of them, and the shared option groups are picocli mixins
 * ({@link org.mlp4j.cli.DataOptions}, {@link org.mlp4j.cli.DebugOption}). With {@code --json} a command prints
 * exactly one JSON object on standard output (its field names are a contract); progress goes to standard error.
 */
package org.mlp4j.cli;
