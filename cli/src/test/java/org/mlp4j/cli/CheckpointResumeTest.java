package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Network;
import org.mlp4j.formats.model.ModelReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints through the command line: a resumed run writes the same model as an uninterrupted one, bit for bit. */
class CheckpointResumeTest {
    @TempDir
    Path dir;

    static final String[] RUN = {"--data", "spirals", "--layers", "auto,32,16,auto", "--optimizer", "adam",
        "--dropout", "0.1", "--schedule", "step:0.9", "--batch", "16", "--seed", "5"};

    private static String[] args(String... extra) {
        String[] a = new String[1 + RUN.length + extra.length];
        a[0] = "train";
        System.arraycopy(RUN, 0, a, 1, RUN.length);
        System.arraycopy(extra, 0, a, 1 + RUN.length, extra.length);
        return a;
    }

    private static float[] weights(Path model) throws Exception {
        Network n = ModelReader.read(model).network();
        int size = 0;
        for (DenseLayer l : n.layers()) {
            size += l.weights().length + l.bias().length;
        }
        float[] all = new float[size];
        int o = 0;
        for (DenseLayer l : n.layers()) {
            System.arraycopy(l.weights(), 0, all, o, l.weights().length);
            o += l.weights().length;
            System.arraycopy(l.bias(), 0, all, o, l.bias().length);
            o += l.bias().length;
        }
        return all;
    }

    @Test
    void resumingFromACheckpointIsBitIdenticalToAnUninterruptedRun() throws Exception {
        Path whole = dir.resolve("whole.json");
        assertEquals(0, CliRun.of(args("--epochs", "6", "--model", whole.toString())).status);

        Path checkpoint = dir.resolve("run.ckpt.json");
        Path partial = dir.resolve("partial.json");
        CliRun first = CliRun.of(args("--epochs", "3", "--checkpoint", checkpoint.toString(), "--model", partial.toString()));
        assertEquals(0, first.status, first.toString());
        assertTrue(Files.exists(checkpoint));

        Path resumed = dir.resolve("resumed.json");
        CliRun second = CliRun.of("train", "--data", "spirals", "--resume", checkpoint.toString(), "--epochs", "6",
                "--model", resumed.toString(), "--json");
        assertEquals(0, second.status, second.toString());
        assertEquals(6, second.json().get("epochs").size(), "the history includes the checkpoint's epochs");
        assertArrayEquals(weights(whole), weights(resumed));
    }

    @Test
    void settingsFixedByTheCheckpointAreRefusedOnResume() throws Exception {
        Path checkpoint = dir.resolve("c.json");
        assertEquals(0, CliRun.of(args("--epochs", "1", "--checkpoint", checkpoint.toString(),
                "--model", dir.resolve("m.json").toString())).status);
        CliRun r = CliRun.of("train", "--data", "spirals", "--resume", checkpoint.toString(), "--lr", "0.5");
        assertEquals(2, r.status, r.toString());
        assertTrue(r.err.contains("--lr cannot be combined with --resume"), r.err);
    }

    /**
     * Every setting a checkpoint fixes survives the resume: early stopping on {@code --monitor accuracy} (which a
     * resumed run once replaced by loss), a shuffled {@code --validation-split}, a {@code --test-split}, class names and
     * the CSV label column. The resumed run stops at the same epoch with the same parameters as an uninterrupted one.
     */
    @Test
    void aResumedRunKeepsEverySettingOfTheRun() throws Exception {
        Path data = Files.writeString(dir.resolve("quadrants.csv"), quadrants(300));
        String[] run = {"train", "--data", data.toString(), "--label-column", "last", "--layers", "auto,16,auto",
            "--optimizer", "adam", "--lr", "0.02", "--early-stopping", "2", "--monitor", "accuracy", "--min-delta", "0.02",
            "--validation-split", "0.2", "--split-mode", "shuffle", "--test-split", "0.1", "--class-names", "off,on",
            "--batch", "16", "--seed", "3"};
        Path whole = dir.resolve("whole.json");
        CliRun w = CliRun.of(concat(run, "--epochs", "40", "--model", whole.toString(), "--json"));
        assertEquals(0, w.status, w.toString());
        int stoppedAt = w.json().get("epochs").size();
        assertTrue(stoppedAt < 40 && w.json().has("stopReason"), "early stopping on accuracy stops the run: " + w.out);

        Path checkpoint = dir.resolve("c.json");
        CliRun first = CliRun.of(concat(run, "--epochs", "2", "--checkpoint", checkpoint.toString(),
                "--model", dir.resolve("partial.json").toString()));
        assertEquals(0, first.status, first.toString());
        Path resumed = dir.resolve("resumed.json");
        CliRun second = CliRun.of("train", "--resume", checkpoint.toString(), "--epochs", "40",
                "--model", resumed.toString(), "--json");
        assertEquals(0, second.status, second.toString());
        assertEquals(stoppedAt, second.json().get("epochs").size(), "stops at the same epoch");
        assertEquals(w.json().get("test").toString(), second.json().get("test").toString(), "same test rows and result");
        assertArrayEquals(weights(whole), weights(resumed));
        assertEquals(java.util.List.of("off", "on"), ModelReader.read(resumed).classNames());
        assertEquals("accuracy", ModelReader.read(resumed).training().get("monitor"));
    }

    /**
     * The run a checkpoint resumes is the run that was interrupted: with every training setting away from its default,
     * the resumed run records exactly the settings the checkpoint holds (bar the epochs, given again).
     */
    @Test
    void aResumedRunRecordsTheCheckpointsSettings() throws Exception {
        Path data = Files.writeString(dir.resolve("quadrants.csv"), quadrants(200));
        Path checkpoint = dir.resolve("c.json");
        CliRun first = CliRun.of("train", "--data", data.toString(), "--label-column", "last", "--layers",
                "auto,12,auto", "--init", "glorot-uniform", "--scale", "standard", "--optimizer", "adamw", "--lr", "0.01",
                "--beta1", "0.85", "--beta2", "0.99", "--eps", "1e-7", "--l2", "1e-4", "--weight-decay", "0.02",
                "--dropout", "0.1", "--clip-norm", "3", "--schedule", "step:0.9", "--batches", "random",
                "--early-stopping", "5", "--min-delta", "0.001", "--monitor", "val_accuracy", "--validation-split", "0.2",
                "--split-mode", "stratified", "--test-split", "0.1", "--class-names", "off,on", "--batch", "16",
                "--seed", "4", "--epochs", "2", "--checkpoint", checkpoint.toString(),
                "--model", dir.resolve("partial.json").toString());
        assertEquals(0, first.status, first.toString());
        Path resumed = dir.resolve("resumed.json");
        CliRun second = CliRun.of("train", "--resume", checkpoint.toString(), "--epochs", "3",
                "--model", resumed.toString());
        assertEquals(0, second.status, second.toString());

        java.util.Map<String, Object> recorded = new java.util.LinkedHashMap<>(
                org.mlp4j.formats.model.CheckpointFile.read(checkpoint).settings());
        java.util.Map<String, Object> used = new java.util.LinkedHashMap<>(ModelReader.read(resumed).training());
        assertEquals(2, recorded.remove("epochs"));
        assertEquals(3, used.remove("epochs"));
        assertEquals(recorded, used);
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Two features, the label whether they share a sign: a CSV of {@code rows} rows, label last. */
    private static String quadrants(int rows) {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            double a = Math.sin(i * 0.37);
            double b = Math.cos(i * 0.91);
            csv.append(String.format(java.util.Locale.ROOT, "%.5f,%.5f,%d%n", a, b, a * b > 0 ? 1 : 0));
        }
        return csv.toString();
    }
}
