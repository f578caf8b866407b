package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect}: the Keras-style summary, aligned settings with short numbers, and {@code inspect --json}. */
class InspectCommandTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainOnce() {
        model = dir.resolve("m.json");
        CliRun r = CliRun.of("train", "--epochs", "3", "--layers", "auto,32,auto", "--validation-split", "0.1",
                "--optimizer", "adam", "--model", model.toString());
        assertEquals(0, r.status, r.toString());
    }

    @Test
    void printsTheSummaryTableWithOutputShapesActivationsAndTotals() {
        CliRun r = CliRun.of("inspect", "--model", model.toString());
        assertEquals(0, r.status, r.toString());
        List<String> lines = r.out.lines().toList();
        assertEquals("Model: " + model, lines.get(0));
        assertEquals("Layer (type)        Output Shape  Activation  Param #", lines.get(1));
        assertTrue(lines.contains("input (InputLayer)  (None, 64)                      0"), r.out);
        assertTrue(lines.contains("dense_1 (Dense)     (None, 32)    relu          2,080"), r.out);   // 64·32 + 32
        assertTrue(lines.contains("dense_2 (Dense)     (None, 10)    softmax         330"), r.out);   // 32·10 + 10
        assertTrue(lines.contains("Total params: 2,410"), r.out);
        assertTrue(lines.contains("Trainable params: 2,410"), r.out);
        assertTrue(r.out.contains("input scaling"), r.out);
        assertTrue(r.out.contains("history"), r.out);
    }

    @Test
    void settingsAndMetricsLineUpAndNumbersAreShort() {
        CliRun r = CliRun.of("inspect", "--model", model.toString());
        int valueColumn = -1;
        Pattern row = Pattern.compile("^(\\s*\\S+(?: \\S+)?)\\s{2,}(\\S.*)$");
        for (String line : r.out.lines().toList()) {
            if (line.startsWith("  ") || line.startsWith("loss") || line.startsWith("input scaling")) {
                Matcher m = row.matcher(line);
                assertTrue(m.matches(), line);
                int col = m.start(2);
                if (valueColumn < 0) {
                    valueColumn = col;
                }
                assertEquals(valueColumn, col, "values start in one column: '" + line + "'\n" + r.out);
            }
        }
        assertTrue(r.out.contains("  validationSplit  0.1"), r.out);
        for (String line : r.out.lines().toList()) {
            assertFalse(line.matches(".*\\d\\.\\d{7,}.*"), "no long decimals: " + line);
        }
    }

    @Test
    void jsonGivesTheSummaryAndEverySection() throws Exception {
        CliRun r = CliRun.of("inspect", "--model", model.toString(), "--json");
        assertEquals(0, r.status, r.toString());
        JsonNode j = r.json();
        assertEquals(64, j.get("inputs").asInt());
        assertEquals(3, j.get("layers").size());
        JsonNode dense1 = j.get("layers").get(1);
        assertEquals("dense_1", dense1.get("name").asText());
        assertEquals("Dense", dense1.get("type").asText());
        assertEquals(32, dense1.get("units").asInt());
        assertEquals("relu", dense1.get("activation").asText());
        assertEquals(2080, dense1.get("parameters").asLong());
        assertEquals(2410, j.get("totalParameters").asLong());
        assertEquals("ce", j.get("loss").asText());
        assertEquals(10, j.get("classes").size());
        assertEquals("x / 16", j.get("scaling").asText());
        assertEquals(0.0625, j.get("normalization").get("scale").asDouble());
        assertEquals("adam", j.get("training").get("optimizer").asText());
        assertTrue(j.get("metrics").has("valAccuracy"));
        assertEquals(3, j.get("epochs").asInt());
        assertEquals(r.out.strip(), r.out.lines().findFirst().orElse("").strip(), "one line of JSON on stdout");
    }

    @Test
    void aModelFileWithoutHistoryStillReads() throws Exception {
        // an older file: the same model without the optional history field
        String json = Files.readString(model);
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertTrue(tree.has("history"));
        tree.remove("history");
        Path old = dir.resolve("old.json");
        Files.writeString(old, tree.toString());
        CliRun r = CliRun.of("inspect", "--model", old.toString(), "--json");
        assertEquals(0, r.status, r.toString());
        assertEquals(0, r.json().get("epochs").asInt());
    }
}
