package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every output path is checked before any work starts, and the error names the path the user gave, not a temp file. */
class OutputPathsTest {
    @TempDir
    Path dir;

    private static void assertRefusedBeforeTraining(CliRun r, String fragment) {
        assertEquals(2, r.status, r.toString());
        assertEquals(1, r.errorLines(), r.err);
        assertTrue(r.err.contains(fragment), r.err);
        assertFalse(r.err.contains(".tmp"), "no temporary file in the message: " + r.err);
        assertFalse(r.err.contains("epoch 1/"), "refused before training: " + r.err);
    }

    @Test
    void aModelPathInAMissingDirectoryIsRefusedBeforeTraining() {
        Path model = dir.resolve("nodir").resolve("m.json");
        assertRefusedBeforeTraining(CliRun.of("train", "--model", model.toString()),
                "--model " + model + ": the directory " + dir.resolve("nodir") + " does not exist");
    }

    @Test
    void aModelPathThatIsADirectoryIsRefusedBeforeTraining() {
        assertRefusedBeforeTraining(CliRun.of("train", "--model", dir.toString()), "--model " + dir + ": is a directory");
    }

    @Test
    void checkpointAndHistoryPathsAreCheckedToo() {
        Path bad = dir.resolve("nodir").resolve("x");
        assertRefusedBeforeTraining(CliRun.of("train", "--model", dir.resolve("m.json").toString(), "--checkpoint",
                bad.toString()), "--checkpoint " + bad);
        assertRefusedBeforeTraining(CliRun.of("train", "--model", dir.resolve("m.json").toString(), "--history",
                bad.toString()), "--history " + bad);
        assertFalse(Files.exists(dir.resolve("m.json")));
    }

    @Test
    void predictOutIsCheckedBeforeReadingTheModel() {
        Path out = dir.resolve("nodir").resolve("p.csv");
        CliRun r = CliRun.of("predict", "--model", dir.resolve("absent.json").toString(), "--data", "digits",
                "--out", out.toString());
        assertEquals(2, r.status, r.toString());
        assertTrue(r.err.contains("--out " + out), r.err);
    }

    @Test
    void convertOutputIsCheckedBeforeReading() {
        CliRun r = CliRun.of("convert", "digits", dir.toString());
        assertEquals(2, r.status, r.toString());
        assertTrue(r.err.contains(dir + ": is a directory"), r.err);
    }

    @Test
    void evaluateWithADirectoryAsTheModelNamesIt() {
        CliRun r = CliRun.of("evaluate", "--model", dir.toString(), "--data", "digits");
        assertEquals(1, r.status, r.toString());
        assertTrue(r.err.contains(dir + " is a directory, not a model file"), r.err);
    }

    @Test
    void aDirectoryWithoutWritePermissionIsRefused() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes anywhere");
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertRefusedBeforeTraining(CliRun.of("train", "--model", ro.resolve("m.json").toString()),
                    "cannot write in " + ro);
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
