package org.mlp4j.engine.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.mlp4j.engine.kernel.KernelSettings;

/**
 * The one species every vector kernel uses, and the register tile that follows from it and from the number of vector
 * registers. Everything here is {@code static final}, so C2 folds it into the kernels.
 *
 * <p>The species is the JVM's preferred one ({@code -XX:UseAVX}, {@code -XX:MaxVectorSize} decide it) unless
 * {@code -Dmlp4j.vector.bits} asks for a narrower one ({@link KernelSettings}). One species for everything on
 * purpose: mixing 256- and 512-bit vector classes in one JVM pollutes C2's type profiles on JDK 17 and slows the
 * kernels that run afterwards.
 *
 * <p>Registers: 32 on AArch64 (NEON and SVE) and on x86 with 512-bit vectors (AVX-512 adds zmm16–31); otherwise 16
 * (SSE, AVX, AVX2 — and AVX-512 limited to 256 bits, where we cannot tell from Java whether the JVM uses the upper
 * sixteen, so we assume it does not). The tile is {@code MR} rows by two vectors ({@code NR = 2·L} columns):
 * <ul>
 *   <li>32 registers: {@code MR = 8}, 16 accumulators, two B vectors and the broadcasts of A (measured on a Zen 5
 *       as fast as 12×2 and 6×4 in cache; 8 divides every batch and layer size we care about).</li>
 *   <li>16 registers: the tile depends on the JIT, because the two C2s we run on schedule the same kernel
 *       differently, and one shape does not serve both (measured on a Zen 3, AVX2, 1 thread, the two candidates
 *       run at the same time one per core and swapped, {@code mlp4j bench}, epoch time):
 *       <ul>
 *         <li>JDK 17 (and up to 24): {@code MR = 6}, BLIS's haswell 6×16 — 12 accumulators, 2 B vectors, 1
 *             broadcast = 15 registers, no spill; with the loop counting in B's index (see
 *             {@code MicroKernel.packed6}) it trains the 784-128-64-10 net 1.3–1.6× and the 784-1024-1024-10 net
 *             1.0–1.2× faster than 4×16 on one thread, the small net 1.1× faster on two; only the big net on two
 *             threads was faster with 4×16 (by 7 %).</li>
 *         <li>JDK 25 and later: {@code MR = 4}, 8 accumulators. Temurin 25's C2 schedules the broadcasts of A
 *             ahead of their FMAs: the {@code p++} form of 6×16 then needs 18 registers and keeps accumulators on
 *             the stack (seen with {@code -XX:+PrintAssembly}); the B-index form does not spill but keeps two
 *             range checks on A's index per step, and trains the big net at 0.7× of 4×16.</li>
 *       </ul>
 *       Releases between 17 and 25 were not measured; they get 17's choice. The CLI launcher measures which
 *       installed JDK runs its own tile fastest on the machine, once, and uses that JDK.</li>
 * </ul>
 * {@code -Dmlp4j.gemm.mr=4|6|8} overrides the rows for measuring.
 */
final class KernelShape {
    static final VectorSpecies<Float> S = species(KernelSettings.VECTOR_BITS);
    /** Float lanes per vector. */
    static final int L = S.length();
    /** Vector registers the tile is sized for. */
    static final int REGISTERS = registers(System.getProperty("os.arch", ""), S.vectorBitSize());
    /** Rows of C per micro-tile. */
    static final int MR = rows(KernelSettings.GEMM_MR, REGISTERS, Runtime.version().feature());
    /** Columns of C per micro-tile: two vectors. */
    static final int NR = 2 * L;

    private KernelShape() {
    }

    static VectorSpecies<Float> species(int bits) {
        VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
        if (bits == 0 || bits == preferred.vectorBitSize()) {
            return preferred;
        }
        if (bits > preferred.vectorBitSize() || (bits != 64 && bits != 128 && bits != 256 && bits != 512)) {
            throw new IllegalArgumentException("-Dmlp4j.vector.bits=" + bits + ": this JVM offers 64.."
                    + preferred.vectorBitSize() + " bits (powers of two)");
        }
        return VectorSpecies.of(float.class, jdk.incubator.vector.VectorShape.forBitSize(bits));
    }

    /** The tile's rows: the override if set, else by registers and the JDK's feature release (see above). */
    static int rows(int override, int registers, int jdkFeature) {
        if (override != 0) {
            if (override != 4 && override != 6 && override != 8) {
                throw new IllegalArgumentException("-Dmlp4j.gemm.mr must be 4, 6 or 8, got " + override);
            }
            return override;
        }
        if (registers >= 32) {
            return 8;
        }
        return jdkFeature >= 25 ? 4 : 6;
    }

    static int registers(String arch, int bits) {
        if (arch.equals("aarch64") || arch.equals("arm64")) {
            return 32;
        }
        return bits >= 512 ? 32 : 16;
    }
}
