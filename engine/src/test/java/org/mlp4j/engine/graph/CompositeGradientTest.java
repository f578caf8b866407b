package org.mlp4j.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.BatchNormLayer;
import org.mlp4j.engine.Initializer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.Rng;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.kernel.TestKernels;
import org.mlp4j.engine.train.Adam;

/**
 * The tape's gradients of a composite graph — broadcast parameters, a trainable subnet with batch normalisation in
 * training mode, a frozen subnet (batch normalisation in inference mode), a frozen parameter, matmul, division,
 * row reductions, a user function — agree with central differences of an independent double-precision reference.
 */
class CompositeGradientTest {
    static final int ROWS = 8;
    static final int IN = 5;
    static final int K = 4;

    final Rng rng = new Rng(11);
    final Model model = new Model();
    final Subnet a = model.subnet("a", Network.builder(IN).batchNorm()
            .denseWithoutBias(6, Activation.IDENTITY).batchNorm(Activation.RELU)
            .dense(K, Activation.TANH).batchNorm()
            .gammaInitializer(Initializer.uniform(0.5, 1.5)).betaInitializer(Initializer.normal(0.3))
            .batchNormSettings(0.9, 1e-3).seed(5).build());
    final Subnet b = model.subnet("b", Network.builder(IN).dense(K, Activation.SIGMOID).batchNorm()
            .betaInitializer(Initializer.normal(0.2)).seed(6).build());
    final Parameter z = model.parameter("z", 1, K, Initializer.uniform(-1, 1), rng);
    final Parameter w = model.parameter("w", 1, K, Initializer.uniform(-1, 1), rng);
    final Parameter y0 = model.parameter("y0", 1, 1, Initializer.uniform(0.3, 0.6), rng);
    final Parameter m = model.parameter("m", K, 3, Initializer.glorotUniform(), rng);
    final Parameter frozen = model.parameter("frozen", 1, K, Initializer.uniform(0.5, 1), rng).setTrainable(false);
    final float[] x = new float[ROWS * IN];
    final float[] target = new float[ROWS];

    static final ElementFunction HUBER = new ElementFunction() {
        public float apply(float d) { return Math.abs(d) < 0.5f ? d * d : Math.abs(d) - 0.25f; }
        public float derivative(float d) { return Math.abs(d) < 0.5f ? 2 * d : Math.signum(d); }
    };

    CompositeGradientTest() {
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < ROWS; i++) {
            target[i] = (float) rng.nextGaussian();
        }
        BatchNormLayer bn = (BatchNormLayer) b.network().stack().get(1);
        for (int j = 0; j < K; j++) {
            bn.movingMean()[j] = 0.4f + 0.1f * j;
            bn.movingVariance()[j] = 0.05f + 0.02f * j;
        }
        b.freeze();
    }

    Tensor loss(Tape tape) {
        Tensor h = tape.apply(a, tape.input(x, ROWS, IN));
        Tensor f = tape.apply(b, tape.input(x, ROWS, IN));
        Tensor p = h.mul(tape.parameter(z)).add(f.mul(tape.parameter(frozen)))
                .div(tape.parameter(w).square().add(1f));
        Tensor s = p.matmul(tape.parameter(m)).tanh();
        Tensor q = s.rowMeans().add(p.rowSums().scale(0.5f)).add(tape.parameter(y0))
                .sub(tape.input(target, ROWS, 1));
        return p.sub(q).square().mean().add(q.map(HUBER).mean());
    }

    double reference() {
        double[][] xs = DoubleStack.rows(x, ROWS, IN);
        double[][] h = DoubleStack.forward(a.network(), xs, true);
        double[][] f = DoubleStack.forward(b.network(), xs, false);
        double l1 = 0;
        double l2 = 0;
        for (int r = 0; r < ROWS; r++) {
            double[] p = new double[K];
            double rowSum = 0;
            for (int j = 0; j < K; j++) {
                double wj = DoubleStack.v(w.value(), j);
                p[j] = (h[r][j] * DoubleStack.v(z.value(), j) + f[r][j] * frozen.value()[j]) / (wj * wj + 1);
                rowSum += p[j];
            }
            double sMean = 0;
            for (int c = 0; c < 3; c++) {
                double dot = 0;
                for (int j = 0; j < K; j++) {
                    dot += p[j] * DoubleStack.v(m.value(), j * 3 + c);
                }
                sMean += Math.tanh(dot) / 3;
            }
            double q = sMean + 0.5 * rowSum + DoubleStack.v(y0.value(), 0) - target[r];
            for (int j = 0; j < K; j++) {
                l1 += (p[j] - q) * (p[j] - q);
            }
            l2 += Math.abs(q) < 0.5 ? q * q : Math.abs(q) - 0.25;
        }
        return l1 / (ROWS * K) + l2 / ROWS;
    }

    @Test
    void gradientsMatchCentralDifferencesOfADoublePrecisionReference() {
        Tape tape = new Tape(KernelsProvider.create("scalar", 1));
        Tensor loss = loss(tape.reset(true));
        assertEquals(reference(), loss.item(), 1e-5, "the forward passes agree");
        tape.backward(loss);
        int checked = 0;
        for (Parameter p : model.trainableParameters()) {
            float[] v = p.value();
            for (int i = 0; i < v.length; i++) {
                double h = 1e-4;
                DoubleStack.perturbed = v;
                DoubleStack.perturbedIndex = i;
                DoubleStack.offset = h;
                double up = reference();
                DoubleStack.offset = -h;
                double down = reference();
                DoubleStack.perturbed = null;
                double fd = (up - down) / (2 * h);
                assertEquals(fd, p.gradient()[i], 1e-4 + 2e-3 * Math.abs(fd), p.name() + "[" + i + "]");
                checked++;
            }
        }
        assertTrue(checked > 100, "checked " + checked + " derivatives");
    }

    @Test
    void theVectorKernelsGiveTheSameGradients() {
        Tape scalar = new Tape(KernelsProvider.create("scalar", 1));
        scalar.backward(loss(scalar.reset(true)));
        List<float[]> expected = new ArrayList<>();
        for (Parameter p : model.trainableParameters()) {
            expected.add(p.gradient().clone());
        }
        Tape vector = new Tape(TestKernels.vector(2));
        vector.backward(loss(vector.reset(true)));
        List<Parameter> params = model.trainableParameters();
        for (int i = 0; i < params.size(); i++) {
            float[] e = expected.get(i);
            float[] g = params.get(i).gradient();
            for (int j = 0; j < e.length; j++) {
                assertEquals(e[j], g[j], 1e-5 + 1e-4 * Math.abs(e[j]), params.get(i).name() + "[" + j + "]");
            }
        }
    }

    @Test
    void frozenPartsGetNoGradientNoUpdateAndKeepTheirMovingStatistics() {
        Tape tape = new Tape(KernelsProvider.create("scalar", 1));
        Updater adam = new Updater(model.parameters(), new Adam(0.9, 0.999, 1e-8, false), 0.01, tape.kernels());
        java.util.Map<String, float[]> before = model.state();
        for (int step = 0; step < 5; step++) {
            tape.backward(loss(tape.reset(true)));
            adam.step();
        }
        java.util.Map<String, float[]> after = model.state();
        for (String name : before.keySet()) {
            boolean fixed = name.startsWith("b.") || name.equals("frozen");
            if (fixed) {
                assertArrayEquals(before.get(name), after.get(name), name + " stays bit for bit");
            }
        }
        assertTrue(before.get("y0")[0] != after.get("y0")[0], "y0 moves");
        assertTrue(before.get("a.0.movingMean")[0] != after.get("a.0.movingMean")[0],
                "the trainable subnet's moving statistics follow the batches");
        for (Parameter p : b.parameters()) {
            for (float g : p.gradient()) {
                assertEquals(0f, g, p.name());
            }
        }
    }
}
