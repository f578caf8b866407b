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
}
