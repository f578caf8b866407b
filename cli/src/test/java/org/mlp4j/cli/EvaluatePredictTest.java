package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate}, {@code predict} (labels, probs, kaggle), {@code inspect}, {@code data} on a freshly trained model. */
class EvaluatePredictTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void trainOnce() {
        model = dir.resolve("digits.json");
        CliRun r = CliRun.of("train", "--epochs", "5", "--model", model.toString());
        assertEquals(0, r.status, r.toString());
    }

    @Test
    void evaluateJsonHasLossAccuracyConfusionAndPerClassMetrics() throws Exception {
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", "digits", "--json");
        assertEquals(0, r.status, r.toString());
        JsonNode j = r.json();
        assertTrue(j.get("accuracy").asDouble() > 0.9);
        assertTrue(j.get("loss").asDouble() > 0);
        assertEquals(10, j.get("confusion").size());
        long total = 0;
        for (JsonNode row : j.get("confusion")) {
            for (JsonNode v : row) {
                total += v.asLong();
            }
        }
        assertEquals(445, total, "the digits test split");
        JsonNode c0 = j.get("perClass").get(0);
        for (String f : List.of("class", "precision", "recall", "f1", "support")) {
            assertTrue(c0.has(f), f);
        }
    }

    @Test
    void predictKaggleWritesOneBasedImageIds() throws Exception {
        Path out = dir.resolve("submission.csv");
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--data", "digits", "--format", "kaggle",
                "--out", out.toString());
        assertEquals(0, r.status, r.toString());
        List<String> lines = Files.readAllLines(out);
        assertEquals("ImageId,Label", lines.get(0));
        assertEquals(446, lines.size());
        assertTrue(lines.get(1).matches("1,[0-9]"), lines.get(1));
        assertTrue(lines.get(445).matches("445,[0-9]"), lines.get(445));
    }

    @Test
    void predictProbsHasAHeaderOfClassNamesAndRowsThatSumToOne() {
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--data", "digits", "--format", "probs");
        assertEquals(0, r.status, r.toString());
        List<String> lines = r.out.lines().toList();
        assertEquals("0,1,2,3,4,5,6,7,8,9", lines.get(0));
        double sum = 0;
        for (String v : lines.get(1).split(",")) {
            sum += Double.parseDouble(v);
        }
        assertEquals(1.0, sum, 1e-5);
    }

    /** A Kaggle digit-recognizer pair: train.csv with 'label' first, test.csv without it. */
    @Test
    void aKaggleStyleTrainCsvTrainsAndItsTestCsvPredicts() throws Exception {
        List<String> digits;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(
                Path.of("../datasets/src/main/resources/org/mlp4j/datasets/digits.csv.gz")))) {
            digits = new String(in.readAllBytes()).lines().toList();
        }
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            header.append(",pixel").append(i);
        }
        StringBuilder train = new StringBuilder("label" + header + "\n");
        StringBuilder test = new StringBuilder(header.substring(1) + "\n");
        for (int i = 0; i < digits.size(); i++) {
            String[] cells = digits.get(i).split(",");
            String pixels = String.join(",", java.util.Arrays.copyOf(cells, 64));
            if (i < 1500) {
                train.append(cells[64]).append(',').append(pixels).append("\r\n");
            } else {
                test.append(pixels).append("\r\n");
            }
        }
        Path trainCsv = Files.writeString(dir.resolve("train.csv"), train);
        Path testCsv = Files.writeString(dir.resolve("test.csv"), test);
        Path kaggleModel = dir.resolve("kaggle.json");
        CliRun t = CliRun.of("train", "--data", trainCsv.toString(), "--epochs", "10", "--model", kaggleModel.toString());
        assertEquals(0, t.status, t.toString());
        Path submission = dir.resolve("submission.csv");
        CliRun p = CliRun.of("predict", "--model", kaggleModel.toString(), "--data", testCsv.toString(),
                "--format", "kaggle", "--out", submission.toString());
        assertEquals(0, p.status, p.toString());
        List<String> lines = Files.readAllLines(submission);
        assertEquals(digits.size() - 1500 + 1, lines.size());
        int correct = 0;
        for (int i = 1500; i < digits.size(); i++) {
            String truth = digits.get(i).substring(digits.get(i).lastIndexOf(',') + 1);
            if (lines.get(i - 1500 + 1).endsWith("," + truth)) {
                correct++;
            }
        }
        assertTrue(correct > 0.9 * (digits.size() - 1500), correct + " correct");
    }

    @Test
    void inspectShowsArchitectureParametersAndSettings() {
        CliRun r = CliRun.of("inspect", "--model", model.toString());
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.contains("dense_1 (Dense)     (None, 128)   relu          8,320"), r.out);
        assertTrue(r.out.contains("Total params: 17,226"), r.out);
        assertTrue(r.out.contains("optimizer") && r.out.contains("sgd"), r.out);
    }

    @Test
    void dataJsonDescribesTheRawFile() throws Exception {
        CliRun r = CliRun.of("data", "digits", "--json");
        assertEquals(0, r.status, r.toString());
        JsonNode j = r.json();
        assertEquals(1352, j.get("rows").asInt());
        assertEquals(64, j.get("features").asInt());
        assertEquals(10, j.get("classes").size());
        assertEquals(0.0, j.get("min").asDouble());
        assertEquals(16.0, j.get("max").asDouble());
        for (String f : List.of("classCounts", "mean")) {
            assertTrue(j.has(f), f);
        }
    }

    @Test
    void datasetsListsEveryNamedDataset() {
        CliRun r = CliRun.of("datasets");
        assertEquals(0, r.status, r.toString());
        for (String n : List.of("digits", "fashion-mnist", "mnist", "xor", "spirals", "blobs")) {
            assertTrue(r.out.contains(n), n);
        }
    }
}
