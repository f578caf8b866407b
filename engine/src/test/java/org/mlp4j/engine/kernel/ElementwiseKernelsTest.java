package org.mlp4j.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The vector kernels' element-wise loops agree with the scalar reference on random shapes, including widths that
 * leave vector tails. Tolerance: 2 ulp-ish relative (4e-7·|x| + 1e-7) for transcendental activations, exact for the
 * rest.
 */
class ElementwiseKernelsTest {
    private final Kernels scalar = KernelsProvider.create("scalar", 1);
    private final Kernels vector = KernelsProvider.create("vector", 1);
    private final Rng rng = new Rng(7);
    private static final int[][] SHAPES = {{1, 1}, {1, 7}, {3, 15}, {5, 16}, {2, 17}, {7, 33}, {4, 64}, {3, 129}, {2, 300}};

    private float[] random(int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextGaussian() * scale);
        }
        return a;
    }

    private static void assertClose(float[] expected, float[] actual, double rel, String what) {
        for (int i = 0; i < expected.length; i++) {
            double tol = rel * Math.abs(expected[i]) + rel;
            assertEquals(expected[i], actual[i], tol, what + " at " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void biasActivationAgrees(Activation f) {
        for (int[] s : SHAPES) {
            float[] c = random(s[0] * s[1], 4);
            float[] bias = random(s[1], 1);
            float[] expected = c.clone();
            float[] actual = c.clone();
            scalar.biasActivation(expected, s[0], s[1], bias, f, 0.02f);
            vector.biasActivation(actual, s[0], s[1], bias, f, 0.02f);
            assertClose(expected, actual, 4e-7, f + " " + Arrays.toString(s));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void activationBackwardAgrees(Activation f) {
        for (int[] s : SHAPES) {
            int n = s[0] * s[1];
            float[] a = random(n, 1);
            scalar.biasActivation(a, s[0], s[1], null, f, 0.02f);
            float[] d = random(n, 1);
            float[] expected = d.clone();
            float[] actual = d.clone();
            scalar.activationBackward(expected, a, n, f, 0.02f);
            vector.activationBackward(actual, a, n, f, 0.02f);
            assertClose(expected, actual, 0, f + " " + Arrays.toString(s));
        }
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void lossGradientAgrees(Loss loss) {
        Activation f = loss == Loss.CE ? Activation.SOFTMAX : Activation.SIGMOID;
        for (int[] s : SHAPES) {
            float[] z = random(s[0] * s[1], 2);
            float[] a = z.clone();
            scalar.biasActivation(a, s[0], s[1], null, f, 0f);
            float[] y = random(s[0] * s[1], 1);
            float[] dzExpected = new float[z.length];
            float[] dzActual = new float[z.length];
            double le = scalar.lossGradient(loss, f, 0f, z, a, y, dzExpected, s[0], s[1]);
            double la = vector.lossGradient(loss, f, 0f, z, a, y, dzActual, s[0], s[1]);
            assertEquals(le, la, 1e-9 * Math.abs(le));
            assertClose(dzExpected, dzActual, 1e-6, loss + " " + Arrays.toString(s));
        }
    }

    @Test
    void columnSumsAxpyAndScaleAgree() {
        for (int[] s : SHAPES) {
            float[] d = random(s[0] * s[1], 1);
            float[] e = new float[s[1]];
            float[] v = new float[s[1]];
            scalar.columnSums(d, s[0], s[1], e);
            vector.columnSums(d, s[0], s[1], v);
            assertClose(e, v, 1e-6, "columnSums " + Arrays.toString(s));

            float[] x = random(d.length, 1);
            float[] ye = d.clone();
            float[] yv = d.clone();
            scalar.axpy(d.length, -0.3f, x, ye);
            vector.axpy(d.length, -0.3f, x, yv);
            assertClose(ye, yv, 1e-6, "axpy");
            scalar.scale(d.length, 0.7f, ye);
            vector.scale(d.length, 0.7f, yv);
            assertClose(ye, yv, 1e-6, "scale");
            assertEquals(scalar.sumOfSquares(d.length, x), vector.sumOfSquares(d.length, x), 1e-9);
        }
    }

    @Test
    void sigmoidAndTanhStayFiniteForAnyInput() {
        float[] z = {Float.NEGATIVE_INFINITY, -1e30f, -100f, -88.8f, 0f, 88.8f, 100f, 1e30f, Float.POSITIVE_INFINITY,
            Float.MIN_VALUE, -Float.MIN_VALUE, 20f, -20f, 5f, -5f, 1f, -1f};
        for (Kernels k : new Kernels[] {scalar, vector}) {
            for (Activation f : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
                float[] a = z.clone();
                k.biasActivation(a, 1, a.length, null, f, 0f);
                for (int i = 0; i < a.length; i++) {
                    float lo = f == Activation.SIGMOID ? 0f : -1f;
                    assertEquals(true, a[i] >= lo && a[i] <= 1f, k.name() + " " + f + "(" + z[i] + ") = " + a[i]);
                }
            }
        }
    }
}
