package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.formats.model.ModelReader;

/** A model trained on 0..1 inputs, given raw 0..255 inputs, says so instead of quietly scoring badly. */
class InputRangeTest {
    @TempDir
    Path dir;

    private Path csv(String name, double scale) throws Exception {
        StringBuilder sb = new StringBuilder("label,a,b\n");
        for (int i = 0; i < 60; i++) {
            double a = (i % 10) / 9.0;
            double b = (i * 7 % 10) / 9.0;
            sb.append(a + b > 1 ? 1 : 0).append(String.format(Locale.ROOT, ",%.4f,%.4f%n", a * scale, b * scale));
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    @Test
    void evaluatingRawPixelsOnAModelTrainedOnScaledOnesWarns() throws Exception {
        Path model = dir.resolve("m.json");
        assertEquals(0, CliRun.of("train", "--data", csv("unit.csv", 1).toString(), "--epochs", "2",
                "--model", model.toString()).status);
        assertEquals(List.of(0.0, 1.0), ModelReader.read(model).training().get("inputRange"));
        Path raw = csv("raw.csv", 255);
        CliRun e = CliRun.of("evaluate", "--model", model.toString(), "--data", raw.toString());
        assertEquals(0, e.status, e.toString());
        assertTrue(e.err.contains("warning: " + raw + "'s values span 0..255, but " + model
                + " was trained on values in 0..1"), e.err);
        CliRun p = CliRun.of("predict", "--model", model.toString(), "--data", raw.toString());
        assertTrue(p.err.contains("values span 0..255"), p.err);
    }

    @Test
    void dataOnTheTrainingScaleDoesNotWarn() throws Exception {
        Path model = dir.resolve("m.json");
        Path unit = csv("unit.csv", 1);
        assertEquals(0, CliRun.of("train", "--data", unit.toString(), "--epochs", "2", "--model", model.toString()).status);
        CliRun e = CliRun.of("evaluate", "--model", model.toString(), "--data", unit.toString());
        assertFalse(e.err.contains("warning"), e.err);
    }

    @Test
    void aModelThatScalesItselfGivenPreScaledDataWarns() throws Exception {
        Path model = dir.resolve("m.json");
        assertEquals(0, CliRun.of("train", "--data", csv("raw.csv", 255).toString(), "--epochs", "2",
                "--model", model.toString()).status);
        CliRun e = CliRun.of("evaluate", "--model", model.toString(), "--data", csv("tiny.csv", 1).toString());
        assertTrue(e.err.contains("values span 0..1, but") && e.err.contains("stored scaling"), e.err);
    }
}
