package org.mlp4j.formats.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.train.TrainingState;

/**
 * Finding 5 of the fuzzing report: Jackson's default 20 M-character string limit refused the models of networks
 * mlp4j trains (a 2048×2048 layer is one base64 string of 22 M characters). Any model it writes, it reads.
 */
class LargeModelTest {
    @TempDir
    Path dir;

    /** 2048 → 2560 → 10: the first layer's weights are 5.2 M floats, 21 M characters of base64. */
    private static Network large() {
        SplittableRandom rng = new SplittableRandom(7);
        float[] w1 = new float[2048 * 2560];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (float) rng.nextGaussian();
        }
        float[] w2 = new float[2560 * 10];
        w2[12345] = 0.5f;
        List<DenseLayer> layers = new ArrayList<>();
        layers.add(new DenseLayer(2048, 2560, Activation.RELU, 0f, w1, new float[2560]));
        layers.add(new DenseLayer(2560, 10, Activation.SOFTMAX, 0f, w2, new float[10]));
        return Network.of(2048, layers, Loss.CE);
    }

    @Test
    void aModelWithMoreThanTwentyMillionCharactersInOneArrayReadsBack() throws Exception {
        Network net = large();
        Path f = dir.resolve("large.json");
        ModelWriter.write(f, ModelFile.of(net));
        String text = Files.readString(f);
        int longest = 0;
        for (String part : text.split("\"")) {
            longest = Math.max(longest, part.length());
        }
        assertTrue(longest > 20_000_000, "longest string " + longest);
        Network back = ModelReader.read(f).network();
        assertArrayEquals(net.layers().get(0).weights(), back.layers().get(0).weights());
        assertEquals(0.5f, back.layers().get(1).weights()[12345]);
    }

    @Test
    void aCheckpointOfSuchAModelIsWrittenAndReadBack() throws Exception {
        Network net = large();
        TrainingState s = new TrainingState(new TrainingState.Position(0, 0, new int[] {2, 0, 1}, 0, 0, 0), 0, 0.1,
                new TrainingState.OptimizerState("sgd", new float[0][], 0), null, TrainingState.EarlyStoppingState.NONE,
                List.of());
        Path f = dir.resolve("large-ckpt.json");
        CheckpointFile.write(f, ModelFile.of(net), s, Map.of("batchSize", 3, "optimizer", "sgd"));
        Checkpoint back = CheckpointFile.read(f);
        assertArrayEquals(net.layers().get(0).weights(), back.model().network().layers().get(0).weights());
        assertArrayEquals(new int[] {2, 0, 1}, back.state().position().order());
    }
}
