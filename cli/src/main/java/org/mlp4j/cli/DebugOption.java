package org.mlp4j.cli;

import picocli.CommandLine.Option;

/**
 * {@code --debug}, accepted by every command. {@link Main} looks for it before parsing (so that even a parse error
 * can print its stack trace); declaring it here makes picocli accept it and list it in {@code --help}.
 */
final class DebugOption {
    @Option(names = "--debug", description = "Print stack traces with errors.")
    boolean debug;
}
