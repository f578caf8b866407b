package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every error is one line, {@code mlp4j: error: …}, exit 2 for usage and 1 for data/runtime; nothing half-written. */
class ErrorsTest {
    @TempDir
    Path dir;

    private static void assertOneLineError(CliRun r, int status, String fragment) {
        assertEquals(status, r.status, r.toString());
        assertEquals(1, r.errorLines(), r.err);
        assertTrue(r.err.contains(fragment), r.err);
        assertTrue(!r.err.contains("\tat "), "no stack trace without --debug: " + r.err);
    }

    @Test
    void anUnknownFlagIsAUsageError() {
        assertOneLineError(CliRun.of("train", "--lerning-rate", "0.1"), 2, "--lerning-rate");
    }

    @Test
    void aMissingCommandIsAUsageError() {
        assertOneLineError(CliRun.of(), 2, "a command is required");
    }

    @Test
    void badFlagValuesAreUsageErrors() {
        assertOneLineError(CliRun.of("train", "--batch", "zero"), 2, "--batch");
        assertOneLineError(CliRun.of("train", "--optimizer", "lbfgs"), 2, "--optimizer");
        assertOneLineError(CliRun.of("train", "--layers", "64,abc,10"), 2, "--layers");
        assertOneLineError(CliRun.of("train", "--layers", "100,32,10"), 2, "the data has 64 features");
        assertOneLineError(CliRun.of("train", "--loss", "ce", "--output", "sigmoid"), 2, "needs --output softmax");
        assertOneLineError(CliRun.of("train", "--schedule", "linear"), 2, "schedule");
        assertOneLineError(CliRun.of("bench", "--gemm", "1,2"), 2, "M,N,K");
    }

    @Test
    void aMissingFileIsADataError() {
        assertOneLineError(CliRun.of("data", dir.resolve("nope.csv").toString()), 1, "nope.csv");
    }

    @Test
    void aRaggedCsvNamesTheLineAndNothingIsWritten() throws Exception {
        Path csv = Files.writeString(dir.resolve("ragged.csv"), "label,a,b\n1,2,3\n0,4\n");
        Path model = dir.resolve("m.json");
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--model", model.toString());
        assertOneLineError(r, 1, "ragged.csv: line 3");
        assertTrue(!Files.exists(model));
    }

    @Test
    void aBrokenModelFileNamesTheField() throws Exception {
        Path model = Files.writeString(dir.resolve("m.json"), "{\"format\":\"mlp4j-model\",\"version\":1,\"inputs\":2,\"loss\":\"ce\"}");
        assertOneLineError(CliRun.of("inspect", "--model", model.toString()), 1, "layers");
    }

    @Test
    void evaluatingWithAModelOfOtherWidthIsRefused() throws Exception {
        Path model = dir.resolve("xor.json");
        assertEquals(0, CliRun.of("train", "--data", "xor", "--epochs", "1", "--model", model.toString()).status);
        assertOneLineError(CliRun.of("evaluate", "--model", model.toString(), "--data", "digits"), 2, "64 features");
    }

    @Test
    void debugAddsTheStackTrace() {
        CliRun r = CliRun.of("data", dir.resolve("nope.csv").toString(), "--debug");
        assertEquals(1, r.status);
        assertTrue(r.err.contains("\tat "), r.err);
    }

    @Test
    void helpAndVersionWork() {
        CliRun help = CliRun.of("train", "--help");
        assertEquals(0, help.status);
        for (String flag : List.of("--data", "--layers", "--optimizer", "--early-stopping", "--resume", "--json")) {
            assertTrue(help.out.contains(flag), flag);
        }
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.status);
        assertTrue(version.out.startsWith("mlp4j "), version.out);
    }

    @Test
    void everySubcommandPrintsTheVersionWithDashV() {
        for (String cmd : List.of("train", "evaluate", "predict", "data", "datasets", "convert")) {
            for (String flag : List.of("-V", "--version")) {
                CliRun r = CliRun.of(cmd, flag);
                assertEquals(0, r.status, cmd + " " + flag + ": " + r);
                assertTrue(r.out.startsWith("mlp4j "), cmd + " " + flag + ": " + r.out);
            }
        }
    }

    @Test
    void aNegativeEpochCountIsAUsageErrorFoundBeforeTheDataIsRead() {
        CliRun r = CliRun.of("train", "--epochs", "-1", "--data", dir.resolve("absent.csv").toString());
        assertOneLineError(r, 2, "--epochs must be >= 1, got -1");
    }

    @Test
    void badSplitFractionsAreUsageErrorsFoundBeforeTheDataIsRead() {
        String absent = dir.resolve("absent.csv").toString();
        assertOneLineError(CliRun.of("train", "--validation-split", "1.5", "--data", absent), 2, "--validation-split");
        assertOneLineError(CliRun.of("train", "--test-split", "0", "--data", absent), 2, "--test-split");
        assertOneLineError(CliRun.of("train", "--split-mode", "random", "--data", absent), 2, "--split-mode");
        assertOneLineError(CliRun.of("train", "--log-every", "0", "--data", absent), 2, "--log-every");
    }
}
