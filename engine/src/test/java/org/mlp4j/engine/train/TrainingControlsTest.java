package org.mlp4j.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.data.Synthetic;
import org.junit.jupiter.api.Test;

/** Regularisation, schedules, batching, early stopping, dropout and bit-identical resume. */
class TrainingControlsTest {

    static Network net(long seed) {
        return Network.builder(2).dense(32, Activation.RELU).dense(16, Activation.TANH).dense(3, Activation.SOFTMAX)
                .seed(seed).build();
    }

    static float[][] parameters(Network n) {
        List<float[]> p = new ArrayList<>();
        for (DenseLayer l : n.layers()) {
            p.add(l.weights().clone());
            p.add(l.bias().clone());
        }
        return p.toArray(new float[0][]);
    }

    static TrainingOptions.Builder rich() {
        return TrainingOptions.builder().epochs(6).batchSize(32).learningRate(0.01).seed(9)
                .optimizer(() -> new Adam(0.9, 0.999, 1e-8, false)).dropout(0.2).l2(1e-4).clipNorm(5)
                .schedule(LearningRateSchedule.parse("step:0.9"));
    }

    @Test
    void aRunResumedAtAnEpochBoundaryIsBitIdenticalToAnUninterruptedOne() {
        Dataset data = Synthetic.spirals(100, 3, 1);
        Network whole = net(3);
        new Trainer(whole, rich().build()).fit(data);

        Network first = net(3);
        List<TrainingState> saved = new ArrayList<>();
        List<float[][]> savedParams = new ArrayList<>();
        new Trainer(first, rich().epochs(6).checkpoint((t, s) -> {
            saved.add(s);
            savedParams.add(parameters(t.network()));
        }, 2).build()).fit(data);
        assertEquals(3, saved.size());

        Network resumed = net(99); // any parameters: the checkpoint's are copied in
        copy(savedParams.get(0), resumed);
        History h = new Trainer(resumed, rich().resume(saved.get(0)).build()).fit(data);
        assertEquals(6, h.epochs().size(), "history carries the first two epochs");
        assertArrayEquals(flatten(parameters(whole)), flatten(parameters(resumed)));
    }

    @Test
    void aRunInterruptedMidEpochAndResumedIsBitIdentical() {
        Dataset data = Synthetic.spirals(100, 3, 1);
        Network whole = net(4);
        new Trainer(whole, rich().build()).fit(data);

        Network first = net(4);
        TrainingState[] saved = new TrainingState[1];
        float[][][] savedParams = new float[1][][];
        Trainer[] self = new Trainer[1];
        int[] batches = new int[1];
        self[0] = new Trainer(first, rich().checkpoint((t, s) -> {
            saved[0] = s;
            savedParams[0] = parameters(t.network());
        }, 0).listener(new TrainingListener() {
            @Override
            public void onBatchEnd(Trainer t, int epoch, int batch, double loss) {
                if (++batches[0] == 17) {
                    t.interrupt(); // like Ctrl-C: stop after this batch, mid-epoch 2
                }
            }
        }).build());
        History partial = self[0].fit(data);
        assertTrue(partial.stopReason().startsWith("interrupted in epoch"), partial.stopReason());
        assertNotNull(saved[0]);
        assertTrue(saved[0].position().nextBatch() > 0);

        Network resumed = net(5);
        copy(savedParams[0], resumed);
        new Trainer(resumed, rich().resume(saved[0]).build()).fit(data);
        assertArrayEquals(flatten(parameters(whole)), flatten(parameters(resumed)));
    }

    @Test
    void earlyStoppingStopsAndRestoresTheBestEpoch() {
        Dataset train = Synthetic.spirals(60, 3, 1);
        Dataset valid = Synthetic.spirals(30, 3, 2);
        Network net = net(1);
        List<float[][]> perEpoch = new ArrayList<>();
        // a learning rate far too high makes validation loss wander: the best epoch is rarely the last
        History h = new Trainer(net, TrainingOptions.builder().epochs(40).batchSize(8).learningRate(2.0).validation(valid)
                .earlyStopping(new EarlyStopping(EarlyStopping.Monitor.VAL_LOSS, 0, 3, true))
                .listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(Trainer t, EpochStats s) {
                        perEpoch.add(parameters(t.network()));
                    }
                }).build()).fit(train);

        assertTrue(h.stopReason() != null && h.stopReason().startsWith("early stopping"), String.valueOf(h.stopReason()));
        int best = 0;
        for (int e = 1; e < h.epochs().size(); e++) {
            if (h.epochs().get(e).valLoss() < h.epochs().get(best).valLoss()) {
                best = e;
            }
        }
        assertEquals(h.epochs().size() - 1 - 3, best, "stopped after 3 epochs without improvement");
        assertArrayEquals(flatten(perEpoch.get(best)), flatten(parameters(net)));
    }

    @Test
    void theDigitsNotebookRuleStopsWhenTheLossImprovesByLessThanTol() {
        Dataset train = Synthetic.spirals(50, 3, 1);
        History h = new Trainer(net(2), TrainingOptions.builder().epochs(500).batchSize(0).learningRate(0.05)
                .earlyStopping(new EarlyStopping(EarlyStopping.Monitor.LOSS, 1e-3, 1, false)).build()).fit(train);
        List<EpochStats> e = h.epochs();
        int n = e.size();
        assertTrue(n < 500);
        assertTrue(e.get(n - 2).loss() - e.get(n - 1).loss() <= 1e-3);
        for (int i = 1; i < n - 1; i++) {
            assertTrue(e.get(i - 1).loss() - e.get(i).loss() > 1e-3, "epoch " + (i + 1));
        }
    }

    @Test
    void dropoutIsInactiveInPredictAndEvaluate() {
        Dataset data = Synthetic.spirals(50, 3, 1);
        Network net = net(6);
        new Trainer(net, TrainingOptions.builder().epochs(2).dropout(0.5).build()).fit(data);
        float[] a = net.predict(data.features(), data.rows());
        float[] b = net.predict(data.features(), data.rows());
        assertArrayEquals(a, b);
        assertEquals(net.evaluate(data).loss(), net.evaluate(data).loss());
    }

    @Test
    void dropoutChangesTrainingButKeepsItReproducible() {
        Dataset data = Synthetic.spirals(50, 3, 1);
        Network a = net(6);
        Network b = net(6);
        Network c = net(6);
        new Trainer(a, TrainingOptions.builder().epochs(2).dropout(0.3).build()).fit(data);
        new Trainer(b, TrainingOptions.builder().epochs(2).dropout(0.3).build()).fit(data);
        new Trainer(c, TrainingOptions.builder().epochs(2).build()).fit(data);
        assertArrayEquals(flatten(parameters(a)), flatten(parameters(b)));
        assertTrue(!java.util.Arrays.equals(flatten(parameters(a)), flatten(parameters(c))));
    }

    @Test
    void l2AddsLambdaTimesTheWeightsToTheirGradientsAndHalfLambdaNormToTheLoss() {
        // one linear unit, zero error: the only gradient is the penalty's
        Network net = Network.of(1, List.of(new DenseLayer(1, 1, Activation.IDENTITY, 0f, new float[] {2f}, new float[] {0f})), Loss.MSE);
        Dataset d = Dataset.regression(new float[] {1f}, 1, 1, new float[] {2f}, 1);
        History h = new Trainer(net, TrainingOptions.builder().epochs(1).batchSize(0).learningRate(0.1).l2(0.5).build()).fit(d);
        assertEquals(0.5 * 0.5 * 4, h.last().loss(), 1e-7);
        assertEquals(2f - 0.1f * 0.5f * 2f, net.layers().get(0).weights()[0], 1e-7);
        assertEquals(0f, net.layers().get(0).bias()[0], "biases are not penalised");
    }

    @Test
    void clippingLimitsTheGlobalGradientNorm() {
        Network net = Network.of(1, List.of(new DenseLayer(1, 1, Activation.IDENTITY, 0f, new float[] {0f}, new float[] {0f})), Loss.MSE);
        Dataset d = Dataset.regression(new float[] {1f}, 1, 1, new float[] {100f}, 1);
        new Trainer(net, TrainingOptions.builder().epochs(1).batchSize(0).learningRate(1).clipNorm(1).build()).fit(d);
        float w = net.layers().get(0).weights()[0];
        float b = net.layers().get(0).bias()[0];
        // gradient (−200, −200) has norm 282.8: clipped to norm 1, each component 1/√2
        assertEquals(1 / Math.sqrt(2), w, 1e-5);
        assertEquals(1 / Math.sqrt(2), b, 1e-5);
    }

    @Test
    void schedulesFollowPyTorchsFormulas() {
        LearningRateSchedule step = LearningRateSchedule.parse("step:0.5:2");
        assertEquals(1.0, step.next(1, 1, 1, 10, 0));
        assertEquals(0.5, step.next(1, 1, 2, 10, 0));
        assertEquals(0.25, LearningRateSchedule.parse("exp:0.5").next(1, 0.5, 2, 10, 0));
        assertEquals(0.5, LearningRateSchedule.parse("cosine").next(1, 1, 5, 10, 0), 1e-12);
        LearningRateSchedule plateau = LearningRateSchedule.parse("plateau:0.1:2");
        assertEquals(1.0, plateau.next(1, 1, 1, 10, 5));
        assertEquals(1.0, plateau.next(1, 1, 2, 10, 5));
        assertEquals(1.0, plateau.next(1, 1, 3, 10, 5));
        assertEquals(0.1, plateau.next(1, 1, 4, 10, 5), 1e-12, "third epoch without improvement > patience 2");
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse("linear"));
    }

    @Test
    void randomBatchesDrawWithReplacementAndStayReproducible() {
        Dataset data = Synthetic.spirals(50, 3, 1);
        Network a = net(7);
        Network b = net(7);
        Network c = net(7);
        TrainingOptions.Builder random = TrainingOptions.builder().epochs(2).batchSize(10).batching(TrainingOptions.Batching.RANDOM);
        new Trainer(a, random.build()).fit(data);
        new Trainer(b, random.build()).fit(data);
        new Trainer(c, TrainingOptions.builder().epochs(2).batchSize(10).build()).fit(data);
        assertArrayEquals(flatten(parameters(a)), flatten(parameters(b)));
        assertTrue(!java.util.Arrays.equals(flatten(parameters(a)), flatten(parameters(c))));
    }

    static void copy(float[][] from, Network to) {
        for (int l = 0; l < to.layers().size(); l++) {
            System.arraycopy(from[2 * l], 0, to.layers().get(l).weights(), 0, from[2 * l].length);
            System.arraycopy(from[2 * l + 1], 0, to.layers().get(l).bias(), 0, from[2 * l + 1].length);
        }
    }

    static float[] flatten(float[][] p) {
        int n = 0;
        for (float[] a : p) {
            n += a.length;
        }
        float[] out = new float[n];
        int o = 0;
        for (float[] a : p) {
            System.arraycopy(a, 0, out, o, a.length);
            o += a.length;
        }
        return out;
    }
}
