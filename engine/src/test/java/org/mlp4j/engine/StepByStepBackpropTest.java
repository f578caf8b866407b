package org.mlp4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.train.Trainer;
import org.mlp4j.engine.train.TrainingOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classic step-by-step backpropagation example: a 2-2-2 sigmoid network, one sample, half-sse, η = 0.5.
 * The expected numbers are the ones the tutorial prints.
 */
class StepByStepBackpropTest {

    static Network tutorialNetwork() {
        DenseLayer hidden = new DenseLayer(2, 2, Activation.SIGMOID, 0f,
                new float[] {0.15f, 0.25f, 0.20f, 0.30f}, new float[] {0.35f, 0.35f});
        DenseLayer output = new DenseLayer(2, 2, Activation.SIGMOID, 0f,
                new float[] {0.40f, 0.50f, 0.45f, 0.55f}, new float[] {0.60f, 0.60f});
        return Network.of(2, List.of(hidden, output), Loss.HALF_SSE);
    }

    static Dataset tutorialSample() {
        return Dataset.regression(new float[] {0.05f, 0.10f}, 1, 2, new float[] {0.01f, 0.99f}, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void lossBeforeTheStepIsTheTutorials(String kernels) {
        Network net = tutorialNetwork();
        assertEquals(0.298371109, net.evaluate(tutorialSample(), KernelsProvider.create(kernels, 1)).loss(), 1e-6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void oneStepGivesTheTutorialsWeights(String kernels) {
        Network net = tutorialNetwork();
        Kernels k = KernelsProvider.create(kernels, 1);
        var history = new Trainer(net, TrainingOptions.builder().epochs(1).batchSize(0).learningRate(0.5)
                .kernels(k).build()).fit(tutorialSample());

        assertEquals(0.298371109, history.last().loss(), 1e-6);
        float[] w2 = net.layers().get(1).weights(); // w5 w6 / w7 w8 as in×out: [[w5, w7], [w6, w8]]
        assertEquals(0.358916480, w2[0], 1e-6, "w5");
        assertEquals(0.408666186, w2[2], 1e-6, "w6");
        assertEquals(0.511301270, w2[1], 1e-6, "w7");
        assertEquals(0.561370121, w2[3], 1e-6, "w8");
        float[] w1 = net.layers().get(0).weights(); // [[w1, w3], [w2, w4]]
        assertEquals(0.149780716, w1[0], 1e-6, "w1");
        assertEquals(0.199561432, w1[2], 1e-6, "w2");
        assertEquals(0.249751144, w1[1], 1e-6, "w3");
        assertEquals(0.299502287, w1[3], 1e-6, "w4");
    }
}
