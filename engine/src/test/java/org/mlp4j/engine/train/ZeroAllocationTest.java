package org.mlp4j.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.Rng;
import org.mlp4j.engine.Targets;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Once warm, a training step allocates nothing on the training thread, with either kernels and any thread count.
 *
 * <p>"Warm" means compiled by C2: before that, the Vector API runs in Java and boxes every vector. In a JVM busy
 * compiling other tests the compiler may lag behind any fixed number of warm-up steps, so the test measures rounds of
 * 200 steps until one allocates nothing, and fails if none does within 30 rounds (6,000 steps after the warm-up).
 *
 * <p>A JVM whose C2 has given up on a Vector API speculation boxes vectors in every kernel for good, whatever the
 * rounds: this test caught that in about 1 run in 8 until the vector kernels primed the API's operation caches
 * ({@code OperationCaches}). A failure here with thousands of bytes a step is that kind of fault, or a new allocation.
 */
class ZeroAllocationTest {

    @ParameterizedTest
    @CsvSource({"scalar,1", "vector,1", "vector,2"})
    void aWarmTrainingStepAllocatesNothing(String kernels, int threads) {
        int rows = 256;
        int in = 100;
        Rng rng = new Rng(3);
        float[] x = new float[rows * in];
        int[] labels = new int[rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        for (int i = 0; i < rows; i++) {
            labels[i] = rng.nextInt(10);
        }
        Dataset data = Dataset.classification(x, rows, in, labels, 10);
        // every element-wise activation, widths with and without vector tails
        Network net = Network.builder(in).dense(64, Activation.RELU).dense(48, Activation.TANH)
                .dense(33, Activation.SIGMOID).dense(32, Activation.LEAKY_RELU).dense(16, Activation.IDENTITY)
                .dense(10, Activation.SOFTMAX).seed(1).build();
        Kernels k = KernelsProvider.create(kernels, threads);
        assertEquals(threads, k.threads(), "the pool must really give " + threads + " threads");
        Trainer trainer = new Trainer(net, TrainingOptions.builder().batchSize(64).learningRate(0.01)
                .kernels(k).build());
        Targets targets = Targets.of(data, 10);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int warm = 0; warm < 2000; warm++) {
            trainer.trainOnBatch(data, targets, order, (warm % 4) * 64, 64);
        }

        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long calibrate = mx.getThreadAllocatedBytes(id);
        long overhead = mx.getThreadAllocatedBytes(id) - calibrate;
        long allocated = -1;
        // rounds until C2 has compiled the step (C1's code allocates what C2's escape analysis removes; on a busy
        // machine the compile queue can take seconds): a step that still allocates after 30 s fails
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int round = 0; allocated != 0 && (round < 30 || System.nanoTime() < deadline); round++) {
            long before = mx.getThreadAllocatedBytes(id);
            for (int step = 0; step < 200; step++) {
                trainer.trainOnBatch(data, targets, order, (step % 4) * 64, 64);
            }
            allocated = mx.getThreadAllocatedBytes(id) - before - overhead;
        }
        assertEquals(0, allocated, "bytes allocated by 200 warm steps");
    }
}
