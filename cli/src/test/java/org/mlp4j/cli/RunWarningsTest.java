package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that finishes without learning (a far too high learning rate) is saved with a clear warning, not as if fine. */
class RunWarningsTest {
    @TempDir
    Path dir;

    @Test
    void aDeadRunWarnsOnStderrAndInJson() throws Exception {
        Path model = dir.resolve("dead.json");
        CliRun r = CliRun.of("train", "--lr", "50", "--epochs", "3", "--model", model.toString(), "--json");
        assertEquals(0, r.status, r.toString());
        assertTrue(Files.exists(model), "the NaN rule is the only one that withholds the model");
        JsonNode warnings = r.json().get("warnings");
        assertTrue(warnings.isArray() && warnings.size() >= 1, r.out);
        String all = warnings.toString();
        assertTrue(all.contains("far above where it started") || all.contains("at chance"), all);
        assertTrue(r.err.contains("mlp4j: warning: "), r.err);
    }

    @Test
    void aHealthyRunHasAnEmptyWarningsList() throws Exception {
        CliRun r = CliRun.of("train", "--epochs", "5", "--model", dir.resolve("m.json").toString(), "--json");
        assertEquals(0, r.status, r.toString());
        assertEquals(0, r.json().get("warnings").size(), r.out);
        assertTrue(!r.err.contains("warning"), r.err);
    }

    @Test
    void theTextReportSaysTheModelWasWrittenWithWarnings() {
        CliRun r = CliRun.of("train", "--lr", "50", "--epochs", "3", "--model", dir.resolve("m.json").toString());
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.contains("(with warnings, above)"), r.out);
    }
}
