package org.mlp4j.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Kernels for tests that compare thread counts. {@link KernelsProvider#create(String, int)} caps the thread count at
 * the pool's size, so on a 1-CPU runner "2 threads" would silently be 1 and a "1 and 2 threads agree" test would
 * compare a run with itself. These fail instead (the engine's build gives the pool two threads on every machine).
 */
public final class TestKernels {
    private TestKernels() {
    }

    /** Vector kernels that really split work across {@code threads} threads. */
    public static Kernels vector(int threads) {
        Kernels k = KernelsProvider.create("vector", threads);
        assertEquals(threads, k.threads(), "asked for " + threads + " threads, got " + k + ": is -Dmlp4j.threads too small?");
        return k;
    }
}
