package org.mlp4j.formats.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.Network;
import org.mlp4j.formats.DataFormatException;

/** The optional {@code targets} field (a regression model's output names) and one-output classifiers' class names. */
class ModelTargetsTest {
    @TempDir
    Path dir;

    static Network regression(int outputs) {
        float[] w = new float[2 * outputs];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5f * (i + 1);
        }
        return Network.of(2, List.of(new DenseLayer(2, outputs, Activation.IDENTITY, 0.01f, w, new float[outputs])), Loss.MSE);
    }

    static Network oneSigmoidOutput() {
        return Network.of(2, List.of(new DenseLayer(2, 1, Activation.SIGMOID, 0.01f, new float[] {1, 2}, new float[1])),
                Loss.BCE);
    }

    @Test
    void targetNamesRoundTrip() throws IOException {
        Path file = dir.resolve("m.json");
        ModelWriter.write(file, new ModelFile(regression(2), null, null, null, null, List.of("price", "rent")));
        assertTrue(Files.readString(file).contains("\"targets\""));
        assertEquals(List.of("price", "rent"), ModelReader.read(file).targetNames());
    }

    @Test
    void aFileWithoutTargetsStillReadsWithNoNames() throws IOException {
        ModelFile m = ModelFilesTest.read(ModelFilesTest.toJson(new ModelFile(regression(1), null, null, null, null)));
        assertNull(m.targetNames());
        assertEquals(1, m.network().outputs());
    }

    @Test
    void targetCountMustMatchTheOutputs() throws IOException {
        String json = ModelFilesTest.toJson(ModelFile.of(regression(2))).replace("\"loss\" : \"mse\"",
                "\"loss\" : \"mse\", \"targets\": [\"price\"]");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ModelFilesTest.read(json));
        assertTrue(e.getMessage().contains("field targets: names 1 targets, but the output layer has 2"), e.getMessage());
    }

    @Test
    void targetsAndClassesTogetherAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new ModelFile(oneSigmoidOutput(), List.of("a", "b"), null, null, null, List.of("y")));
    }

    @Test
    void aOneOutputClassifierWithOneClassNameIsRefusedClearly() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> new ModelFile(oneSigmoidOutput(), List.of("0"), null, null, null));
        String json = ModelFilesTest.toJson(new ModelFile(oneSigmoidOutput(), List.of("0", "1"), null, null, null))
                .replaceAll("\"classes\" : \\[[^]]*\\]", "\"classes\" : [\"0\"]");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ModelFilesTest.read(json));
        assertTrue(e.getMessage().contains("field classes: a one-output classifier needs 2 class names"), e.getMessage());
    }

    @Test
    void readingADirectoryNamesIt() {
        IOException e = assertThrows(IOException.class, () -> ModelReader.read(dir));
        assertTrue(e.getMessage().contains(dir + " is a directory"), e.getMessage());
    }
}
