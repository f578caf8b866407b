package org.mlp4j.formats.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.Network;
import org.mlp4j.formats.Normalization;

/** Writing and reading model files: what goes in comes out, bit for bit. */
class ModelFilesTest {
    /** Finite floats that a round trip through decimal or double could get wrong. */
    static final float[] EDGES = {
        0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Math.nextDown(Float.MIN_NORMAL),
        Float.MAX_VALUE, -Float.MAX_VALUE, 0.1f, 1f / 3, 16777217f, 1.17549435E-38f, 3.0000002f, 1e-40f,
    };

    @TempDir
    Path dir;

    static Network network(float[] w1, float[] b1) {
        int in = w1.length / b1.length;
        DenseLayer hidden = new DenseLayer(in, b1.length, Activation.LEAKY_RELU, 0.2f, w1, b1);
        float[] w2 = new float[b1.length * 3];
        for (int i = 0; i < w2.length; i++) {
            w2[i] = (i % 5 - 2) * 0.25f;
        }
        DenseLayer out = new DenseLayer(b1.length, 3, Activation.SOFTMAX, Activation.DEFAULT_LEAKY_ALPHA, w2,
                new float[] {0.5f, -0.5f, 0f});
        return Network.of(in, List.of(hidden, out), Loss.CE);
    }

    static ModelFile model() {
        float[] w1 = new float[2 * EDGES.length];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = EDGES[i % EDGES.length] * (i < EDGES.length ? 1 : -1);
        }
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("optimizer", "sgd");
        training.put("learningRate", 0.1);
        training.put("batchSize", 128);
        training.put("epochs", 10);
        training.put("seed", 1L);
        training.put("layers", List.of(2, 14, 3));
        return new ModelFile(network(w1, EDGES.clone()), List.of("a", "b", "c"), Normalization.of(0f, 1f / 255),
                training, Map.of("testAccuracy", 0.97));
    }

    @Test
    void modelRoundTripsBitExactly() throws IOException {
        ModelFile m = model();
        Path file = dir.resolve("model.json");
        ModelWriter.write(file, m);
        ModelFile back = ModelReader.read(file);
        assertEquals(m.network().toString(), back.network().toString());
        for (int l = 0; l < 2; l++) {
            DenseLayer a = m.network().layers().get(l);
            DenseLayer b = back.network().layers().get(l);
            assertArrayEquals(bits(a.weights()), bits(b.weights()), "weights of layer " + l);
            assertArrayEquals(bits(a.bias()), bits(b.bias()), "bias of layer " + l);
        }
        assertEquals(0.2f, back.network().layers().get(0).alpha());
        assertEquals(List.of("a", "b", "c"), back.classNames());
        assertEquals(m.normalization(), back.normalization());
        assertEquals(List.copyOf(m.training().keySet()), List.copyOf(back.training().keySet()));
        assertEquals(0.1, back.training().get("learningRate"));
        assertEquals(128, back.training().get("batchSize"));
        assertEquals(List.of(2, 14, 3), back.training().get("layers"));
        assertEquals(0.97, back.metrics().get("testAccuracy"));
    }

    @Test
    void writerUsesBase64ForWeightsAndValuesForBiases() throws IOException {
        String json = toJson(model());
        assertTrue(json.contains("\"format\" : \"mlp4j-model\""), json);
        assertTrue(json.contains("\"base64\""), json);
        assertTrue(json.contains("\"values\" : [ 0.0, -0.0, 1.4E-45"), json);
        assertTrue(json.contains("\"scale\" : 0.003921569"), json);
    }

    @Test
    void valuesFormReadsEveryEdgeValueBitExactly() throws IOException {
        StringBuilder values = new StringBuilder();
        for (float f : EDGES) {
            values.append(values.length() == 0 ? "" : ", ").append(Float.toString(f));
        }
        String json = "{\"format\":\"mlp4j-model\",\"version\":1,\"inputs\":" + EDGES.length + ",\"loss\":\"mse\","
                + "\"layers\":[{\"type\":\"dense\",\"units\":1,\"activation\":\"identity\","
                + "\"weights\":{\"shape\":[" + EDGES.length + ",1],\"values\":[" + values + "]},"
                + "\"bias\":{\"shape\":[1],\"base64\":\"AACAPw==\"}}]}";
        ModelFile m = read(json);
        assertArrayEquals(bits(EDGES), bits(m.network().layers().get(0).weights()));
        assertEquals(1f, m.network().layers().get(0).bias()[0]);
    }

    @Test
    void decimalsAreParsedAsFloatsNeverThroughDouble() throws IOException {
        // 1.00000005960464477539062500001 is just above the midpoint between 1 and 1+2^-23: parsed directly it
        // rounds up; through a double it first becomes 1+2^-24 exactly and then rounds to even, i.e. down.
        String json = "{\"format\":\"mlp4j-model\",\"version\":1,\"inputs\":1,\"loss\":\"mse\",\"layers\":[{"
                + "\"units\":1,\"activation\":\"identity\",\"weights\":{\"shape\":[1,1],"
                + "\"values\":[1.00000005960464477539062500001]},\"bias\":{\"shape\":[1],\"values\":[0]}}]}";
        assertEquals(Math.nextUp(1f), read(json).network().layers().get(0).weights()[0]);
    }

    @Test
    void unknownFieldsAreIgnoredAndOptionalOnesDefault() throws IOException {
        String json = "{\"format\":\"mlp4j-model\",\"version\":1,\"inputs\":2,\"loss\":\"mse\",\"producer\":\"other\","
                + "\"layers\":[{\"units\":1,\"activation\":\"leaky-relu\",\"note\":{\"x\":[1]},"
                + "\"weights\":{\"shape\":[2,1],\"values\":[1,2]},\"bias\":{\"shape\":[1],\"values\":[0]}}]}";
        ModelFile m = read(json);
        assertEquals(Activation.DEFAULT_LEAKY_ALPHA, m.network().layers().get(0).alpha());
        assertNull(m.classNames());
        assertNull(m.normalization());
        assertTrue(m.training().isEmpty());
    }

    @Test
    void perFeatureNormalizationRoundTripsAndPredictAppliesIt() throws IOException {
        Network net = Network.of(2, List.of(new DenseLayer(2, 1, Activation.IDENTITY, 0.01f,
                new float[] {1, 1}, new float[] {0})), Loss.MSE);
        Normalization n = Normalization.of(new float[] {10, 20}, new float[] {0.5f, 0.25f});
        Path file = dir.resolve("scaled.json");
        ModelWriter.write(file, new ModelFile(net, null, n, null, null));
        ModelFile back = ModelReader.read(file);
        assertEquals(n, back.normalization());
        // (12 − 10)·0.5 + (24 − 20)·0.25 = 2
        assertArrayEquals(new float[] {2f}, back.predict(new float[] {12, 24}, 1));
    }

    @Test
    void writeReplacesAnExistingModelAndLeavesNoTempFiles() throws IOException {
        Path file = dir.resolve("model.json");
        Files.writeString(file, "old");
        ModelWriter.write(file, model());
        assertEquals(List.of(file), List.of(Files.list(dir).toArray(Path[]::new)));
        ModelReader.read(file);
    }

    @Test
    void failedWriteLeavesTheExistingModelUntouchedAndNoTempFile() throws IOException {
        Path file = dir.resolve("model.json");
        Files.writeString(file, "good old model");
        ModelFile bad = model().withMetrics(Map.of("unwritable", new Object()));
        assertThrows(IllegalArgumentException.class, () -> ModelWriter.write(file, bad));
        assertEquals("good old model", Files.readString(file));
        assertEquals(1, Files.list(dir).count());
    }

    static ModelFile read(String json) throws IOException {
        return ModelReader.read("model.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    static String toJson(ModelFile m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelWriter.write(out, m);
        return out.toString(StandardCharsets.UTF_8);
    }

    static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }
}
