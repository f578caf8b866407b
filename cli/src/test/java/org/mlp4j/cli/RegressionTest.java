package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.formats.model.ModelReader;
import org.mlp4j.formats.model.ModelWriter;

/**
 * A regression model through the command line: {@code predict} prints its predicted values under the target column
 * names (which the model records, so {@code --target-columns} is not needed again, nor for {@code evaluate} and
 * {@code report}), and {@code evaluate} reports RMSE, MAE and R².
 */
class RegressionTest {
    @TempDir
    static Path dir;
    static Path csv;
    static Path model;

    /** price = 2·size + 3·rooms + 1, exactly, on 200 rows. */
    @BeforeAll
    static void trainOnce() throws Exception {
        StringBuilder sb = new StringBuilder("size,rooms,price\n");
        for (int i = 0; i < 200; i++) {
            double size = (i * 37 % 101) / 100.0;
            double rooms = (i * 11 % 7) / 7.0;
            sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f%n", size, rooms, 2 * size + 3 * rooms + 1));
        }
        csv = Files.writeString(dir.resolve("house.csv"), sb);
        model = dir.resolve("house.json");
        CliRun r = CliRun.of("train", "--data", csv.toString(), "--target-columns", "2", "--layers", "auto,16,auto",
                "--optimizer", "adam", "--lr", "0.01", "--epochs", "60", "--model", model.toString());
        assertEquals(0, r.status, r.toString());
    }

    @Test
    void theModelRecordsTheTargetColumnNamesAsTheHeaderSpellsThem() throws Exception {
        assertEquals(List.of("price"), ModelReader.read(model).targetNames());
    }

    @Test
    void predictPrintsValuesUnderTheTargetNameWithoutBeingToldTheTargetColumns() {
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--data", csv.toString());
        assertEquals(0, r.status, r.toString());
        List<String> lines = r.out.lines().toList();
        assertEquals("price", lines.get(0));
        assertEquals(201, lines.size());
        double first = Double.parseDouble(lines.get(1));
        assertEquals(1.0, first, 0.5, "row 1 is size 0, rooms 0: price 1, not a class index");
        double some = Double.parseDouble(lines.get(20));
        assertTrue(Math.abs(some - 1) > 0.3, "the values vary with the inputs: " + lines.subList(1, 25));
    }

    @Test
    void kaggleAndTableFormatsPutAnIdFirst() {
        CliRun k = CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(), "--format", "kaggle");
        assertEquals(0, k.status, k.toString());
        assertEquals("Id,price", k.out.lines().findFirst().orElseThrow());
        assertTrue(k.out.lines().skip(1).findFirst().orElseThrow().matches("1,[-0-9.E]+"), k.out);
        CliRun t = CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(), "--format", "table");
        assertEquals("id,price", t.out.lines().findFirst().orElseThrow());
        CliRun p = CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(), "--format", "probs");
        assertEquals("price", p.out.lines().findFirst().orElseThrow());
    }

    @Test
    void evaluateReportsRmseMaeAndR2() throws Exception {
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", csv.toString(), "--json");
        assertEquals(0, r.status, r.toString());
        JsonNode j = r.json();
        double rmse = j.get("rmse").asDouble();
        double mae = j.get("mae").asDouble();
        assertTrue(mae > 0 && mae <= rmse, "0 < MAE <= RMSE: " + j);
        assertEquals(j.get("loss").asDouble(), rmse * rmse, 1e-4 * Math.max(1, rmse * rmse), "mse loss = RMSE²");
        assertTrue(j.get("r2").asDouble() > 0.9, "a near-linear target is learned: " + j);
        assertEquals("price", j.get("perTarget").get(0).get("target").asText());
        CliRun text = CliRun.of("evaluate", "--model", model.toString(), "--data", csv.toString());
        assertTrue(text.out.contains("RMSE ") && text.out.contains("MAE ") && text.out.contains("R² "), text.out);
    }

    @Test
    void aModelFileWithoutTargetNamesPredictsValuesUnderOutputHeaders() throws Exception {
        Path old = dir.resolve("old.json");
        ModelWriter.write(old, ModelReader.read(model).withTargetNames(null));
        CliRun r = CliRun.of("predict", "--model", old.toString(), "--data", csv.toString(), "--target-columns", "price");
        assertEquals(0, r.status, r.toString());
        assertEquals("output0", r.out.lines().findFirst().orElseThrow());
        assertTrue(r.out.lines().skip(1).findFirst().orElseThrow().contains("."), "a value, not a class index: " + r.out);
    }

    @Test
    void reportFindsTheTargetColumnsTheModelRecordsAsEvaluateDoes() throws Exception {
        Path html = dir.resolve("house-report.html");
        CliRun r = CliRun.of("report", "--model", model.toString(), "--data", csv.toString(), "--out", html.toString());
        assertEquals(0, r.status, r.toString());
        assertTrue(Files.readString(html).contains("price"), "the report is about the price target");
    }
}
