package org.mlp4j.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.data.Synthetic;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.kernel.TestKernels;

/**
 * The same seed gives the same model, bit for bit, as the code that wrote the fixtures: a small net trained with each
 * optimizer, dropout and L2 (and decoupled decay, clipping), through the scalar kernels, the vector kernels on one
 * thread (whole batches) and on two (data-parallel slices and the fused range update).
 *
 * <p>The fixtures ({@code src/test/resources/org/mlp4j/engine/train/training-*.txt}, one per kernels configuration,
 * a line per case: name, then every parameter's bits in hex) were written by this test from the code before the
 * optimizer, dropout and regularisation loops moved behind {@code Kernels}: run it with
 * {@code -Dmlp4j.test.writeFixtures=true} only when a change is meant to change the numbers. Vector results depend on
 * the vector width (not on the GEMM tile: each element of C sums its k products in order whatever the tile, so
 * 4×16 and 6×16 give the same bits), so each width and thread count has its own file; on a machine whose configuration has
 * no file the vector cases are reported as skipped, by name (the scalar ones always run).
 */
class TrainingFixturesTest {
    private static final boolean WRITE = Boolean.getBoolean("mlp4j.test.writeFixtures");
    private static final Path SOURCE = Path.of("src/test/resources/org/mlp4j/engine/train");

    /** The optimizer of a case: {@link OptimizerStepsTest}'s, with "sgd-clipped" being plain SGD. */
    static Supplier<Optimizer> optimizer(String name) {
        return OptimizerStepsTest.optimizer(name.equals("sgd-clipped") ? "sgd" : name);
    }

    static final String[] CASES = {"sgd", "sgd-clipped", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad"};
    static final String[] KERNELS = {"scalar", "vector-1", "vector-2"};

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> s = Stream.builder();
        for (String k : KERNELS) {
            for (String c : CASES) {
                s.add(Arguments.of(k, c));
            }
        }
        return s.build();
    }

    static Kernels kernels(String name) {
        switch (name) {
            case "scalar": return KernelsProvider.create("scalar", 1);
            case "vector-1": return TestKernels.vector(1);
            case "vector-2": return TestKernels.vector(2);
            default: throw new AssertionError(name);
        }
    }

    /** Odd widths leave vector tails; 150 rows in batches of 50 split into two slices of at least 16 rows each. */
    static float[] train(Kernels kernels, String name) {
        Dataset data = Synthetic.blobs(150, 5, 3, 11);
        Network net = Network.builder(5).dense(13, Activation.RELU).dense(11, Activation.TANH)
                .dense(3, Activation.SOFTMAX).seed(5).build();
        new Trainer(net, TrainingOptions.builder().epochs(3).batchSize(50).learningRate(0.02).seed(7)
                .optimizer(optimizer(name)).dropout(0.2).l2(1e-3)
                .weightDecay(name.equals("adamw") ? 0.01 : 0).clipNorm(name.equals("sgd-clipped") ? 0.5 : 0)
                .kernels(kernels).build()).fit(data);
        return TrainingControlsTest.flatten(TrainingControlsTest.parameters(net));
    }

    /**
     * The fixture file of a kernels configuration: its description without the GEMM tile (which does not change the
     * numbers), everything but letters and digits as '-'.
     */
    static String fixtureName(Kernels k) {
        String config = k.describe().replaceAll(", GEMM \\d+×\\d+", "");
        return "training-" + config.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "") + ".txt";
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void parametersAreBitIdenticalToTheFixture(String kernelsName, String optimizerName) throws IOException {
        Kernels k = kernels(kernelsName);
        String file = fixtureName(k);
        float[] actual = train(k, optimizerName);
        if (WRITE) {
            write(file, optimizerName, actual);
            return;
        }
        Map<String, int[]> fixture = read(file);
        if (fixture == null) {
            assertNotEquals("scalar", kernelsName, "the scalar fixture " + file + " is missing");
            assumeTrue(false, "no fixture for " + k.describe() + " (" + file + "): vector results depend on the width "
                    + "and tile; write one with -Dmlp4j.test.writeFixtures=true from the code before a refactoring");
        }
        int[] expected = fixture.get(optimizerName);
        assertNotNull(expected, file + " has no line for " + optimizerName);
        assertEquals(expected.length, actual.length, "parameter count");
        for (int i = 0; i < actual.length; i++) {
            int index = i;
            assertEquals(expected[i], Float.floatToRawIntBits(actual[i]),
                    () -> "parameter " + index + " (" + actual[index] + ") differs from the fixture");
        }
    }

    private static Map<String, int[]> read(String file) throws IOException {
        try (InputStream in = TrainingFixturesTest.class.getResourceAsStream(file)) {
            if (in == null) {
                return null;
            }
            Map<String, int[]> cases = new LinkedHashMap<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.trim().split(" ");
                int[] bits = new int[f.length - 1];
                for (int i = 1; i < f.length; i++) {
                    bits[i - 1] = Integer.parseUnsignedInt(f[i], 16);
                }
                cases.put(f[0], bits);
            }
            return cases;
        }
    }

    /** Replaces (or appends) the line of one case in the source tree's fixture file. */
    private static synchronized void write(String file, String name, float[] values) {
        try {
            Files.createDirectories(SOURCE);
            Path p = SOURCE.resolve(file);
            Map<String, String> lines = new java.util.TreeMap<>();
            if (Files.exists(p)) {
                for (String l : Files.readAllLines(p, StandardCharsets.US_ASCII)) {
                    lines.put(l.substring(0, l.indexOf(' ')), l);
                }
            }
            StringBuilder sb = new StringBuilder(name);
            for (float v : values) {
                sb.append(' ').append(String.format("%08x", Float.floatToRawIntBits(v)));
            }
            lines.put(name, sb.toString());
            Files.write(p, lines.values(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
