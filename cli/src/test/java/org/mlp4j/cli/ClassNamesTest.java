package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.formats.model.ModelReader;

/** {@code --class-names}, and {@code predict --format table} (id, predicted label, probabilities). */
class ClassNamesTest {
    @TempDir
    Path dir;

    static final String NAMES = "zero,one,two,three,four,five,six,seven,eight,nine";

    @Test
    void classNamesAreRecordedAndPredicted() throws Exception {
        Path model = dir.resolve("m.json");
        CliRun t = CliRun.of("train", "--class-names", NAMES, "--epochs", "5", "--model", model.toString());
        assertEquals(0, t.status, t.toString());
        assertEquals(List.of(NAMES.split(",")), ModelReader.read(model).classNames());
        assertTrue(t.out.contains("seven"), "the report uses the names: " + t.out);
        CliRun p = CliRun.of("predict", "--model", model.toString(), "--data", "digits");
        assertEquals(0, p.status, p.toString());
        assertTrue(p.out.lines().allMatch(l -> List.of(NAMES.split(",")).contains(l)), p.out);
        CliRun e = CliRun.of("evaluate", "--model", model.toString(), "--data", "digits", "--json");
        assertEquals(0, e.status, e.toString());
        assertTrue(e.json().get("accuracy").asDouble() > 0.8, e.out);
    }

    @Test
    void theWrongNumberOfNamesIsAUsageError() {
        CliRun r = CliRun.of("train", "--class-names", "a,b,c", "--epochs", "1", "--model", dir.resolve("m.json").toString());
        assertEquals(2, r.status, r.toString());
        assertTrue(r.err.contains("--class-names gives 3 names but digits has 10 classes"), r.err);
    }

    @Test
    void tableFormatHasIdPredictedLabelAndProbabilities() throws Exception {
        Path model = dir.resolve("m.json");
        assertEquals(0, CliRun.of("train", "--class-names", NAMES, "--epochs", "3", "--model", model.toString()).status);
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--data", "digits", "--format", "table");
        assertEquals(0, r.status, r.toString());
        List<String> lines = r.out.lines().toList();
        assertEquals("id,label," + NAMES, lines.get(0));
        assertEquals(446, lines.size());
        String[] cells = lines.get(1).split(",");
        assertEquals("1", cells[0]);
        double sum = 0;
        int best = 0;
        for (int j = 0; j < 10; j++) {
            double p = Double.parseDouble(cells[2 + j]);
            sum += p;
            best = p > Double.parseDouble(cells[2 + best]) ? j : best;
        }
        assertEquals(1.0, sum, 1e-5);
        assertEquals(NAMES.split(",")[best], cells[1], "the label is the most probable class");
    }

    @Test
    void longClassNamesKeepTheConfusionMatrixNarrow() {
        List<String> names = List.of("T-shirt/top", "Ankle boot");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Reports.evaluation(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), "test",
                new org.mlp4j.engine.eval.Evaluation(0.5, new int[][] {{3, 1}, {0, 4}}, names), 8);
        List<String> lines = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        int header = lines.indexOf("confusion matrix (rows = true class, columns = predicted class):") + 1;
        assertEquals("             T-shirt/… Ankle bo…", lines.get(header));
        assertEquals(" T-shirt/top         3         1", lines.get(header + 1));
        assertEquals("  Ankle boot         0         4", lines.get(header + 2));
    }
}
