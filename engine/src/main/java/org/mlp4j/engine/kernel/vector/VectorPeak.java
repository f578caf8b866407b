package org.mlp4j.engine.kernel.vector;

import static org.mlp4j.engine.kernel.vector.GemmBlocking.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The FMA peak as the Vector API can reach it: a register-resident loop of independent FMAs in the GEMM's species.
 * Called reflectively by {@code org.mlp4j.engine.perf.PeakFlops}, so the perf package needs no incubator module.
 *
 * <p>Loop structure: 12 accumulator chains, each {@code acc = acc·x + y}. With an FMA latency of 4 cycles and two
 * FMA pipes, 8 chains saturate the pipes; 12 leave slack. No memory is touched inside the loop. The same species
 * as the GEMM is used on purpose: mixing 256- and 512-bit vector classes in one JVM pollutes the JIT's type
 * profiles on JDK 17 and slows the GEMM kernels afterwards.
 */
public final class VectorPeak {

    private VectorPeak() {
    }

    /** Floating-point operations one call of {@link #fmaLoop} performs per iteration. */
    public static long flopsPerIteration() {
        return 2L * 12 * S.length();
    }

    /** Bits per vector of the species measured. */
    public static int vectorBits() {
        return S.vectorBitSize();
    }

    /** Runs {@code iterations} × 12 vector FMAs; returns a value that depends on every chain (keeps the JIT honest). */
    public static float fmaLoop(long iterations) {
        FloatVector x = FloatVector.broadcast(S, 0.999999f);
        FloatVector y = FloatVector.broadcast(S, 1e-6f);
        FloatVector c0 = FloatVector.broadcast(S, 0.1f), c1 = FloatVector.broadcast(S, 0.2f);
        FloatVector c2 = FloatVector.broadcast(S, 0.3f), c3 = FloatVector.broadcast(S, 0.4f);
        FloatVector c4 = FloatVector.broadcast(S, 0.5f), c5 = FloatVector.broadcast(S, 0.6f);
        FloatVector c6 = FloatVector.broadcast(S, 0.7f), c7 = FloatVector.broadcast(S, 0.8f);
        FloatVector c8 = FloatVector.broadcast(S, 0.9f), c9 = FloatVector.broadcast(S, 1.0f);
        FloatVector c10 = FloatVector.broadcast(S, 1.1f), c11 = FloatVector.broadcast(S, 1.2f);
        for (long i = 0; i < iterations; i++) {
            c0 = c0.fma(x, y); c1 = c1.fma(x, y); c2 = c2.fma(x, y); c3 = c3.fma(x, y);
            c4 = c4.fma(x, y); c5 = c5.fma(x, y); c6 = c6.fma(x, y); c7 = c7.fma(x, y);
            c8 = c8.fma(x, y); c9 = c9.fma(x, y); c10 = c10.fma(x, y); c11 = c11.fma(x, y);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }
}
