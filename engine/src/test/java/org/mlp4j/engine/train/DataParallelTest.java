package org.mlp4j.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.data.Synthetic;
import org.mlp4j.engine.kernel.TestKernels;
import org.junit.jupiter.api.Test;

/**
 * Splitting a batch across threads (data parallelism) computes the same gradients as running it whole, up to float
 * rounding, and is itself deterministic for a given thread count.
 */
class DataParallelTest {

    static float[] train(int threads, double dropout) {
        Dataset data = Synthetic.spirals(200, 3, 3);
        Network net = Network.builder(2).dense(48, Activation.TANH).dense(33, Activation.RELU).dense(3, Activation.SOFTMAX)
                .seed(2).build();
        new Trainer(net, TrainingOptions.builder().epochs(2).batchSize(100).learningRate(0.05).dropout(dropout)
                .kernels(TestKernels.vector(threads)).build()).fit(data);
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

    /** With an element-wise optimizer and no clipping, each thread sums, regularises and updates its own range. */
    @Test
    void theFusedRangeUpdateMatchesAWholeStep() {
        float[][] results = new float[2][];
        double[] losses = new double[2];
        for (int t = 1; t <= 2; t++) {
            Dataset data = Synthetic.spirals(200, 3, 3);
            Network net = Network.builder(2).dense(40, Activation.RELU).dense(3, Activation.SOFTMAX).seed(4).build();
            History h = new Trainer(net, TrainingOptions.builder().epochs(3).batchSize(120).learningRate(0.01)
                    .optimizer(() -> new Adam(0.9, 0.999, 1e-8, true)).weightDecay(0.01).l2(1e-3)
                    .kernels(TestKernels.vector(t)).build()).fit(data);
            results[t - 1] = TrainingControlsTest.flatten(TrainingControlsTest.parameters(net));
            losses[t - 1] = h.last().loss();
        }
        for (int i = 0; i < results[0].length; i++) {
            assertEquals(results[0][i], results[1][i], 1e-5 * Math.max(1, Math.abs(results[0][i])), "parameter " + i);
        }
        assertEquals(losses[0], losses[1], 1e-6 * losses[0], "the L2 term is part of the reported loss either way");
    }

    @Test
    void dataParallelRunsAreBitIdentical() {
        assertArrayEquals(train(2, 0.2), train(2, 0.2));
    }
}
