package org.mlp4j.engine.kernel;

/**
 * A stream of standard normal samples for {@link Kernels#normal}: sixteen independent xoshiro128+ generators (one per
 * lane, whatever the machine's vector width) feeding the Box–Muller transform, with float polynomials for the
 * logarithm, sine and cosine, so that the scalar and the vector kernels draw the same samples bit for bit on every
 * machine.
 *
 * <p>One block is sixteen pairs: lane {@code i}'s generator gives two 32-bit words; the top 23 bits of the first make
 * {@code u₁ ∈ [2⁻²³, 1]}, of the second {@code u₂ ∈ [0, 1)}; then {@code r = √(−2 ln u₁)} and block element {@code i}
 * is {@code r·cos 2πu₂}, element {@code 16 + i} is {@code r·sin 2πu₂}. The samples reach ±5.65 (u₁ = 2⁻²³), about one
 * in 10⁸ short of the tails of a true normal. A call for {@code n} samples takes {@code ⌈n/32⌉} whole blocks (the
 * unused rest of the last one is dropped), so what a stream gives depends only on its seed and the lengths asked for.
 *
 * <p>Not thread-safe: one stream per thread (split streams by seed, e.g. one per time step or per partition).
 */
public final class NormalStream {
    /** Generators in a stream, and so pairs in a block. */
    public static final int LANES = 16;
    /** Samples in a block. */
    public static final int BLOCK = 2 * LANES;

    private final int[] state = new int[4 * LANES];
    private final float[] tail = new float[BLOCK];

    /** A stream whose sixteen generators are seeded from {@code seed} by SplitMix64. */
    public NormalStream(long seed) {
        long z = seed;
        for (int i = 0; i < LANES; i++) {
            for (int w = 0; w < 4; w += 2) {
                z += 0x9E3779B97F4A7C15L;
                long x = z;
                x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
                x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
                x ^= x >>> 31;
                state[w * LANES + i] = (int) x;
                state[(w + 1) * LANES + i] = (int) (x >>> 32);
            }
            if ((state[i] | state[LANES + i] | state[2 * LANES + i] | state[3 * LANES + i]) == 0) {
                state[i] = 1;   // xoshiro's one forbidden state
            }
        }
    }

    /**
     * The generators' states, word-major (word {@code w} of lane {@code i} at {@code w·16 + i}), live: for kernel
     * implementations, which advance it.
     */
    public int[] state() { return state; }

    /** Scratch for the last, partial block of a call (for kernel implementations). */
    public float[] tail() { return tail; }

    /** A copy of this stream at its current position. */
    public NormalStream copy() {
        NormalStream c = new NormalStream(0);
        System.arraycopy(state, 0, c.state, 0, state.length);
        return c;
    }
}
