package org.mlp4j.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Initializer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.data.Synthetic;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.kernel.TestKernels;

/**
 * The trainer's results, pinned: small runs with fixed seeds must reproduce, bit for bit, the parameters and the
 * per-epoch history recorded in {@code src/test/resources/golden/trainer/} by an earlier version of the trainer. A
 * refactoring of the training loop that changes one rounding anywhere (an operation reordered, a step skipped, an
 * RNG draw moved) fails here.
 *
 * <p>The runs use the scalar kernels, whose results do not depend on the machine's vector width; the data-parallel
 * run needs the vector kernels, so its fixture is per vector width and the case is skipped on a width without one.
 * To record fixtures (only ever from a trainer known to be right): {@code -Dmlp4j.golden.write=<dir>}.
 */
class TrainerGoldenTest {
    private static final String WRITE = System.getProperty("mlp4j.golden.write");

    @ParameterizedTest
    @ValueSource(strings = {"plain", "validation-early-stopping", "l2-clipping", "schedule", "dropout-random-batches",
            "batch-norm-weight-decay", "interrupted-and-resumed", "data-parallel"})
    void aRunReproducesItsRecordedParametersAndHistory(String name) throws IOException {
        String fixture = name.equals("data-parallel") ? name + "-" + vectorLanes() + "-lanes" : name;
        String actual = run(name);
        if (WRITE != null) {
            Files.createDirectories(Path.of(WRITE));
            Files.writeString(Path.of(WRITE, fixture + ".txt"), actual);
            return;
        }
        String expected;
        try (InputStream in = TrainerGoldenTest.class.getResourceAsStream("/golden/trainer/" + fixture + ".txt")) {
            if (name.equals("data-parallel")) {
                Assumptions.assumeTrue(in != null, "no data-parallel fixture for " + vectorLanes() + " float lanes");
            }
            assertNotNull(in, "fixture " + fixture);
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, actual, name);
    }

    private static int vectorLanes() {
        return KernelsProvider.vector() == null ? 0 : KernelsProvider.vector().lanes();
    }

    private static Kernels scalar() {
        return KernelsProvider.create("scalar", 1);
    }

    private static Network net(long seed) {
        return Network.builder(2).dense(24, Activation.RELU).dense(12, Activation.TANH).dense(3, Activation.SOFTMAX)
                .seed(seed).build();
    }

    private static TrainingOptions.Builder base() {
        return TrainingOptions.builder().epochs(5).batchSize(16).learningRate(0.05).seed(7).kernels(scalar());
    }

    private static String run(String name) {
        Dataset train = Synthetic.spirals(40, 3, 1);
        Dataset valid = Synthetic.spirals(15, 3, 2);
        switch (name) {
            case "plain": {
                Network net = net(1);
                return record(net, new Trainer(net, base().build()).fit(train));
            }
            case "validation-early-stopping": {
                Network net = net(2);
                // a learning rate too high for validation loss to fall steadily: it stops early, restoring the best
                History h = new Trainer(net, base().epochs(30).learningRate(1.5).validation(valid)
                        .earlyStopping(new EarlyStopping(EarlyStopping.Monitor.VAL_LOSS, 1e-4, 2, true)).build())
                        .fit(train);
                return record(net, h);
            }
            case "l2-clipping": {
                Network net = net(3);
                return record(net, new Trainer(net, base().l2(1e-3).clipNorm(0.5)
                        .optimizer(() -> new Momentum(0.9, true)).build()).fit(train));
            }
            case "schedule": {
                Network net = net(4);
                // a rate high enough for validation loss to stall, so the plateau schedule halves it during the run
                return record(net, new Trainer(net, base().epochs(12).learningRate(1.5).validation(valid)
                        .schedule(LearningRateSchedule.parse("plateau:0.5:1")).build()).fit(train));
            }
            case "dropout-random-batches": {
                Network net = net(5);
                return record(net, new Trainer(net, base().dropout(0.25).batching(TrainingOptions.Batching.RANDOM)
                        .schedule(LearningRateSchedule.parse("step:0.7")).build()).fit(train));
            }
            case "batch-norm-weight-decay": {
                Network net = Network.builder(2).batchNorm().denseWithoutBias(16, Activation.IDENTITY)
                        .batchNorm(Activation.RELU).dense(3, Activation.SOFTMAX).initializer(Initializer.heNormal())
                        .seed(6).build();
                return record(net, new Trainer(net, base().l2(1e-3).weightDecay(0.01).clipNorm(2)
                        .optimizer(() -> new Adam(0.9, 0.999, 1e-8, true)).build()).fit(train));
            }
            case "interrupted-and-resumed": {
                return interruptedAndResumed(train, valid);
            }
            case "data-parallel": {
                Assumptions.assumeTrue(KernelsProvider.vector() != null, "the vector kernels are not available");
                Network net = Network.builder(2).dense(40, Activation.RELU).dense(3, Activation.SOFTMAX).seed(8).build();
                Dataset big = Synthetic.spirals(100, 3, 3);
                // two slices of 60 rows: above the minimum slice; Adam without clipping takes the fused range update,
                // Adam with clipping (the second run) the reduce-then-step path
                StringBuilder out = new StringBuilder();
                out.append(withDataParallel(() -> record(net, new Trainer(net, TrainingOptions.builder().epochs(3)
                        .batchSize(120).learningRate(0.01).seed(3).l2(1e-3).weightDecay(0.01)
                        .optimizer(() -> new Adam(0.9, 0.999, 1e-8, true)).kernels(TestKernels.vector(2)).build())
                        .fit(big))));
                out.append(withDataParallel(() -> record(net, new Trainer(net, TrainingOptions.builder().epochs(2)
                        .batchSize(120).learningRate(0.01).seed(4).l2(1e-3).clipNorm(0.3).dropout(0.1)
                        .optimizer(() -> new Adam(0.9, 0.999, 1e-8, false)).kernels(TestKernels.vector(2)).build())
                        .fit(big))));
                return out.toString();
            }
            default:
                throw new IllegalArgumentException(name);
        }
    }

    /** Interrupted in the middle of epoch 3 (like Ctrl-C), then resumed from the checkpoint to the end. */
    private static String interruptedAndResumed(Dataset train, Dataset valid) {
        Supplier<TrainingOptions.Builder> options = () -> base().epochs(6).validation(valid).dropout(0.1).l2(1e-4)
                .optimizer(() -> new RmsProp(0.9, 1e-8)).schedule(LearningRateSchedule.parse("plateau:0.5:1"))
                .earlyStopping(new EarlyStopping(EarlyStopping.Monitor.VAL_ACCURACY, 0, 10, true));
        Network first = net(9);
        List<TrainingState> saved = new ArrayList<>();
        List<float[][]> savedParameters = new ArrayList<>();
        new Trainer(first, options.get().checkpoint((t, s) -> {
            saved.add(s);
            savedParameters.add(TrainingControlsTest.parameters(t.network()));
        }, 0).listener(new TrainingListener() {
            @Override
            public void onBatchEnd(Trainer t, int epoch, int batch, double loss) {
                if (epoch == 3 && batch == 4) {
                    t.interrupt();
                }
            }
        }).build()).fit(train);
        assertEquals(1, saved.size(), "one checkpoint, at the interruption");
        Network resumed = net(99);
        TrainingControlsTest.copy(savedParameters.get(0), resumed);
        History h = new Trainer(resumed, options.get().resume(saved.get(0)).build()).fit(train);
        return record(resumed, h);
    }

    private static String withDataParallel(Supplier<String> run) {
        String before = System.getProperty("mlp4j.train.parallel");
        System.setProperty("mlp4j.train.parallel", "data");
        try {
            return run.get();
        } finally {
            if (before == null) {
                System.clearProperty("mlp4j.train.parallel");
            } else {
                System.setProperty("mlp4j.train.parallel", before);
            }
        }
    }

    /** The parameters' float bits and the history's figures (all but the timings), one line each, exactly. */
    private static String record(Network net, History h) {
        StringBuilder out = new StringBuilder();
        for (EpochStats e : h.epochs()) {
            out.append("epoch ").append(e.epoch()).append(" loss ").append(e.loss()).append(" accuracy ")
                    .append(e.accuracy()).append(" val_loss ").append(e.valLoss()).append(" val_accuracy ")
                    .append(e.valAccuracy()).append(" lr ").append(e.learningRate()).append('\n');
        }
        out.append("stop ").append(h.stopReason()).append('\n');
        List<float[]> arrays = net.parameterArrays();
        for (int i = 0; i < arrays.size(); i++) {
            out.append("array ").append(i).append(':');
            for (float v : arrays.get(i)) {
                out.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(v)));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
