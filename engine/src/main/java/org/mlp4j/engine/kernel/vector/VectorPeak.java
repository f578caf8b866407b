package org.mlp4j.engine.kernel.vector;

import static org.mlp4j.engine.kernel.vector.KernelShape.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.mlp4j.engine.kernel.VectorSupport;

/**
 * The FMA peak as the Vector API can reach it: a register-resident loop of independent FMAs in the kernels' species
 * ({@link KernelShape}), for {@code org.mlp4j.engine.perf.PeakFlops}.
 *
 * <p>Loop structure: 12 accumulator chains, each {@code acc = x·y + acc} — the GEMM's own form: with an FMA latency
 * of 4–6 cycles and two FMA pipes, 8–12 chains saturate the pipes. No memory is touched inside the loop.
 *
 * <p>Why the accumulator is the addend: C2 (17 and 25) emits every Vector API FMA as {@code vfmadd231ps dst, a, b}
 * ({@code dst = a·b + dst}), which overwrites its addend. The earlier loop, {@code acc = acc·x + y}, made the
 * shared {@code y} the addend, so each FMA first copied {@code y} into a scratch register and the register allocator,
 * short of registers with 12 chains, stored every new accumulator to the stack: 12 FMAs, 12 register moves and 11
 * vector stores per iteration on AVX2 (seen with {@code -XX:+PrintAssembly}) — the reason the probe read 55–60 %
 * of what a C loop of the same chains reaches. With {@code acc} as the addend each FMA is one instruction on a
 * register it owns, as gcc compiles {@code bench/peers/fma_peak.c}.
 *
 * <p>Why {@link #run} is short and called many times rather than running one long loop: a long-running loop is
 * compiled on-stack (OSR), and in an OSR compilation the accumulators enter the loop from the interpreter's frame as
 * objects, so C2 keeps them boxed — on JDK 17 with AVX2 the generated loop allocated a {@code Float256Vector} and its
 * {@code float[]} for every FMA (seen with {@code -XX:+PrintAssembly}: {@code _new_instance_Java} and
 * {@code _new_array_Java} calls in the loop body) and measured 0.5–0.8 GFLOP/s instead of ~65. The caller
 * ({@code PeakFlops}) calls this method with a bounded int count until its normal C2 compilation is installed; the
 * int-counted loop also lets C2 unroll it without the long-loop strip-mining of JDK 17.
 */
final class VectorPeak implements VectorSupport.FmaLoop {
    private static final int CHAINS = 12;

    @Override
    public String name() {
        return "vector " + S.vectorBitSize() + "-bit FMA";
    }

    @Override
    public long flopsPerIteration() {
        return 2L * CHAINS * S.length();
    }

    @Override
    public float run(int iterations) {
        return fmaChains(iterations);
    }

    static float fmaChains(int iterations) {
        // x·y is tiny and positive: the sums grow slowly, never overflow and never become subnormal
        FloatVector x = FloatVector.broadcast(S, 0.999999f);
        FloatVector y = FloatVector.broadcast(S, 1e-6f);
        FloatVector c0 = FloatVector.broadcast(S, 0.1f), c1 = FloatVector.broadcast(S, 0.2f);
        FloatVector c2 = FloatVector.broadcast(S, 0.3f), c3 = FloatVector.broadcast(S, 0.4f);
        FloatVector c4 = FloatVector.broadcast(S, 0.5f), c5 = FloatVector.broadcast(S, 0.6f);
        FloatVector c6 = FloatVector.broadcast(S, 0.7f), c7 = FloatVector.broadcast(S, 0.8f);
        FloatVector c8 = FloatVector.broadcast(S, 0.9f), c9 = FloatVector.broadcast(S, 1.0f);
        FloatVector c10 = FloatVector.broadcast(S, 1.1f), c11 = FloatVector.broadcast(S, 1.2f);
        for (int i = 0; i < iterations; i++) {
            c0 = x.fma(y, c0); c1 = x.fma(y, c1); c2 = x.fma(y, c2); c3 = x.fma(y, c3);
            c4 = x.fma(y, c4); c5 = x.fma(y, c5); c6 = x.fma(y, c6); c7 = x.fma(y, c7);
            c8 = x.fma(y, c8); c9 = x.fma(y, c9); c10 = x.fma(y, c10); c11 = x.fma(y, c11);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }
}
