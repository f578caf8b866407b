package org.mlp4j.engine.kernel;

/**
 * The arithmetic of one {@link NormalStream} block, written once for both providers: the constants here and
 * {@link #block}, the scalar reference that {@code VectorKernels} repeats lane by lane (same operations, same order,
 * no fused multiply-add, so the same bits).
 *
 * <ul>
 *   <li>xoshiro128+ per lane: {@code result = s0 + s3}; {@code t = s1 << 9}; {@code s2 ^= s0}, {@code s3 ^= s1},
 *       {@code s1 ^= s2}, {@code s0 ^= s3}, {@code s2 ^= t}, {@code s3 = rotl(s3, 11)}. Only the top 23 bits are used
 *       (its low bits are the weak ones).</li>
 *   <li>{@code u₁ = 2 − m₁}, {@code u₂ = m₂ − 1} with {@code m = 1.bits} (the 23 bits as a mantissa of [1, 2)).</li>
 *   <li>{@code ln u₁ = e·ln 2 + ln m} with {@code u₁ = m·2^e}, {@code m ∈ [√½, √2)}, and
 *       {@code ln m = 2t(1 + t²/3 + t⁴/5 + t⁶/7 + t⁸/9)}, {@code t = (m − 1)/(m + 1)}, {@code |t| < 0.172}
 *       (the next term is below 10⁻⁸).</li>
 *   <li>{@code 2πu₂ = k·π/2 + φ} with {@code k = round(4u₂)} (by adding and subtracting 1.5·2²³, which keeps
 *       {@code k} in the low mantissa bits) and {@code φ ∈ [−π/4, π/4]}; Taylor polynomials of sin (degree 9) and
 *       cos (degree 8) on that interval (errors below 3·10⁻⁸), then the quadrant by swapping and flipping sign bits.</li>
 * </ul>
 */
public final class NormalTransform {
    public static final int MANTISSA_ONE = 0x3F800000;
    public static final float SQRT_HALF_UPPER = 1.41421356f;
    /** 1.5·2²³: adding it rounds a small float to an integer held in the low mantissa bits. */
    public static final float ROUND = 12582912f;
    public static final int ROUND_BITS = 0x4B400000;
    public static final float LN2_HI = 0.693145752f;
    public static final float LN2_LO = 1.42860677e-6f;
    public static final float L3 = 1f / 3, L5 = 1f / 5, L7 = 1f / 7, L9 = 1f / 9;
    public static final float HALF_PI = 1.57079633f;
    public static final float S3 = -1f / 6, S5 = 1f / 120, S7 = -1f / 5040, S9 = 1f / 362880;
    public static final float C2 = -1f / 2, C4 = 1f / 24, C6 = -1f / 720, C8 = 1f / 40320;

    private NormalTransform() {
    }

    /** Advances the sixteen generators of {@code s} twice and writes one block, times {@code scale}, at {@code out[off]}. */
    public static void block(int[] s, float[] out, int off, float scale) {
        int n = NormalStream.LANES;
        for (int i = 0; i < n; i++) {
            int s0 = s[i], s1 = s[n + i], s2 = s[2 * n + i], s3 = s[3 * n + i];
            int w1 = s0 + s3;
            int t = s1 << 9;
            s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
            int w2 = s0 + s3;
            t = s1 << 9;
            s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
            s[i] = s0; s[n + i] = s1; s[2 * n + i] = s2; s[3 * n + i] = s3;

            float u1 = 2f - Float.intBitsToFloat(MANTISSA_ONE | (w1 >>> 9));
            float u2 = Float.intBitsToFloat(MANTISSA_ONE | (w2 >>> 9)) - 1f;
            // ln u1
            int bits = Float.floatToRawIntBits(u1);
            int e = (bits >> 23) - 127;
            float m = Float.intBitsToFloat((bits & 0x007FFFFF) | MANTISSA_ONE);
            if (m > SQRT_HALF_UPPER) {
                m = m * 0.5f;
                e = e + 1;
            }
            float ef = Float.intBitsToFloat(ROUND_BITS + e) - ROUND;
            float q = (m - 1f) / (m + 1f);
            float q2 = q * q;
            float p = (((L9 * q2 + L7) * q2 + L5) * q2 + L3) * q2 + 1f;
            float ln = ef * LN2_HI + (ef * LN2_LO + (q + q) * p);
            float r = (float) Math.sqrt(ln * -2f) * scale;
            // cos and sin of 2π·u2
            float k4 = u2 * 4f + ROUND;
            int k = Float.floatToRawIntBits(k4) - ROUND_BITS;
            float phi = (u2 * 4f - (k4 - ROUND)) * HALF_PI;
            float f2 = phi * phi;
            float sin = ((((S9 * f2 + S7) * f2 + S5) * f2 + S3) * f2 + 1f) * phi;
            float cos = (((C8 * f2 + C6) * f2 + C4) * f2 + C2) * f2 + 1f;
            int sb = Float.floatToRawIntBits(sin), cb = Float.floatToRawIntBits(cos);
            int swap = -(k & 1);
            int cosBits = cb ^ ((cb ^ sb) & swap);
            int sinBits = sb ^ ((sb ^ cb) & swap);
            cosBits ^= ((k + 1) & 2) << 30;
            sinBits ^= (k & 2) << 30;
            out[off + i] = r * Float.intBitsToFloat(cosBits);
            out[off + n + i] = r * Float.intBitsToFloat(sinBits);
        }
    }
}
