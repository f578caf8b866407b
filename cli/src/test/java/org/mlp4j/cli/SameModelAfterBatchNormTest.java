package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.formats.model.ModelReader;

/**
 * Batch normalisation and bias-free layers changed the layer model; plain networks must train exactly as before.
 * {@code fixtures/model-before-batchnorm.json} was written by the code before that change with
 * {@code train --data digits --layers auto,32,auto --optimizer adam --epochs 2 --seed 7 --threads 1}; the same
 * command today gives the same parameters, bit for bit. It was written again, by the same command, when Adam's update
 * came to be computed with one division instead of two (the same quotient, last bits apart): that change was meant to
 * change these numbers, and this test had passed on the code just before it.
 */
class SameModelAfterBatchNormTest {
    @TempDir
    Path dir;

    @Test
    void theSameSeedTrainsTheSameModelAsBefore() throws Exception {
        Path model = dir.resolve("m.json");
        CliRun r = CliRun.of("train", "--data", "digits", "--layers", "auto,32,auto", "--optimizer", "adam",
                "--epochs", "2", "--seed", "7", "--threads", "1", "--model", model.toString());
        assertEquals(0, r.status, r.err);
        List<DenseLayer> now = ModelReader.read(model).network().layers();
        List<DenseLayer> before;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/model-before-batchnorm.json")) {
            before = ModelReader.read("model-before-batchnorm.json", in).network().layers();
        }
        assertEquals(before.size(), now.size());
        for (int l = 0; l < now.size(); l++) {
            assertArrayEquals(before.get(l).weights(), now.get(l).weights(), "weights of layer " + l);
            assertArrayEquals(before.get(l).bias(), now.get(l).bias(), "bias of layer " + l);
        }
    }
}
