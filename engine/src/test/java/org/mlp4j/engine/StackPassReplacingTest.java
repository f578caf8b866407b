package org.mlp4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.kernel.TestKernels;

/**
 * {@link StackPass#backwardReplacing} is adding into zeroed gradients without the zeroing: the same bits, whatever the
 * arrays held before (NaN here, which any read of them would spread), for dense layers with and without bias and
 * batch normalisation, on the scalar and the vector kernels; a null entry stays untouched.
 */
class StackPassReplacingTest {
    static final int ROWS = 37;

    static Network net() {
        return Network.builder(23).batchNorm().dense(45, Activation.RELU).denseWithoutBias(31, Activation.TANH)
                .batchNorm().dense(19, Activation.IDENTITY).seed(3).build();
    }

    static float[] random(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    static float[][] filled(Network net, float value) {
        java.util.List<float[]> g = new java.util.ArrayList<>();
        for (Layer layer : net.stack()) {
            if (layer instanceof DenseLayer d) {
                g.add(new float[d.weights().length]);
                if (d.hasBias()) {
                    g.add(new float[d.bias().length]);
                }
            } else {
                g.add(new float[layer.units()]);
                g.add(new float[layer.units()]);
            }
        }
        for (float[] a : g) {
            Arrays.fill(a, value);
        }
        assertEquals(StackPass.gradientSlots(net.stack()), g.size());
        return g.toArray(new float[0][]);
    }

    @Test
    void replacingGivesTheBitsOfAddingIntoZerosOnEveryKernel() {
        for (Kernels k : new Kernels[]{KernelsProvider.create("scalar", 1), TestKernels.vector(1), TestKernels.vector(2)}) {
            // without the input gradient the first two layers take StackPass's normalised-input shortcut
            for (boolean inputGradient : new boolean[]{true, false}) {
                String what = k.name() + " " + k.threads() + " threads, input gradient " + inputGradient;
                Network net = net();
                StackPass pass = new StackPass(net, ROWS);
                float[] x = random(ROWS * 23, 1);
                float[] dOut = random(ROWS * 19, 2);
                pass.forward(k, x, 0, ROWS, true);
                float[][] added = filled(net, 0f);
                float[] dxAdded = pass.backward(k, dOut, 0, added, inputGradient);
                dxAdded = dxAdded == null ? null : dxAdded.clone();
                float[][] replaced = filled(net, Float.NaN);
                replaced[1] = null;   // a frozen array: skipped
                float[] dxReplaced = pass.backwardReplacing(k, dOut, 0, replaced, inputGradient);
                for (int i = 0; i < added.length; i++) {
                    if (i != 1) {
                        assertArrayEquals(added[i], replaced[i], what + ", array " + i);
                    }
                }
                assertArrayEquals(dxAdded, dxReplaced, what + ": input gradient");
                float[][] twice = filled(net, 0f);
                pass.backward(k, dOut, 0, twice, inputGradient);
                pass.backward(k, dOut, 0, twice, inputGradient);
                pass.backwardReplacing(k, dOut, 0, twice, inputGradient);
                for (int i = 0; i < added.length; i++) {
                    assertArrayEquals(added[i], twice[i], what + ": replacing overwrites what two adding passes left, array " + i);
                }
            }
        }
    }
}
