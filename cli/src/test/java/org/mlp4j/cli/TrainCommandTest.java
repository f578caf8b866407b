package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.Network;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.formats.model.ModelReader;
import org.mlp4j.formats.model.ModelWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlp4j train}: the README's main job and the behaviours scripts rely on. */
class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void aBareTrainLearnsTheBundledDigitsAndWritesAModel() throws Exception {
        Path model = dir.resolve("model.json");
        CliRun r = CliRun.of("train", "--model", model.toString());
        assertEquals(0, r.status, r.toString());
        assertTrue(r.err.contains("epoch 20/20"), r.err);
        String line = r.out.lines().filter(l -> l.startsWith("test: accuracy")).findFirst().orElseThrow();
        double accuracy = Double.parseDouble(line.replaceAll("test: accuracy ([0-9.]+),.*", "$1"));
        assertTrue(accuracy >= 0.95, line);
        assertTrue(r.out.contains("confusion matrix (rows = true class, columns = predicted class)"));
        ModelFile m = ModelReader.read(model);
        assertEquals(64, m.network().inputs());
        assertEquals(10, m.classNames().size());
        assertTrue(m.metrics().get("testAccuracy") instanceof Number);
    }

    @Test
    void jsonPrintsExactlyOneObjectWithTheHistoryAndTestMetrics() throws Exception {
        CliRun r = CliRun.of("train", "--epochs", "3", "--model", dir.resolve("m.json").toString(), "--json");
        assertEquals(0, r.status, r.toString());
        JsonNode j = r.json();
        assertEquals(3, j.get("epochs").size());
        for (String f : List.of("epoch", "loss", "accuracy", "valLoss", "valAccuracy", "seconds", "samplesPerSecond")) {
            assertTrue(j.get("epochs").get(0).has(f), f);
        }
        assertTrue(j.get("test").get("accuracy").asDouble() > 0.5);
        assertTrue(j.get("test").has("loss"));
        assertEquals(1, r.out.trim().lines().count(), "one line of JSON and nothing else on stdout");
    }

    @Test
    void validationSplitFillsTheValidationColumns() throws Exception {
        CliRun r = CliRun.of("train", "--epochs", "2", "--validation-split", "0.2", "--json",
                "--model", dir.resolve("m.json").toString());
        assertEquals(0, r.status, r.toString());
        JsonNode e = r.json().get("epochs").get(1);
        assertTrue(e.get("valAccuracy").asDouble() > 0 && e.get("valLoss").asDouble() > 0);
    }

    /** The step-by-step backprop example through the CLI: --from, a CSV with target columns, full batch, no scaling. */
    @Test
    void fromReproducesTheHandComputedSgdStep() throws Exception {
        Network net = Network.of(2, List.of(
                new DenseLayer(2, 2, Activation.SIGMOID, 0f, new float[] {0.15f, 0.25f, 0.20f, 0.30f}, new float[] {0.35f, 0.35f}),
                new DenseLayer(2, 2, Activation.SIGMOID, 0f, new float[] {0.40f, 0.50f, 0.45f, 0.55f}, new float[] {0.60f, 0.60f})),
                Loss.HALF_SSE);
        Path start = dir.resolve("start.json");
        ModelWriter.write(start, new ModelFile(net, null, null, java.util.Map.of(), java.util.Map.of()));
        Path csv = dir.resolve("sample.csv");
        Files.writeString(csv, "x1,x2,t1,t2\n0.05,0.10,0.01,0.99\n");
        Path out = dir.resolve("after.json");

        CliRun r = CliRun.of("train", "--from", start.toString(), "--data", csv.toString(), "--target-columns", "t1,t2",
                "--batch", "all", "--scale", "none", "--lr", "0.5", "--epochs", "1", "--model", out.toString(), "--json");
        assertEquals(0, r.status, r.toString());
        assertEquals(0.298371109, r.json().get("epochs").get(0).get("loss").asDouble(), 1e-6);
        Network after = ModelReader.read(out).network();
        float[] w2 = after.layers().get(1).weights();
        float[] w1 = after.layers().get(0).weights();
        assertEquals(0.358916480, w2[0], 1e-6, "w5");
        assertEquals(0.408666186, w2[2], 1e-6, "w6");
        assertEquals(0.511301270, w2[1], 1e-6, "w7");
        assertEquals(0.561370121, w2[3], 1e-6, "w8");
        assertEquals(0.149780716, w1[0], 1e-6, "w1");
        assertEquals(0.199561432, w1[2], 1e-6, "w2");
        assertEquals(0.249751144, w1[1], 1e-6, "w3");
        assertEquals(0.299502287, w1[3], 1e-6, "w4");
    }

    @Test
    void architectureFlagsAreRefusedWithFrom() throws Exception {
        Path model = dir.resolve("m.json");
        assertEquals(0, CliRun.of("train", "--epochs", "1", "--model", model.toString()).status);
        CliRun r = CliRun.of("train", "--from", model.toString(), "--layers", "64,10", "--model", dir.resolve("x.json").toString());
        assertEquals(2, r.status, r.toString());
        assertEquals(1, r.errorLines());
        assertTrue(r.err.contains("--layers cannot be combined with --from"), r.err);
    }

    @Test
    void aDivergingRunLeavesTheExistingModelByteIdentical() throws Exception {
        Path model = dir.resolve("m.json");
        assertEquals(0, CliRun.of("train", "--epochs", "1", "--model", model.toString()).status);
        byte[] before = Files.readAllBytes(model);
        CliRun r = CliRun.of("train", "--epochs", "5", "--lr", "1e6", "--scale", "none", "--model", model.toString());
        assertEquals(1, r.status, r.toString());
        assertTrue(r.err.contains("diverged") && r.err.contains("lower learning rate"), r.err);
        assertTrue(r.err.contains("was left as it was"), r.err);
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(model)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(model), files.toList(), "no temporary files left behind");
        }
    }

    @Test
    void historyCsvHasOneRowPerEpoch() throws Exception {
        Path history = dir.resolve("h.csv");
        CliRun r = CliRun.of("train", "--epochs", "3", "--optimizer", "adam", "--schedule", "step:0.5",
                "--history", history.toString(), "--model", dir.resolve("m.json").toString());
        assertEquals(0, r.status, r.toString());
        List<String> lines = Files.readAllLines(history);
        assertEquals("epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds", lines.get(0));
        assertEquals(4, lines.size());
        assertEquals(0.00025, Double.parseDouble(lines.get(3).split(",")[5]), 1e-12, "adam's 1e-3 halved twice");
    }
}
