package org.mlp4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.kernel.TestKernels;

/**
 * A stack that starts with batch normalisation and a dense layer, asked for no input gradient, gets its first two
 * layers' gradients without forming the dense layer's input gradient ({@link StackPass}'s normalised-input
 * shortcut): the same gradients as the long way within rounding, in training and inference mode, with and without
 * the dense layer's bias, on the scalar and the vector kernels; the layers above it bit for bit. A frozen
 * normalisation needs no input gradient at all.
 */
class NormalizedInputBackwardTest {
    static final int ROWS = 64;

    /**
     * Without {@code bias} the deep BSDE subnet's front (a normalisation after the dense layer, which makes dZ's
     * columns sum to zero in training mode), with it a dense layer with bias and tanh, after which they do not. The
     * first normalisation's moving statistics are set near the inputs' (away from the initial zero mean and unit
     * variance), so that inference mode centres and scales too.
     */
    static Network net(boolean bias, long seed) {
        NetworkBuilder b = Network.builder(100).batchNorm();
        b = bias ? b.dense(110, Activation.TANH).dense(100, Activation.IDENTITY)
                : b.denseWithoutBias(110, Activation.IDENTITY).batchNorm(Activation.RELU).dense(100, Activation.IDENTITY)
                        .batchNorm();
        Network net = b.gammaInitializer(Initializer.uniform(0.1, 0.5)).betaInitializer(Initializer.uniform(-0.2, 0.2))
                .seed(seed).build();
        BatchNormLayer first = (BatchNormLayer) net.stack().get(0);
        for (int j = 0; j < first.units(); j++) {
            first.movingMean()[j] = 3f + 0.01f * j;
            first.movingVariance()[j] = 0.25f + 0.001f * j;
        }
        return net;
    }

    static float[] inputs(long seed) {
        float[] x = StackPassReplacingTest.random(ROWS * 100, seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = 3f + 0.5f * x[i] + 0.01f * (i % 100);   // columns with a mean and different spreads
        }
        return x;
    }

    /**
     * Each element within {@code 2e-5} of its array's largest, plus {@code 1e-6·floor}: the sums run in another order,
     * and a gradient that is zero but for rounding (dβ when a normalisation in training mode follows the dense layer,
     * which makes dZ's columns sum to zero) is rounding on both sides.
     */
    static void assertCloseArrays(float[] expected, float[] actual, double floor, String what) {
        double tolerance = 2e-5 * largest(expected) + 1e-6 * floor;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + " at " + i);
        }
    }

    static double largest(float[] a) {
        double largest = 0;
        for (float e : a) {
            largest = Math.max(largest, Math.abs(e));
        }
        return largest;
    }

    @Test
    void withoutTheInputGradientTheFirstTwoLayersGetTheLongWaysGradients() {
        for (Kernels k : new Kernels[]{KernelsProvider.create("scalar", 1), TestKernels.vector(1)}) {
            for (boolean bias : new boolean[]{false, true}) {
                for (boolean training : new boolean[]{true, false}) {
                    String what = k.name() + ", bias " + bias + ", training " + training;
                    Network net = net(bias, 5);
                    StackPass pass = new StackPass(net, ROWS);
                    float[] x = inputs(1);
                    float[] dOut = StackPassReplacingTest.random(ROWS * 100, 2);
                    float[] movingMean = ((BatchNormLayer) net.stack().get(0)).movingMean().clone();
                    pass.forward(k, x, 0, ROWS, training);
                    float[][] longWay = StackPassReplacingTest.filled(net, 0f);
                    assertNotNull(pass.backward(k, dOut, 0, longWay, true));
                    float[][] shortcut = StackPassReplacingTest.filled(net, 0f);
                    assertNull(pass.backward(k, dOut, 0, shortcut, false), what);
                    // γ, β of the first normalisation, then the dense layer's weights (and bias)
                    int firstTwo = bias ? 4 : 3;
                    double floor = Math.max(largest(longWay[0]), largest(longWay[2]));
                    if (bias || !training) {
                        assertTrue(largest(longWay[1]) > 1e-3 * floor, what + ": dβ is rounding only");
                    }
                    for (int i = 0; i < longWay.length; i++) {
                        if (i < firstTwo) {
                            assertCloseArrays(longWay[i], shortcut[i], floor, what + ", array " + i);
                        } else {
                            assertArrayEquals(longWay[i], shortcut[i], what + ", array " + i);
                        }
                    }
                    if (training) {
                        assertTrue(movingMean[0] != ((BatchNormLayer) net.stack().get(0)).movingMean()[0]);
                    }
                    boolean moved = false;
                    for (float g : shortcut[0]) {
                        moved |= g != 0f;
                    }
                    assertTrue(moved, what + ": dγ of the first normalisation is all zero");
                }
            }
        }
    }

    @Test
    void aFrozenFirstNormalisationNeedsNoInputGradientAndChangesNothingAbove() {
        Kernels k = TestKernels.vector(1);
        Network net = net(false, 6);
        StackPass pass = new StackPass(net, ROWS);
        float[] dOut = StackPassReplacingTest.random(ROWS * 100, 3);
        pass.forward(k, inputs(2), 0, ROWS, true);
        float[][] all = StackPassReplacingTest.filled(net, 0f);
        pass.backward(k, dOut, 0, all, true);
        float[][] frozen = StackPassReplacingTest.filled(net, 0f);
        frozen[0] = null;
        frozen[1] = null;
        assertNull(pass.backward(k, dOut, 0, frozen, false));
        for (int i = 2; i < all.length; i++) {
            assertArrayEquals(all[i], frozen[i], "array " + i);
        }
    }
}
