package org.mlp4j.engine;

/**
 * The one seeded random source behind initialisation, shuffling and dropout: SplitMix64.
 *
 * <p>Its whole state is one {@code long} ({@link #state()}), so a checkpoint can store it and a resumed run
 * continues the identical sequence. Gaussians use Box–Muller without a cached spare for the same reason.
 */
public final class Rng {
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** The complete generator state; {@code new Rng(0).restore(s)} continues where this one is. */
    public long state() {
        return state;
    }

    public Rng restore(long savedState) {
        this.state = savedState;
        return this;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // Java's classic rejection: drop the top partial block of 63-bit values so that every residue is equally likely
        while (true) {
            long r = nextLong() >>> 1;
            long v = r % bound;
            if (r - v + (bound - 1) >= 0) {
                return (int) v;
            }
        }
    }

    /** Standard normal N(0, 1) by Box–Muller (two uniforms per call). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Fisher–Yates shuffle of {@code a} in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
