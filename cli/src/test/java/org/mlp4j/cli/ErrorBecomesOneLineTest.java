package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.formats.io.MemoryBudget;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Finding 2 of the fuzzing report: picocli hands only Exceptions to the execution-exception handler, so an
 * OutOfMemoryError escaped as a stack trace. Every failure is one {@code mlp4j: error:} line and exit 1.
 */
class ErrorBecomesOneLineTest {
    @TempDir
    Path dir;

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        final Error error;

        Boom(Error error) {
            this.error = error;
        }

        @Override
        public Integer call() {
            throw error;
        }
    }

    private static String run(Error error, boolean debug, int[] status) {
        CommandLine cl = Main.commandLine(debug);
        cl.addSubcommand("boom", new Boom(error));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        status[0] = Main.execute(cl, debug, "boom");
        return err.toString();
    }

    @Test
    void anOutOfMemoryErrorIsOneErrorLineWithAdviceAndExitStatusOne() {
        int[] status = new int[1];
        String err = run(new OutOfMemoryError("Java heap space"), false, status);
        assertEquals(Main.FAILURE, status[0]);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("mlp4j: error: out of memory (Java heap space); give the JVM more with -Xmx"), err);
        assertFalse(err.contains("OutOfMemoryError"), err);
    }

    @Test
    void aStackOverflowIsOneErrorLineToo() {
        int[] status = new int[1];
        String err = run(new StackOverflowError(), false, status);
        assertEquals(Main.FAILURE, status[0]);
        assertEquals("mlp4j: error: input nested too deeply to process (stack overflow)", err.strip());
    }

    @Test
    void debugAddsTheTraceOfAnErrorAfterTheLine() {
        int[] status = new int[1];
        String err = run(new OutOfMemoryError("Java heap space"), true, status);
        assertTrue(err.startsWith("mlp4j: error: out of memory"), err);
        assertTrue(err.lines().skip(1).findFirst().orElse("").equals("java.lang.OutOfMemoryError: Java heap space"), err);
        assertTrue(err.contains("\tat org.mlp4j.cli.ErrorBecomesOneLineTest"), err);
    }

    @Test
    void maxMemoryRefusesAFileThatWouldInflateBeyondIt() throws Exception {
        Path bomb = dir.resolve("bomb.pkl.gz");
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(bomb))) {
            gz.write(new byte[64 << 20]);
        }
        try {
            CliRun r = CliRun.of("data", bomb.toString(), "--max-memory", "8m");
            assertEquals(Main.FAILURE, r.status, r.toString());
            assertEquals(1, r.errorLines(), r.toString());
            assertTrue(r.err.contains(bomb + ": byte ") && r.err.contains("would inflate to 67108864 bytes"), r.err);
            assertTrue(r.err.contains("--max-memory 8.0 MB"), r.err);
        } finally {
            MemoryBudget.setLimit(Long.MAX_VALUE);
        }
    }

    @Test
    void aMaxMemoryThatIsNoSizeIsAUsageError() {
        CliRun r = CliRun.of("data", "digits", "--max-memory", "lots");
        assertEquals(Main.USAGE, r.status, r.toString());
        assertTrue(r.err.contains("--max-memory: expected a memory size like 512m or 2g, found 'lots'"), r.err);
    }
}
