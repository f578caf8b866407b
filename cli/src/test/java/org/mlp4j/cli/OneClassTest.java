package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data with a single class is an error (train) or a warning (data, evaluate) that names the probable label column; never a crash. */
class OneClassTest {
    @TempDir
    Path dir;

    /** {@code np.savetxt(np.column_stack([X, y]))}: no header, the label last, column 0 an all-zero pixel. */
    private Path columnStack() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append("0,").append(i % 5).append(',').append(i * 3 % 7).append(',').append(i % 3).append('\n');
        }
        return Files.writeString(dir.resolve("stack.csv"), sb);
    }

    @Test
    void trainingOnOneClassIsAnErrorThatSuggestsTheLastColumn() throws Exception {
        Path model = dir.resolve("m.json");
        CliRun r = CliRun.of("train", "--data", columnStack().toString(), "--epochs", "2", "--model", model.toString());
        assertEquals(1, r.status, r.toString());
        assertEquals(1, r.errorLines(), r.err);
        assertTrue(r.err.contains("every row has the same label ('0')"), r.err);
        assertTrue(r.err.contains("--label-column last"), r.err);
        assertFalse(r.err.contains("Index"), r.err);
        assertFalse(Files.exists(model));
    }

    @Test
    void theSuggestedColumnTrains() throws Exception {
        CliRun r = CliRun.of("train", "--data", columnStack().toString(), "--label-column", "last", "--epochs", "2",
                "--model", dir.resolve("m.json").toString(), "--json");
        assertEquals(0, r.status, r.toString());
    }

    @Test
    void dataWarnsAboutOneClass() throws Exception {
        CliRun r = CliRun.of("data", columnStack().toString());
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.contains("classes   1"), r.out);
        assertTrue(r.err.contains("mlp4j: warning:") && r.err.contains("--label-column last"), r.err);
    }

    @Test
    void aHeaderCsvWithOneClassIsAnErrorNotACrash() throws Exception {
        Path one = Files.writeString(dir.resolve("one.csv"), "label,a,b\n0,1,2\n0,2,3\n0,3,1\n0,0,1\n");
        CliRun r = CliRun.of("train", "--data", one.toString(), "--epochs", "2", "--model", dir.resolve("m.json").toString());
        assertEquals(1, r.status, r.toString());
        assertTrue(r.err.contains("only one class"), r.err);
    }

    @Test
    void evaluatingOnOneClassDataWarnsButEvaluates() throws Exception {
        Path model = dir.resolve("m.json");
        Path csv = Files.writeString(dir.resolve("two.csv"), "label,a,b\n0,1,2\n1,2,3\n0,3,1\n1,0,1\n0,1,1\n1,2,2\n");
        assertEquals(0, CliRun.of("train", "--data", csv.toString(), "--epochs", "2", "--model", model.toString()).status);
        Path zeros = Files.writeString(dir.resolve("zeros.csv"), "label,a,b\n0,1,2\n0,2,3\n0,3,1\n");
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", zeros.toString());
        assertEquals(0, r.status, r.toString());
        assertTrue(r.err.contains("warning") && r.err.contains("same label"), r.err);
        assertTrue(r.out.contains("accuracy"), r.out);
    }

    /** A model written by an older mlp4j from one-class data: one sigmoid output, one class name. */
    @Test
    void aOneClassModelFileIsAClearErrorInEvaluateAndPredict() throws Exception {
        Path model = Files.writeString(dir.resolve("old.json"), "{\"format\":\"mlp4j-model\",\"version\":1,\"inputs\":2,"
                + "\"layers\":[{\"type\":\"dense\",\"units\":1,\"activation\":\"sigmoid\",\"weights\":{\"shape\":[2,1],"
                + "\"values\":[0.5,-0.5]},\"bias\":{\"shape\":[1],\"values\":[0]}}],\"loss\":\"bce\",\"classes\":[\"0\"]}");
        Path one = Files.writeString(dir.resolve("one.csv"), "label,a,b\n0,1,2\n0,2,3\n");
        for (String cmd : new String[] {"evaluate", "predict"}) {
            CliRun r = CliRun.of(cmd, "--model", model.toString(), "--data", one.toString());
            assertEquals(1, r.status, r.toString());
            assertEquals(1, r.errorLines(), r.err);
            assertTrue(r.err.contains("field classes") && r.err.contains("single class"), r.err);
        }
    }
}
