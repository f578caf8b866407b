package org.mlp4j.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.junit.jupiter.api.Test;

/**
 * Splitting a batch across threads (data parallelism) computes the same gradients as running it whole, up to float
 * rounding, and is itself deterministic for a given thread count.
 */
class DataParallelTest {

    static float[] train(int threads, double dropout) {
        Dataset data = LearningTest.spirals(200, 3, 3);
        Network net = Network.builder(2).dense(48, Activation.TANH).dense(33, Activation.RELU).dense(3, Activation.SOFTMAX)
                .seed(2).build();
        new Trainer(net, TrainingOptions.builder().epochs(2).batchSize(100).learningRate(0.05).dropout(dropout)
                .kernels(KernelsProvider.create("vector", threads)).build()).fit(data);
        return TrainingControlsTest.flatten(TrainingControlsTest.parameters(net));
    }

    @Test
    void twoSlicesMatchOneWholeBatchUpToRounding() {
        float[] whole = train(1, 0);
        float[] split = train(2, 0);
        for (int i = 0; i < whole.length; i++) {
            assertEquals(whole[i], split[i], 1e-5 * Math.max(1, Math.abs(whole[i])), "parameter " + i);
        }
    }

    @Test
    void dropoutMasksAreTheSameWhicheverWayTheBatchIsSplit() {
        float[] whole = train(1, 0.3);
        float[] split = train(2, 0.3);
        for (int i = 0; i < whole.length; i++) {
            assertEquals(whole[i], split[i], 1e-5 * Math.max(1, Math.abs(whole[i])), "parameter " + i);
        }
    }

    @Test
    void dataParallelRunsAreBitIdentical() {
        assertArrayEquals(train(2, 0.2), train(2, 0.2));
    }
}
