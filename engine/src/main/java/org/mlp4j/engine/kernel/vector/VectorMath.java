package org.mlp4j.engine.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code exp}, {@code tanh} and the logistic sigmoid on float vectors, built from add, mul, fma, div and bit
 * operations only.
 *
 * <p>Why not {@code VectorOperators.EXP/TANH}: compiled, they call SVML; interpreted (before C2 has compiled the
 * loop), they fall back to {@code Math} per lane — and the two differ in the last bit, which breaks "same seed ⇒
 * bit-identical model". IEEE add/mul/fma/div give the same bits in every execution mode. Accuracy against
 * {@code Math} over the whole float range is checked by {@code VectorMathTest} (measured: exp 1 ulp, tanh 3 ulp, sigmoid 3 ulp).
 *
 * <p>exp: Cody–Waite range reduction {@code x = n·ln2 + r}, |r| ≤ ln2/2, with ln2 split in two so that
 * {@code n·ln2hi} is exact; a degree-6 polynomial for e^r (the Cephes {@code expf} coefficients); then 2^n is applied
 * in two halves so that results in the subnormal range are still right.
 */
final class VectorMath {
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2^23: adding it rounds a float of magnitude < 2^22 to an integer, in the low mantissa bits. */
    private static final float ROUND_MAGIC = 12582912f;
    private static final int ROUND_MAGIC_BITS = Float.floatToRawIntBits(ROUND_MAGIC);
    /** Inputs are clamped to [EXP_MIN, EXP_MAX]: the two-step scaling then overflows to +∞ or underflows to 0 by itself. */
    private static final float EXP_MAX = 89f;
    private static final float EXP_MIN = -104.5f;
    private static final float TANH_SMALL = 0.625f;

    private VectorMath() {
    }

    static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector t = clamped.fma(LOG2E, ROUND_MAGIC);
        FloatVector n = t.sub(ROUND_MAGIC);
        FloatVector r = n.fma(x.broadcast(-LN2_HI), clamped);
        r = n.fma(x.broadcast(-LN2_LO), r);
        FloatVector r2 = r.mul(r);
        FloatVector p = r.fma(1.9875691500e-4f, 1.3981999507e-3f);
        p = mulAdd(p, r, 8.3334519073e-3f);
        p = mulAdd(p, r, 4.1665795894e-2f);
        p = mulAdd(p, r, 1.6666665459e-1f);
        p = mulAdd(p, r, 5.0000001201e-1f);
        p = p.fma(r2, r.add(1f));
        // 2^n = 2^h · 2^(n−h) with h = n/2, each half a normal float even when 2^n itself is not
        // t = n + 1.5·2^23 holds n in its low mantissa bits: no float→int conversion (nor int species) needed
        IntVector ni = t.reinterpretAsInts();
        ni = ni.sub(ROUND_MAGIC_BITS);
        IntVector h = ni.lanewise(VectorOperators.ASHR, 1);
        // 2^k by building the exponent field (k + 127) << 23; written out here rather than in a helper because
        // every extra call level counts against C2's inlining depth, and a vector that is not inlined is boxed
        FloatVector scaleH = h.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector scaleRest = ni.sub(h).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        // NaN needs no special case: min/max propagate it, and so does every step after
        return p.mul(scaleH).mul(scaleRest);
    }

    /** {@code a·b + c}, one rounding. */
    private static FloatVector mulAdd(FloatVector a, FloatVector b, float c) {
        return a.fma(b, a.broadcast(c));
    }

    /**
     * The logistic function, from e^−|x| only (never overflows): {@code 1/(1+e)} for x ≥ 0 and {@code e/(1+e)} for
     * x < 0, so tiny results (down to the subnormals) keep their relative accuracy.
     */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        FloatVector denominator = e.add(1f);
        FloatVector numerator = x.broadcast(1f).blend(e, x.compare(VectorOperators.LT, 0f));
        return numerator.div(denominator);
    }

    /**
     * tanh: an odd polynomial for |x| < 0.625 (Cephes {@code tanhf}), where the identity below would lose digits to
     * cancellation; else {@code tanh|x| = (1 − e)/(1 + e)} with {@code e = e^{−2|x|} ≤ 1} (never overflows, saturates
     * to 1 by itself) and the sign restored. It calls {@link #exp} directly, not through {@link #sigmoid}: one call level
     * less keeps the whole chain within C2's inlining depth, so no vector is boxed.
     */
    static FloatVector tanh(FloatVector x) {
        FloatVector z = x.mul(x);
        FloatVector q = z.fma(-5.70498872745e-3f, 2.06390887954e-2f);
        q = mulAdd(q, z, -5.37397155531e-2f);
        q = mulAdd(q, z, 1.33314422036e-1f);
        q = mulAdd(q, z, -3.33332819422e-1f);
        FloatVector small = q.mul(z).fma(x, x);
        FloatVector ax = x.abs();
        FloatVector e = exp(ax.mul(-2f));
        FloatVector large = e.neg().add(1f).div(e.add(1f));
        large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
        return large.blend(small, ax.compare(VectorOperators.LT, TANH_SMALL));
    }
}
