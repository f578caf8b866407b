package org.mlp4j.formats.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.BatchNormLayer;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Initializer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.Rng;
import org.mlp4j.engine.graph.Model;
import org.mlp4j.engine.graph.Parameter;
import org.mlp4j.engine.graph.Subnet;
import org.mlp4j.engine.graph.Tape;
import org.mlp4j.engine.graph.Tensor;
import org.mlp4j.engine.graph.Updater;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.train.Adam;

/** Batch normalisation and bias-free layers in model files; pre-trained subnets; composite state by name. */
class CompositeFilesTest {
    @TempDir
    Path dir;

    static Network subnet(long seed) {
        return Network.builder(4).batchNorm().denseWithoutBias(6, Activation.IDENTITY).batchNorm(Activation.RELU)
                .dense(3, Activation.IDENTITY).batchNorm().gammaInitializer(Initializer.uniform(0.1, 0.5))
                .betaInitializer(Initializer.normal(0.1)).batchNormSettings(0.99, 1e-6).seed(seed).build();
    }

    @Test
    void batchNormAndBiasFreeLayersSurviveAModelFileBitForBit() throws Exception {
        Network net = subnet(3);
        ((BatchNormLayer) net.stack().get(2)).movingMean()[2] = 0.125f;
        Path file = dir.resolve("bn.json");
        ModelWriter.write(file, ModelFile.of(net));
        String json = Files.readString(file);
        assertTrue(json.contains("\"type\" : \"batchnorm\"") && json.contains("\"movingVariance\""), json);
        Network back = ModelReader.read(file).network();
        assertEquals(net.stack().size(), back.stack().size());
        DenseLayer d = (DenseLayer) back.stack().get(1);
        assertNull(d.bias(), "no \"bias\" in the file means no bias");
        for (int l : new int[] {0, 2, 4}) {
            BatchNormLayer a = (BatchNormLayer) net.stack().get(l);
            BatchNormLayer b = (BatchNormLayer) back.stack().get(l);
            assertArrayEquals(a.gamma(), b.gamma());
            assertArrayEquals(a.beta(), b.beta());
            assertArrayEquals(a.movingMean(), b.movingMean());
            assertArrayEquals(a.movingVariance(), b.movingVariance());
            assertEquals(a.momentum(), b.momentum());
            assertEquals(a.epsilon(), b.epsilon());
        }
        float[] x = {1, 2, 3, 4, -1, 0.5f, 2, 8};
        assertArrayEquals(net.predict(x, 2), back.predict(x, 2));
    }

    @Test
    void aBatchNormLayerThatDoesNotChainIsAnErrorNamingTheField() {
        String json = "{\"format\":\"mlp4j-model\",\"version\":1,\"inputs\":2,\"loss\":\"mse\",\"layers\":["
                + "{\"type\":\"batchnorm\",\"units\":3,\"gamma\":{\"shape\":[3],\"values\":[1,1,1]},"
                + "\"beta\":{\"shape\":[3],\"values\":[0,0,0]},\"movingMean\":{\"shape\":[3],\"values\":[0,0,0]},"
                + "\"movingVariance\":{\"shape\":[3],\"values\":[1,1,1]}}]}";
        Exception e = assertThrows(Exception.class, () -> ModelReader.read("bad.json",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("layers[0].units"), e.getMessage());
    }

    @Test
    void aNegativeMovingVarianceIsRefused() {
        String json = "{\"format\":\"mlp4j-model\",\"version\":1,\"inputs\":1,\"loss\":\"mse\",\"layers\":["
                + "{\"type\":\"batchnorm\",\"units\":1,\"gamma\":{\"shape\":[1],\"values\":[1]},"
                + "\"beta\":{\"shape\":[1],\"values\":[0]},\"movingMean\":{\"shape\":[1],\"values\":[0]},"
                + "\"movingVariance\":{\"shape\":[1],\"values\":[-1]}}]}";
        Exception e = assertThrows(Exception.class, () -> ModelReader.read("bad.json",
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("movingVariance"), e.getMessage());
    }

    /** Fits {@code net} (as a subnet) to a fixed linear target for a few steps. */
    static void pretrain(Network net) {
        Model m = new Model();
        Subnet s = m.subnet("s", net);
        Tape tape = new Tape(KernelsProvider.create("scalar", 1));
        Updater adam = new Updater(m.trainableParameters(), new Adam(0.9, 0.999, 1e-8, false), 0.01, tape.kernels());
        Rng rng = new Rng(9);
        float[] x = new float[16 * 4];
        float[] y = new float[16 * 3];
        for (int step = 0; step < 50; step++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            for (int r = 0; r < 16; r++) {
                for (int c = 0; c < 3; c++) {
                    y[r * 3 + c] = x[r * 4 + c] - 0.5f * x[r * 4 + 3];
                }
            }
            tape.reset(true);
            tape.backward(tape.apply(s, tape.input(x, 16, 4)).sub(tape.input(y, 16, 3)).square().mean());
            adam.step();
        }
    }

    @Test
    void aSubnetTrainedSavedLoadedAndFrozenKeepsItsParametersBitForBitWhileU0AndZ0Move() throws Exception {
        Network trained = subnet(5);
        pretrain(trained);
        Path file = dir.resolve("subnet.json");
        ModelWriter.write(file, ModelFile.of(trained));

        Model model = new Model();
        Rng rng = new Rng(1);
        Parameter u0 = model.parameter("u0", 1, 1, Initializer.uniform(0.3, 0.6), rng);
        Parameter z0 = model.parameter("z0", 1, 3, Initializer.uniform(-0.1, 0.1), rng);
        Subnet frozen = model.subnet("pretrained", ModelReader.read(file).network()).freeze();
        Subnet fresh = model.subnet("fresh", subnet(6));
        Map<String, float[]> before = model.state();

        Tape tape = new Tape(KernelsProvider.create());
        Updater adam = new Updater(model.trainableParameters(), new Adam(0.9, 0.999, 1e-8, false), 0.01, tape.kernels());
        float[] x = new float[8 * 4];
        for (int step = 0; step < 20; step++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            tape.reset(true);
            Tensor in = tape.input(x, 8, 4);
            Tensor y = tape.parameter(u0).add(tape.parameter(z0).mul(tape.apply(frozen, in)).rowSums())
                    .add(tape.apply(fresh, in).rowMeans());
            tape.backward(y.sub(1f).square().mean());
            adam.step();
        }
        Map<String, float[]> after = model.state();
        for (String name : before.keySet()) {
            if (name.startsWith("pretrained.")) {
                assertArrayEquals(before.get(name), after.get(name), name);
            }
        }
        Network reread = ModelReader.read(file).network();
        assertArrayEquals(((DenseLayer) reread.stack().get(1)).weights(),
                ((DenseLayer) frozen.network().stack().get(1)).weights(), "the frozen subnet equals its file");
        assertFalse(before.get("u0")[0] == after.get("u0")[0], "u0 moves");
        assertFalse(java.util.Arrays.equals(before.get("z0"), after.get("z0")), "z0 moves");
        assertFalse(java.util.Arrays.equals(before.get("fresh.1.weights"), after.get("fresh.1.weights")));
    }

    @Test
    void aCompositeStateSavesAndLoadsByName() throws Exception {
        Model a = new Model();
        Rng rng = new Rng(2);
        a.parameter("y0", 1, 1, Initializer.uniform(0.3, 0.6), rng);
        a.subnet("net", subnet(7));
        Path file = dir.resolve("state.json");
        StateFile.write(file, a.state());

        Model b = new Model();
        Parameter y0 = b.parameter("y0", 1, 1, Initializer.zeros(), rng);
        Subnet net = b.subnet("net", subnet(8));
        b.loadState(StateFile.read(file));
        assertEquals(a.state().get("y0")[0], y0.item());
        for (String name : a.state().keySet()) {
            assertArrayEquals(a.state().get(name), b.state().get(name), name);
        }
        assertTrue(b.state().containsKey("net.0.movingVariance"));
        assertEquals(net.parameters().size(), 2 + 1 + 2 + 2 + 2);

        Model c = new Model();
        c.parameter("other", 1, 1, Initializer.zeros(), rng);
        Exception e = assertThrows(IllegalArgumentException.class, () -> c.loadState(StateFile.read(file)));
        assertTrue(e.getMessage().contains("missing [other]") && e.getMessage().contains("unexpected"), e.getMessage());
    }
}
