package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Network;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.formats.model.ModelReader;
import org.mlp4j.formats.model.ModelWriter;
import picocli.CommandLine;

/**
 * A run's settings survive being recorded and put back: through the JSON of a model file or checkpoint, and onto the
 * command of a resumed run, which then records the very same settings. Between them the two runs below set every
 * setting to something other than its default, so a setting that {@link RunSettings} records but does not read back,
 * or reads back but does not apply, fails here.
 */
class RunSettingsTest {
    @TempDir
    Path dir;

    /** Momentum's settings, every data-reading flag, the validation file, early stopping on validation accuracy. */
    static final RunSettings NESTEROV = new RunSettings("nesterov", 0.03, 0.8, null, null, 1e-7, 1e-4, 0.02, 0.15,
            2.5, "step:0.9:2", "random", 4, 0.001, 16, 7, 42L, "glorot-uniform", "standard", "train.csv", null,
            "val_accuracy", 0.1, "stratified", List.of("off", "on"), "valid.csv", "labels.idx", "last",
            List.of("y1", "y2"), "features", "answers", "valid");

    /** Adam's settings and a held-out validation split (early stopping's monitor left to its default). */
    static final RunSettings ADAMW = new RunSettings("adamw", 0.002, null, 0.85, 0.99, null, null, 0.01, null, null,
            "plateau:0.5:3", null, 2, 0.0, 64, 30, 7L, "from start.json", "none", "digits", 0.2, "val_loss", null,
            "shuffle", null, null, null, null, null, null, null, null);

    @Test
    void betweenThemTheTwoRunsSetEverySetting() throws Exception {
        for (RecordComponent c : RunSettings.class.getRecordComponents()) {
            Object a = c.getAccessor().invoke(NESTEROV);
            Object b = c.getAccessor().invoke(ADAMW);
            assertNotNull(a != null ? a : b, "no run of this test sets " + c.getName());
        }
    }

    @Test
    void everySettingSurvivesTheJsonOfAModelFile() throws Exception {
        for (RunSettings s : List.of(NESTEROV, ADAMW)) {
            Path file = dir.resolve(s.optimizer() + ".json");
            Network net = Network.builder(2).dense(2, Activation.SOFTMAX).seed(1).build();
            ModelWriter.write(file, new ModelFile(net, null, null, s.toMap(), null));
            assertEquals(s, RunSettings.fromMap(ModelReader.read(file).training()));
        }
    }

    @Test
    void aResumedCommandRecordsTheSettingsItWasGiven() {
        for (RunSettings s : List.of(NESTEROV, ADAMW)) {
            TrainCommand resumed = new TrainCommand();
            CommandLine line = new CommandLine(resumed);
            line.parseArgs("--resume", "run.ckpt.json");
            s.applyTo(resumed, line.getParseResult());
            assertEquals(s, RunSettings.of(resumed, s.batchSize()));
        }
    }

    @Test
    void flagsGivenAgainOnResumeWinOverTheRecordedOnes() {
        TrainCommand resumed = new TrainCommand();
        CommandLine line = new CommandLine(resumed);
        line.parseArgs("--resume", "run.ckpt.json", "--epochs", "50", "--data", "moved.csv", "--label-column", "0");
        NESTEROV.applyTo(resumed, line.getParseResult());
        RunSettings now = RunSettings.of(resumed, 16);
        assertEquals(50, now.epochs());
        assertEquals("moved.csv", now.data());
        assertEquals("0", now.labelColumn());
        assertEquals(NESTEROV.optimizer(), now.optimizer());
    }
}
