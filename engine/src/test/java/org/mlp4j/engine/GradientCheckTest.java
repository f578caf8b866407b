package org.mlp4j.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.train.Optimizer;
import org.mlp4j.engine.train.Trainer;
import org.mlp4j.engine.train.TrainingOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backpropagation's float gradients equal central finite differences of an independent double-precision loss,
 * for every hidden activation × (output activation, loss) pair that makes sense, at several depths, with odd widths
 * that leave vector tails.
 */
class GradientCheckTest {

    /** An "optimizer" that records the gradients it is given and leaves the parameters alone. */
    static final class GradientCapture implements Optimizer {
        float[][] gradients;

        @Override
        public String name() {
            return "capture";
        }

        @Override
        public void initialize(float[][] parameters) {
        }

        @Override
        public void step(float[][] parameters, float[][] grads, float learningRate, Kernels kernels) {
            gradients = new float[grads.length][];
            for (int i = 0; i < grads.length; i++) {
                gradients[i] = grads[i].clone();
            }
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        Object[][] heads = {
            {Activation.SOFTMAX, Loss.CE}, {Activation.SIGMOID, Loss.BCE}, {Activation.IDENTITY, Loss.MSE},
            {Activation.SIGMOID, Loss.HALF_SSE}, {Activation.SOFTMAX, Loss.MSE}, {Activation.TANH, Loss.HALF_SSE},
        };
        Activation[] hidden = {Activation.IDENTITY, Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.LEAKY_RELU};
        int depth = 0;
        for (Object[] head : heads) {
            for (Activation h : hidden) {
                for (String kernels : new String[] {"scalar", "vector"}) {
                    cases.add(Arguments.of(h, head[0], head[1], depth % 3, kernels));
                }
                depth++;
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} hidden, {1}/{2}, {3} hidden layers, {4}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(Activation hidden, Activation output, Loss loss, int hiddenLayers, String kernels) {
        int[] widths = {19, 17, 3};
        int inputs = 7;
        int outputs = output == Activation.SOFTMAX ? 5 : 3;
        NetworkBuilder b = Network.builder(inputs);
        for (int l = 0; l < hiddenLayers; l++) {
            b.dense(widths[l], hidden, 0.1f);
        }
        Network net = b.dense(outputs, output).loss(loss).initializer(Initializer.normal(0.5))
                .biasInitializer(Initializer.normal(0.1)).seed(hiddenLayers * 31L + hidden.ordinal()).build();

        int rows = 6;
        Rng rng = new Rng(42);
        float[] x = new float[rows * inputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        float[] y = new float[rows * outputs];
        for (int r = 0; r < rows; r++) {
            if (loss == Loss.CE) {
                y[r * outputs + rng.nextInt(outputs)] = 1f;
            } else {
                for (int j = 0; j < outputs; j++) {
                    y[r * outputs + j] = loss == Loss.BCE ? rng.nextInt(2) : (float) (rng.nextDouble() * 0.8 + 0.1);
                }
            }
        }
        Dataset data = Dataset.regression(x, rows, inputs, y, outputs);

        GradientCapture capture = new GradientCapture();
        Trainer trainer = new Trainer(net, TrainingOptions.builder().epochs(1).batchSize(0).shuffle(false)
                .optimizer(() -> capture).kernels(KernelsProvider.create(kernels, 1)).build());
        trainer.fit(data);

        for (int l = 0; l < net.layers().size(); l++) {
            DenseLayer layer = net.layers().get(l);
            check(net, x, y, rows, layer.weights(), capture.gradients[2 * l], "W" + (l + 1));
            check(net, x, y, rows, layer.bias(), capture.gradients[2 * l + 1], "b" + (l + 1));
        }
    }

    private static void check(Network net, float[] x, float[] y, int rows, float[] params, float[] grads, String name) {
        for (int i = 0; i < params.length; i++) {
            float saved = params[i];
            // perturb in float (the parameters are float), then measure the exact perturbation used
            float plus = saved + 1e-4f;
            float minus = saved - 1e-4f;
            params[i] = plus;
            double lp = DoubleReference.loss(net, x, y, rows);
            params[i] = minus;
            double lm = DoubleReference.loss(net, x, y, rows);
            params[i] = saved;
            double numeric = (lp - lm) / ((double) plus - minus);
            double analytic = grads[i];
            double tolerance = 1e-4 + 2e-3 * Math.abs(numeric);
            assertTrue(Math.abs(analytic - numeric) <= tolerance,
                    name + "[" + i + "]: backprop " + analytic + " vs finite difference " + numeric);
        }
    }
}
