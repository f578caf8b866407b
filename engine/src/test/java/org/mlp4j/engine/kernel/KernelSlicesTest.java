package org.mlp4j.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Slices of a data-parallel step share their packing of the shared operands, and that changes no bit: each slice
 * gets what single-threaded kernels of its own give, with two threads packing at once or one thread running the
 * slices in turn, until the owner says the operands changed. The operand is wider than an NC block and deeper than
 * a KC block, and not a whole number of slivers, so every panel boundary is crossed.
 */
class KernelSlicesTest {
    private static final int ROWS = 40;
    private static final int K = 600;
    private static final int N = 1100;

    @Test
    void twoThreadsPackingTogetherGiveEachSliceItsOwnKernelsBits() throws Exception {
        assumeTrue(KernelsProvider.vector() != null, "needs --add-modules jdk.incubator.vector");
        SplittableRandom r = new SplittableRandom(3);
        float[] w = random(r, K * N);
        KernelSlices slices = KernelsProvider.slices("vector", 2, new float[][] {w});
        Kernels alone = KernelsProvider.create("vector", 1);
        for (int step = 0; step < 3; step++) {
            float[][] a = {random(r, ROWS * K), random(r, ROWS * K)};
            float[][] dz = {random(r, ROWS * N), random(r, ROWS * N)};
            float[][] out = new float[2][];
            float[][] back = new float[2][];
            slices.sharedChanged();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CyclicBarrier start = new CyclicBarrier(2);
            Thread[] threads = new Thread[2];
            for (int p = 0; p < 2; p++) {
                int part = p;
                threads[p] = new Thread(() -> {
                    try {
                        start.await(10, TimeUnit.SECONDS);
                        out[part] = forward(slices.part(part), a[part], w);
                        back[part] = inputGradient(slices.part(part), dz[part], w);
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                }, "slice-" + p);
                threads[p].start();
            }
            for (Thread t : threads) {
                t.join(60_000);
                assertFalse(t.isAlive(), "a slice did not finish");
            }
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            for (int p = 0; p < 2; p++) {
                assertArrayEquals(forward(alone, a[p], w), out[p], "step " + step + ", slice " + p + ": X·W");
                assertArrayEquals(inputGradient(alone, dz[p], w), back[p],
                        "step " + step + ", slice " + p + ": dZ·Wᵀ");
            }
            // the optimizer's step between two training steps
            for (int i = 0; i < w.length; i += 7) {
                w[i] -= 0.25f;
            }
        }
    }

    @Test
    void oneThreadRunningTheSlicesInTurnNeedsNoOtherSlice() {
        assumeTrue(KernelsProvider.vector() != null, "needs --add-modules jdk.incubator.vector");
        SplittableRandom r = new SplittableRandom(5);
        float[] w = random(r, K * N);
        KernelSlices slices = KernelsProvider.slices("vector", 3, new float[][] {w});
        Kernels alone = KernelsProvider.create("vector", 1);
        slices.sharedChanged();
        for (int p = 0; p < 3; p++) {
            float[] a = random(r, ROWS * K);
            assertArrayEquals(forward(alone, a, w), forward(slices.part(p), a, w), "slice " + p);
        }
    }

    @Test
    void sharedOperandsArePackedOnceUntilTheOwnerSaysTheyChanged() {
        assumeTrue(KernelsProvider.vector() != null, "needs --add-modules jdk.incubator.vector");
        SplittableRandom r = new SplittableRandom(7);
        float[] w = random(r, K * N);
        float[] before = w.clone();
        KernelSlices slices = KernelsProvider.slices("vector", 2, new float[][] {w});
        Kernels alone = KernelsProvider.create("vector", 1);
        float[] a = random(r, ROWS * K);
        slices.sharedChanged();
        forward(slices.part(0), a, w);
        java.util.Arrays.fill(w, 1f);
        // without the owner's word, slice 1 reads slice 0's panels: proof that it did not pack W again
        assertArrayEquals(forward(alone, a, before), forward(slices.part(1), a, w));
        slices.sharedChanged();
        assertArrayEquals(forward(alone, a, w), forward(slices.part(1), a, w));
    }

    @Test
    void operandsOutsideTheSharedSetAreReadAfreshEveryCall() {
        assumeTrue(KernelsProvider.vector() != null, "needs --add-modules jdk.incubator.vector");
        SplittableRandom r = new SplittableRandom(11);
        float[] shared = random(r, K * N);
        float[] other = random(r, K * N);
        KernelSlices slices = KernelsProvider.slices("vector", 2, new float[][] {shared});
        Kernels alone = KernelsProvider.create("vector", 1);
        float[] a = random(r, ROWS * K);
        slices.sharedChanged();
        forward(slices.part(0), a, other);
        java.util.Arrays.fill(other, -2f);
        assertArrayEquals(forward(alone, a, other), forward(slices.part(0), a, other));
    }

    @Test
    void scalarSlicesAreIndependentSingleThreadedKernels() {
        KernelSlices slices = KernelsProvider.slices("scalar", 2, new float[][] {new float[4]});
        assertEquals(2, slices.parts());
        for (int p = 0; p < 2; p++) {
            assertEquals("scalar", slices.part(p).name());
            assertEquals(1, slices.part(p).threads());
        }
    }

    private static float[] forward(Kernels kernels, float[] a, float[] w) {
        float[] c = new float[ROWS * N];
        kernels.gemm(false, false, ROWS, N, K, 1f, a, 0, K, w, 0, N, 0f, c, 0, N);
        return c;
    }

    /** {@code dZ·Wᵀ}: W read transposed, as the input gradients read the weights. */
    private static float[] inputGradient(Kernels kernels, float[] dz, float[] w) {
        float[] c = new float[ROWS * K];
        kernels.gemm(false, true, ROWS, K, N, 1f, dz, 0, N, w, 0, N, 0f, c, 0, K);
        return c;
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }
}
