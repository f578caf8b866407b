package org.mlp4j.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Initializer;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.data.Synthetic;
import org.mlp4j.engine.eval.Evaluation;
import org.junit.jupiter.api.Test;

/** Training actually learns: XOR with a 2-4-1 net, and three interleaved spirals to ≥ 95 % accuracy. */
class LearningTest {

    @Test
    void learnsXorWithATwoFourOneNetwork() {
        Dataset xor = Dataset.regression(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2, new float[] {0, 1, 1, 0}, 1);
        Network net = Network.builder(2).dense(4, Activation.TANH).dense(1, Activation.SIGMOID).loss(Loss.BCE)
                .initializer(Initializer.glorotUniform()).seed(3).build();
        History h = new Trainer(net, TrainingOptions.builder().epochs(2000).batchSize(0).learningRate(0.5).build()).fit(xor);

        float[] out = net.predict(xor.features(), 4);
        assertTrue(out[0] < 0.1 && out[1] > 0.9 && out[2] > 0.9 && out[3] < 0.1, java.util.Arrays.toString(out));
        assertTrue(h.last().loss() < h.epochs().get(0).loss());
    }

    @Test
    void separatesThreeSpiralsToNinetyFivePercent() {
        Dataset train = Synthetic.spirals(100, 3, 1);
        Network net = Network.builder(2).dense(64, Activation.RELU).dense(64, Activation.RELU)
                .dense(3, Activation.SOFTMAX).initializer(Initializer.heNormal()).seed(5).build();
        new Trainer(net, TrainingOptions.builder().epochs(400).batchSize(32).learningRate(0.2).build()).fit(train);

        Evaluation e = net.evaluate(train);
        assertTrue(e.accuracy() >= 0.95, "accuracy " + e.accuracy());
        assertEquals(300, e.total());
    }

    @Test
    void historyRecordsEveryEpochWithValidation() {
        Dataset train = Synthetic.spirals(50, 3, 2);
        Dataset valid = Synthetic.spirals(20, 3, 3);
        Network net = Network.builder(2).dense(16, Activation.RELU).dense(3, Activation.SOFTMAX).seed(1).build();
        History h = new Trainer(net, TrainingOptions.builder().epochs(5).batchSize(16).learningRate(0.1)
                .validation(valid).build()).fit(train);

        assertEquals(5, h.epochs().size());
        for (int e = 0; e < 5; e++) {
            EpochStats s = h.epochs().get(e);
            assertEquals(e + 1, s.epoch());
            assertTrue(s.hasValidation() && s.valAccuracy() >= 0 && s.valAccuracy() <= 1);
            assertTrue(s.accuracy() >= 0 && s.accuracy() <= 1 && s.seconds() >= 0 && s.samplesPerSecond() > 0);
        }
    }

    @Test
    void fullBatchIsOneStepPerEpoch() {
        Dataset train = Synthetic.spirals(10, 3, 2);
        int[] batches = new int[1];
        Network net = Network.builder(2).dense(3, Activation.SOFTMAX).seed(1).build();
        new Trainer(net, TrainingOptions.builder().epochs(3).batchSize(0).listener(new TrainingListener() {
            @Override
            public void onBatchEnd(Trainer t, int epoch, int batch, double loss) {
                batches[0]++;
            }
        }).build()).fit(train);
        assertEquals(3, batches[0]);
    }

    @Test
    void aListenerCanStopTraining() {
        Network net = Network.builder(2).dense(3, Activation.SOFTMAX).seed(1).build();
        History h = new Trainer(net, TrainingOptions.builder().epochs(10).listener(new TrainingListener() {
            @Override
            public void onEpochEnd(Trainer t, EpochStats s) {
                if (s.epoch() == 2) {
                    t.stop("enough");
                }
            }
        }).build()).fit(Synthetic.spirals(10, 3, 1));
        assertEquals(2, h.epochs().size());
        assertEquals("enough", h.stopReason());
    }

    @Test
    void aDivergingRunStopsWithAdvice() {
        Dataset d = Dataset.regression(new float[] {1e20f, -1e20f}, 2, 1, new float[] {1e20f, 1e20f}, 1);
        Network net = Network.builder(1).dense(1, Activation.IDENTITY).loss(Loss.MSE).seed(1).build();
        DivergenceException e = org.junit.jupiter.api.Assertions.assertThrows(DivergenceException.class,
                () -> new Trainer(net, TrainingOptions.builder().epochs(5).learningRate(1).build()).fit(d));
        assertTrue(e.getMessage().contains("lower learning rate"), e.getMessage());
    }

    @Test
    void sameSeedGivesBitIdenticalParametersAndDifferentSeedsDiffer() {
        float[] a = trainedWeights(11, 2);
        float[] b = trainedWeights(11, 2);
        float[] c = trainedWeights(12, 2);
        assertArrayEquals(a, b);
        assertTrue(!java.util.Arrays.equals(a, c));
        assertArrayEquals(trainedWeights(11, 1), trainedWeights(11, 1));
    }

    private static float[] trainedWeights(long seed, int threads) {
        Dataset train = Synthetic.spirals(200, 3, 4);
        Network net = Network.builder(2).dense(96, Activation.RELU).dense(48, Activation.TANH)
                .dense(3, Activation.SOFTMAX).seed(seed).build();
        new Trainer(net, TrainingOptions.builder().epochs(3).batchSize(64).learningRate(0.1).seed(seed)
                .threads(threads).build()).fit(train);
        float[] w = net.layers().get(0).weights();
        float[] out = java.util.Arrays.copyOf(w, w.length + net.layers().get(2).weights().length);
        System.arraycopy(net.layers().get(2).weights(), 0, out, w.length, net.layers().get(2).weights().length);
        return out;
    }
}
