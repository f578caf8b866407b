package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real interruption: {@code mlp4j train --checkpoint} in its own JVM, stopped by a signal (SIGTERM, which runs the
 * same shutdown hook as Ctrl-C's SIGINT), leaves a checkpoint of the exact position and no model file; resuming it
 * finishes the run.
 */
@DisabledOnOs(OS.WINDOWS)
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void aSignalMidRunWritesACheckpointThatResumes() throws Exception {
        Path checkpoint = dir.resolve("run.ckpt.json");
        Path model = dir.resolve("model.json");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = startAndInterrupt("--checkpoint", checkpoint.toString(), "--checkpoint-every", "100000",
                "--model", model.toString());
        assertEquals(143, p.exitValue(), "killed by SIGTERM");
        String log = Files.readString(dir.resolve("log.txt"), StandardCharsets.UTF_8);
        assertTrue(Files.exists(checkpoint), log);
        assertTrue(log.contains("mlp4j: interrupted") && log.contains("continue with --resume " + checkpoint), log);
        assertTrue(!Files.exists(model), "an interrupted run writes no model");
        try (var left = Files.list(dir)) {
            List<String> names = left.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(List.of("log.txt", "run.ckpt.json"), names, "nothing half-written");
        }

        org.mlp4j.engine.train.TrainingState state = org.mlp4j.formats.model.CheckpointFile.read(checkpoint).state();
        assertTrue(state.position().epochsDone() >= 2, "stopped after epoch " + state.position().epochsDone());
        int target = state.position().epochsDone() + 2;
        CliRun r = CliRun.of("train", "--data", "spirals", "--resume", checkpoint.toString(), "--epochs", Integer.toString(target),
                "--model", model.toString(), "--json");
        assertEquals(0, r.status, r.toString());
        assertEquals(target, r.json().get("epochs").size(), "the resumed run finishes the epochs it had left");
        assertTrue(Files.exists(model));
    }

    @Test
    void withoutACheckpointTheMessageSaysTheRunIsLostAndHowToKeepTheNext() throws Exception {
        Path model = dir.resolve("model.json");
        startAndInterrupt("--model", model.toString());
        String log = Files.readString(dir.resolve("log.txt"), StandardCharsets.UTF_8);
        assertTrue(log.contains("mlp4j: interrupted") && log.contains("nothing was saved"), log);
        assertTrue(log.contains("--checkpoint FILE"), log);
        assertTrue(!Files.exists(model), "an interrupted run writes no model");
    }

    /**
     * Starts {@code train} on spirals in its own JVM with stdout and stderr redirected to log.txt (not a terminal),
     * waits until it is in epoch 3, sends SIGTERM and waits for the JVM to end.
     */
    private Process startAndInterrupt(String... extra) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "train", "--data", "spirals",
                "--epochs", "100000", "--batch", "8"));
        cmd.addAll(List.of(extra));
        Path log = dir.resolve("log.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !Files.readString(log).contains("epoch 3/")) {
            Thread.sleep(50);
        }
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ends");
        return p;
    }
}
