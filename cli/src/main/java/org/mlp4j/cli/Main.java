package org.mlp4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The {@code mlp4j} command. Errors print one line, {@code mlp4j: error: …}, and exit 2 for usage errors (bad flags,
 * refused combinations) or 1 for data and runtime errors; {@code --debug} adds the stack trace.
 */
public final class Main {
    /** Exit status of a usage error. */
    public static final int USAGE = 2;
    /** Exit status of a data or runtime error. */
    public static final int FAILURE = 1;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        return execute(commandLine(debug), debug, args);
    }

    /** Executes {@code args} on {@code cl}; every failure, {@link Error}s included, is one line and a status. */
    static int execute(CommandLine cl, boolean debug, String... args) {
        try {
            return cl.execute(args);
        } catch (Error e) {
            // picocli hands only Exceptions to the execution-exception handler; an Error (OutOfMemoryError,
            // StackOverflowError) would otherwise escape as a stack trace. Same one line, same exit status.
            return reportFailure(e, cl.getErr(), debug);
        }
    }

    private static int reportFailure(Throwable ex, PrintWriter err, boolean debug) {
        err.println("mlp4j: error: " + describe(ex));
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    static CommandLine commandLine(boolean debug) {
        CommandLine cl = new CommandLine(new Mlp4jCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        Version.applyToSubcommands(cl);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("mlp4j: error: " + oneLine(ex.getMessage()));
            if (debug) {
                ex.printStackTrace(err);
            } else {
                err.println("(see 'mlp4j " + commandPath(ex.getCommandLine()) + "--help')");
            }
            err.flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            int status = ex instanceof UsageException ? USAGE : FAILURE;
            err.println("mlp4j: error: " + describe(ex));
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return status;
        });
        return cl;
    }

    private static String commandPath(CommandLine cl) {
        StringBuilder sb = new StringBuilder();
        for (CommandLine c = cl; c.getParent() != null; c = c.getParent()) {
            sb.insert(0, c.getCommandName() + " ");
        }
        return sb.toString();
    }

    /** The exception's own message on one line, or its type when it has none. */
    static String describe(Throwable ex) {
        String message = ex.getMessage();
        if (ex instanceof OutOfMemoryError) {
            return "out of memory (" + message + "); give the JVM more with -Xmx, or use smaller batches";
        }
        if (ex instanceof StackOverflowError) {
            return "input nested too deeply to process (stack overflow)";
        }
        if (message == null || message.isBlank()) {
            return ex.getClass().getSimpleName();
        }
        if (ex instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + message;
        }
        if (ex instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + message;
        }
        return oneLine(message);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace("\r", " ").replace('\n', ' ').trim();
    }
}
