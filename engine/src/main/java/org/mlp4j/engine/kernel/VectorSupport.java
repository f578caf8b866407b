package org.mlp4j.engine.kernel;

/**
 * What the Vector API package offers the rest of the engine, behind a type that needs no incubator module: the
 * kernels, the one species they all use, and the FMA loop the peak is measured with. The implementation
 * ({@code org.mlp4j.engine.kernel.vector.VectorProvider}) is looked up once, by {@link KernelsProvider#vector()},
 * and used through this interface afterwards (Lucene's {@code VectorizationProvider} pattern).
 */
public interface VectorSupport {

    /** Float lanes of the species (4 at 128 bits, 8 on AVX2, 16 on AVX-512). */
    int lanes();

    /** Bits per vector of the species. */
    default int vectorBits() {
        return 32 * lanes();
    }

    /** Vector registers the register tile was sized for (16 on AVX2 and SSE, 32 on AVX-512 and NEON). */
    int registers();

    /** The GEMM's register tile, {@code MR×NR}, e.g. {@code 6×16}. */
    String tile();

    /** The vector kernels, splitting work across {@code threads} threads (capped by the pool). */
    Kernels kernels(int threads);

    /**
     * Single-threaded vector kernels for {@code parts} slices sharing their packing of {@code shared}
     * ({@link KernelSlices}).
     */
    KernelSlices slices(int parts, float[][] shared);

    /** The FMA loop of this species, for {@code org.mlp4j.engine.perf.PeakFlops}. */
    FmaLoop fmaLoop();

    /** A register-resident loop of independent FMAs. */
    interface FmaLoop {
        /** What it is, e.g. {@code vector 256-bit FMA}. */
        String name();

        /** Floating-point operations per iteration of {@link #run}. */
        long flopsPerIteration();

        /** Runs {@code iterations} iterations; returns a value that depends on all of them. */
        float run(int iterations);
    }
}
