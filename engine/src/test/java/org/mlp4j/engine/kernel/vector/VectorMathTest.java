package org.mlp4j.engine.kernel.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * Our polynomial exp, tanh and sigmoid against {@code Math} (correctly rounded to float) over the whole float range:
 * every 61st bit pattern of all 2^32 (≈ 70 million inputs, both signs, subnormals, infinities and NaN).
 * Measured maximum errors: exp 1 ulp, tanh 3 ulp, sigmoid 3 ulp; the bounds below leave one ulp of room.
 */
class VectorMathTest {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int STRIDE = 61;

    @Test
    void expIsWithinTwoUlpOverTheWholeFloatRange() {
        assertMaxUlp("exp", VectorMath::exp, Math::exp, 2);
    }

    @Test
    void tanhIsWithinFourUlpOverTheWholeFloatRange() {
        assertMaxUlp("tanh", VectorMath::tanh, Math::tanh, 4);
    }

    @Test
    void sigmoidIsWithinFourUlpOverTheWholeFloatRange() {
        assertMaxUlp("sigmoid", VectorMath::sigmoid, x -> 1 / (1 + Math.exp(-x)), 4);
    }

    @Test
    void specialValues() {
        float[] in = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 88.8f, -104f, 1f};
        float[] out = apply(VectorMath::exp, in);
        assertTrue(Float.isNaN(out[0]));
        assertEquals(Float.POSITIVE_INFINITY, out[1]);
        assertEquals(0f, out[2]);
        assertEquals(1f, out[3]);
        assertEquals(1f, out[4]);
        assertEquals(Float.POSITIVE_INFINITY, out[5]);
        assertEquals(0f, out[6]);
        float[] t = apply(VectorMath::tanh, in);
        assertTrue(Float.isNaN(t[0]));
        assertEquals(1f, t[1]);
        assertEquals(-1f, t[2]);
        float[] s = apply(VectorMath::sigmoid, in);
        assertEquals(1f, s[1]);
        assertEquals(0f, s[2]);
        assertEquals(0.5f, s[3]);
    }

    private static float[] apply(UnaryOperator<FloatVector> f, float[] in) {
        float[] padded = java.util.Arrays.copyOf(in, Math.max(in.length, S.length()) + S.length());
        float[] out = new float[padded.length];
        for (int i = 0; i + S.length() <= padded.length; i += S.length()) {
            f.apply(FloatVector.fromArray(S, padded, i)).intoArray(out, i);
        }
        return java.util.Arrays.copyOf(out, in.length);
    }

    private static void assertMaxUlp(String name, UnaryOperator<FloatVector> f, DoubleUnaryOperator reference, double bound) {
        int lanes = S.length();
        float[] x = new float[lanes];
        float[] y = new float[lanes];
        double worst = 0;
        float worstAt = 0;
        long bits = 0;
        long end = 1L << 32;
        while (bits < end) {
            for (int l = 0; l < lanes; l++, bits += STRIDE) {
                x[l] = Float.intBitsToFloat((int) bits);
            }
            f.apply(FloatVector.fromArray(S, x, 0)).intoArray(y, 0);
            for (int l = 0; l < lanes; l++) {
                float expected = (float) reference.applyAsDouble(x[l]);
                if (Float.isNaN(expected)) {
                    assertTrue(Float.isNaN(y[l]), name + "(" + x[l] + ") should be NaN, got " + y[l]);
                    continue;
                }
                double err = expected == y[l] ? 0 : Math.abs((double) expected - y[l]) / Math.ulp(expected);
                if (err > worst) {
                    worst = err;
                    worstAt = x[l];
                }
            }
        }
        System.out.printf("%s: max error %.2f ulp (at %s)%n", name, worst, worstAt);
        assertTrue(worst <= bound, name + ": " + worst + " ulp at " + worstAt);
    }
}
