package org.mlp4j.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Initializer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.Rng;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.train.Adam;

/**
 * A graph of fixed shapes replayed step after step — parameters broadcast over rows, a group of subnets with batch
 * normalisation run in parallel, a user function, backward and an Adam update — allocates nothing once warm. Measured
 * in rounds until one allocates nothing (C2 may lag in a busy JVM), as the trainer's zero-allocation test does.
 */
class ReplayAllocationTest {

    @ParameterizedTest
    @CsvSource({"scalar,1", "vector,1", "vector,2"})
    void aWarmReplayedStepAllocatesNothing(String kernelsName, int threads) {
        int rows = 32;
        int d = 12;
        Rng rng = new Rng(4);
        Model model = new Model();
        Parameter y0 = model.parameter("y0", 1, 1, Initializer.uniform(0.3, 0.6), rng);
        Parameter z0 = model.parameter("z0", 1, d, Initializer.uniform(-0.1, 0.1), rng);
        Subnet[] nets = new Subnet[3];
        for (int i = 0; i < nets.length; i++) {
            nets[i] = model.subnet("net" + i, Network.builder(d).batchNorm()
                    .denseWithoutBias(d + 3, Activation.IDENTITY).batchNorm(Activation.RELU)
                    .dense(d, Activation.IDENTITY).batchNorm().seed(i).build());
        }
        float[][] x = new float[nets.length][rows * d];
        float[] target = new float[rows];
        for (float[] xi : x) {
            for (int i = 0; i < xi.length; i++) {
                xi[i] = (float) rng.nextGaussian();
            }
        }
        Tape tape = new Tape(KernelsProvider.create(kernelsName, threads));
        Updater adam = new Updater(model.trainableParameters(), new Adam(0.9, 0.999, 1e-8, false), 1e-3, tape.kernels());
        Tensor[] inputs = new Tensor[nets.length];
        Runnable step = () -> {
            tape.reset(true);
            for (int i = 0; i < nets.length; i++) {
                inputs[i] = tape.input(x[i], rows, d);
            }
            Tensor[] outs = tape.apply(nets, inputs);
            Tensor y = tape.parameter(y0);
            Tensor z = tape.parameter(z0);
            for (Tensor out : outs) {
                y = y.sub(y.map(CompositeGradientTest.HUBER).scale(0.1f)).add(z.mul(out).rowSums());
                z = out.scale(1f / d);
            }
            tape.backward(y.sub(tape.input(target, rows, 1)).square().mean());
            adam.step();
        };
        for (int warm = 0; warm < 2000; warm++) {
            step.run();
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long calibrate = mx.getThreadAllocatedBytes(id);
        long overhead = mx.getThreadAllocatedBytes(id) - calibrate;
        long allocated = -1;
        // rounds until C2 has compiled the replay (C1's code allocates what C2's escape analysis removes; on a busy
        // machine the compile queue can take seconds): a step that still allocates after 30 s fails
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int round = 0; (round == 0 || allocated > 32 * 200) && (round < 60 || System.nanoTime() < deadline);
                round++) {
            long before = mx.getThreadAllocatedBytes(id);
            for (int s = 0; s < 200; s++) {
                step.run();
            }
            allocated = mx.getThreadAllocatedBytes(id) - before - overhead;
        }
        // the group's result array (one reference per subnet) is the only thing a step allocates
        long perStep = allocated / 200;
        assertEquals(0, Math.max(0, perStep - 32), "bytes allocated per warm step beyond the group's result array: "
                + perStep);
    }
}
