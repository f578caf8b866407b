package org.mlp4j.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.data.Dataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each optimizer's first three steps on a tiny problem — a 2→1 linear layer, mse, two rows, full batch, lr 0.1 — equal
 * (a) the published update equations evaluated here in double precision and (b) what PyTorch 1.13 computes with its
 * defaults ({@code src/test/python/optimizer_reference.py} printed the numbers below).
 */
class OptimizerStepsTest {
    static final double[][] X = {{1, 2}, {-1, 0.5}};
    static final double[] Y = {1, -2};
    static final double LR = 0.1;

    /** W1, W2, b after three steps, from torch.optim. */
    static Stream<Arguments> pytorch() {
        return Stream.of(
            Arguments.of("sgd", new double[] {0.921281278, -0.0257031173, -0.133331254}),
            Arguments.of("momentum", new double[] {1.49773121, 0.145071894, -0.342581242}),
            Arguments.of("nesterov", new double[] {1.65397441, 0.034116663, -0.52509129}),
            Arguments.of("adam", new double[] {0.59765929, 0.0906429365, -0.200424612}),
            Arguments.of("adamw", new double[] {0.596465468, 0.0909428224, -0.200425565}),
            Arguments.of("rmsprop", new double[] {1.37801754, 0.79306978, -0.872820914}),
            Arguments.of("adagrad", new double[] {0.516812027, 0.000635433942, -0.132097408}));
    }

    static Supplier<Optimizer> optimizer(String name) {
        switch (name) {
            case "sgd": return Sgd::new;
            case "momentum": return () -> new Momentum(0.9, false);
            case "nesterov": return () -> new Momentum(0.9, true);
            case "adam": return () -> new Adam(0.9, 0.999, 1e-8, false);
            case "adamw": return () -> new Adam(0.9, 0.999, 1e-8, true);
            case "rmsprop": return () -> new RmsProp(0.99, 1e-8);
            case "adagrad": return () -> new Adagrad(1e-10);
            default: throw new AssertionError(name);
        }
    }

    static float[] threeSteps(String name) {
        Network net = Network.of(2, List.of(new DenseLayer(2, 1, Activation.IDENTITY, 0f,
                new float[] {0.3f, -0.2f}, new float[] {0.1f})), Loss.MSE);
        Dataset d = Dataset.regression(new float[] {1, 2, -1, 0.5f}, 2, 2, new float[] {1, -2}, 1);
        new Trainer(net, TrainingOptions.builder().epochs(3).batchSize(0).learningRate(LR).shuffle(false)
                .optimizer(optimizer(name)).weightDecay(name.equals("adamw") ? 0.01 : 0)
                .kernels(org.mlp4j.engine.kernel.KernelsProvider.create("scalar", 1)).build()).fit(d);
        float[] w = net.layers().get(0).weights();
        return new float[] {w[0], w[1], net.layers().get(0).bias()[0]};
    }

    /** The textbook equations, in double: θ = (w1, w2, b), mse gradient of the linear model. */
    @SuppressWarnings("fallthrough") // adamw is the decoupled decay followed by the adam step
    static double[] equations(String name) {
        double[] t = {0.3, -0.2, 0.1};
        double[] s1 = new double[3];
        double[] s2 = new double[3];
        for (int step = 1; step <= 3; step++) {
            double[] g = new double[3];
            for (int r = 0; r < 2; r++) {
                double e = X[r][0] * t[0] + X[r][1] * t[1] + t[2] - Y[r];
                g[0] += 2 * e * X[r][0] / 2;
                g[1] += 2 * e * X[r][1] / 2;
                g[2] += 2 * e / 2;
            }
            for (int i = 0; i < 3; i++) {
                switch (name) {
                    case "sgd": t[i] -= LR * g[i]; break;
                    case "momentum": s1[i] = 0.9 * s1[i] + g[i]; t[i] -= LR * s1[i]; break;
                    case "nesterov": s1[i] = 0.9 * s1[i] + g[i]; t[i] -= LR * (g[i] + 0.9 * s1[i]); break;
                    case "adamw": t[i] -= LR * 0.01 * t[i]; // decoupled decay first, then Adam
                        // fall through
                    case "adam": {
                        s1[i] = 0.9 * s1[i] + 0.1 * g[i];
                        s2[i] = 0.999 * s2[i] + 0.001 * g[i] * g[i];
                        double mHat = s1[i] / (1 - Math.pow(0.9, step));
                        double vHat = s2[i] / (1 - Math.pow(0.999, step));
                        t[i] -= LR * mHat / (Math.sqrt(vHat) + 1e-8);
                        break;
                    }
                    case "rmsprop": s1[i] = 0.99 * s1[i] + 0.01 * g[i] * g[i]; t[i] -= LR * g[i] / (Math.sqrt(s1[i]) + 1e-8); break;
                    case "adagrad": s1[i] += g[i] * g[i]; t[i] -= LR * g[i] / (Math.sqrt(s1[i]) + 1e-10); break;
                    default: throw new AssertionError(name);
                }
            }
        }
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pytorch")
    void threeStepsMatchTheEquationsAndPyTorch(String name, double[] torch) {
        float[] ours = threeSteps(name);
        double[] expected = equations(name);
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], ours[i], 2e-6 * Math.max(1, Math.abs(expected[i])), name + " equations, parameter " + i);
            assertEquals(torch[i], ours[i], 2e-6 * Math.max(1, Math.abs(torch[i])), name + " PyTorch, parameter " + i);
        }
    }
}
