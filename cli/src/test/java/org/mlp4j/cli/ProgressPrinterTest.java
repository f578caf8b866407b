package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.train.EpochStats;

/** Progress output: --log-every, --quiet, and a live bar that fits the terminal. */
class ProgressPrinterTest {
    @TempDir
    Path dir;

    private static EpochStats epoch(int e) {
        return new EpochStats(e, 1.0 / e, 0.5, Double.NaN, Double.NaN, 0.01, 1000, 0.1);
    }

    @Test
    void logEveryPrintsEveryNthEpochAndTheLast() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressPrinter p = new ProgressPrinter(err, false, 80, 3, false);
        p.onTrainBegin(null, 7, 2);
        for (int e = 1; e <= 7; e++) {
            p.onBatchEnd(null, e, 1, 1);
            p.onBatchEnd(null, e, 2, 1);
            p.onEpochEnd(null, epoch(e));
        }
        p.onTrainEnd(null, null);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("epoch 3/7 "), lines.get(0));
        assertTrue(lines.get(1).startsWith("epoch 6/7 "), lines.get(1));
        assertTrue(lines.get(2).startsWith("epoch 7/7 "), lines.get(2));
    }

    @Test
    void aRunStoppedEarlyStillShowsItsLastEpoch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter p = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 80, 10, false);
        p.onTrainBegin(null, 100, 1);
        for (int e = 1; e <= 4; e++) {
            p.onBatchEnd(null, e, 1, 1);
            p.onEpochEnd(null, epoch(e));
        }
        p.onTrainEnd(null, null);
        assertEquals(List.of("epoch 4/100"), bytes.toString(StandardCharsets.UTF_8).lines()
                .map(l -> l.substring(0, l.indexOf("  "))).toList());
    }

    @Test
    void theLiveBarNeverExceedsTheTerminalWidth() {
        for (int columns : new int[] {40, 50, 80, 200}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ProgressPrinter p = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, columns, 1, false);
            p.onTrainBegin(null, 1000, 100000);
            p.onBatchEnd(null, 999, 100000, 12345.678);
            String drawn = bytes.toString(StandardCharsets.UTF_8).replace("\r\033[K", "");
            assertTrue(drawn.length() <= columns - 1, columns + " columns: '" + drawn + "' is " + drawn.length());
            assertTrue(drawn.startsWith("epoch 999/1000"), drawn);
        }
    }

    @Test
    void quietPrintsNoProgressButTheResults() {
        CliRun r = CliRun.of("train", "--quiet", "--epochs", "3", "--model", dir.resolve("m.json").toString());
        assertEquals(0, r.status, r.toString());
        assertTrue(!r.err.contains("epoch "), r.err);
        assertTrue(r.out.contains("test: accuracy") && r.out.contains("model written"), r.out);
    }

    @Test
    void logEveryThroughTheCommandLine() {
        CliRun r = CliRun.of("train", "--log-every", "5", "--epochs", "12", "--model", dir.resolve("m.json").toString());
        assertEquals(0, r.status, r.toString());
        assertEquals(List.of("epoch 5/12", "epoch 10/12", "epoch 12/12"), r.err.lines().filter(l -> l.startsWith("epoch "))
                .map(l -> l.substring(0, l.indexOf("  "))).toList());
    }

    @Test
    void terminalWidthParsesOnlyPlausibleColumnCounts() {
        assertEquals(120, TerminalWidth.parse("120"));
        assertEquals(null, TerminalWidth.parse("abc"));
        assertEquals(null, TerminalWidth.parse("5"));
        assertEquals(null, TerminalWidth.parse(null));
    }
}
