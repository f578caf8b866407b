package org.mlp4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.train.Trainer;
import org.mlp4j.engine.train.TrainingOptions;

/** Batch normalisation with Keras's semantics, and bias-free dense layers, in plain networks. */
class BatchNormTest {
    static final float[] X = {1, 2, 3, 5, -1, 0, 4, 7};   // 4 rows × 2 columns

    static BatchNormLayer layer() {
        return new BatchNormLayer(2, Activation.IDENTITY, 0.01f, new float[] {2, 0.5f}, new float[] {1, -1},
                new float[] {0.5f, 1}, new float[] {4, 9}, 0.9f, 1e-3f);
    }

    @Test
    void trainingUsesBatchStatisticsWithTheBiasedVarianceAndMovesTheAveragesByMomentum() {
        BatchNormLayer bn = layer();
        StackPass pass = new StackPass(Network.of(2, java.util.List.of(bn), Loss.MSE), 4);
        pass.forward(KernelsProvider.create("scalar", 1), X, 0, 4, true);
        // column 0: 1, 3, -1, 4 → mean 1.75, biased variance 3.6875
        double mean = 1.75;
        double var = (0.75 * 0.75 + 1.25 * 1.25 + 2.75 * 2.75 + 2.25 * 2.25) / 4;
        assertEquals(2 * (1 - mean) / Math.sqrt(var + 1e-3) + 1, pass.output()[0], 1e-5);
        assertEquals(0.9 * 0.5 + 0.1 * mean, bn.movingMean()[0], 1e-6);
        assertEquals(0.9 * 4 + 0.1 * var, bn.movingVariance()[0], 1e-5);
    }

    @Test
    void inferenceUsesTheMovingStatisticsAndLeavesThemUnchanged() {
        BatchNormLayer bn = layer();
        Network net = Network.of(2, java.util.List.of(bn), Loss.MSE);
        float[] out = net.predict(X, 4);
        assertEquals(2 * (1 - 0.5) / Math.sqrt(4 + 1e-3) + 1, out[0], 1e-6);
        assertEquals(0.5 * (7 - 1) / Math.sqrt(9 + 1e-3) - 1, out[7], 1e-6);
        assertEquals(0.5f, bn.movingMean()[0]);
        assertEquals(9f, bn.movingVariance()[1]);
    }

    @Test
    void theBuilderPlacesBatchNormAfterABiasFreeLayerWithGammaAndBetaInitialisers() {
        Network net = Network.builder(3).denseWithoutBias(4, Activation.IDENTITY).batchNorm(Activation.RELU)
                .dense(2, Activation.SOFTMAX).gammaInitializer(Initializer.uniform(0.1, 0.5))
                .betaInitializer(Initializer.constant(0.25)).batchNormSettings(0.99, 1e-6).build();
        assertEquals(3, net.stack().size());
        assertEquals(2, net.layers().size());
        assertTrue(!net.layers().get(0).hasBias() && !net.isPlain());
        BatchNormLayer bn = (BatchNormLayer) net.stack().get(1);
        for (int j = 0; j < 4; j++) {
            assertTrue(bn.gamma()[j] >= 0.1f && bn.gamma()[j] < 0.5f);
            assertEquals(0.25f, bn.beta()[j]);
        }
        assertEquals(0.99f, bn.momentum());
        assertEquals(1e-6f, bn.epsilon());
        assertEquals(3 * 4 + 8 + 4 * 2 + 2, net.parameterCount());
    }

    @Test
    void theTrainerTrainsANetworkWithBatchNormalisation() {
        Rng rng = new Rng(2);
        int rows = 200;
        float[] x = new float[rows * 2];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            x[2 * i] = (float) rng.nextGaussian() * 3 + 10;   // badly scaled input: what batch norm is for
            x[2 * i + 1] = (float) rng.nextGaussian();
            labels[i] = x[2 * i] > 10 == x[2 * i + 1] > 0 ? 1 : 0;
        }
        Dataset data = Dataset.classification(x, rows, 2, labels, 2);
        Network net = Network.builder(2).batchNorm().denseWithoutBias(16, Activation.IDENTITY)
                .batchNorm(Activation.RELU).dense(2, Activation.SOFTMAX).initializer(Initializer.heNormal()).seed(3)
                .build();
        double before = net.evaluate(data).loss();
        Trainer trainer = new Trainer(net, TrainingOptions.builder().epochs(60).batchSize(32).learningRate(0.05)
                .threads(2).seed(1).build());
        trainer.fit(data);
        double after = net.evaluate(data).loss();
        assertTrue(after < 0.5 * before, "loss " + before + " → " + after);
        assertTrue(net.evaluate(data).accuracy() > 0.9, "accuracy " + net.evaluate(data).accuracy());
    }

    @Test
    void aBadMomentumIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BatchNormLayer(2, Activation.IDENTITY, 0.01f, 1.5f, 1e-3f));
    }
}
