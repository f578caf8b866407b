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

    @Test
    void aRegressionNoBetterThanTheMeanWarns() throws Exception {
        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i < 100; i++) {
            sb.append(i % 10).append(',').append(1000 + 300 * Math.sin(i)).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("r.csv"), sb);
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target-columns", "y", "--epochs", "3", "--lr", "1e-6",
                "--layers", "auto,8,auto", "--model", dir.resolve("m.json").toString(), "--json");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.json().get("warnings").toString().contains("no better than always predicting the targets' mean"), r.out);
    }

    @Test
    void theMeanPredictorLossIsTheTargetVariance() {
        org.mlp4j.engine.data.Dataset d = org.mlp4j.engine.data.Dataset.regression(new float[4], 4, 1,
                new float[] {1, 3, 1, 3, 0, 0, 0, 4}, 2);
        // target 0: 1,1,0,0 → var 0.25; target 1: 3,3,0,4 → mean 2.5, var (0.25+0.25+6.25+2.25)/4 = 2.25
        assertEquals((0.25 + 2.25) / 2, RunWarnings.meanPredictorLoss(d, org.mlp4j.engine.Loss.MSE), 1e-9);
        assertEquals(0.5 * (0.25 + 2.25), RunWarnings.meanPredictorLoss(d, org.mlp4j.engine.Loss.HALF_SSE), 1e-9);
    }
}
