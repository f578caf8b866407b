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
 * sixteen, so we assume it does not). The tile is {@code MR} rows by two vectors: {@code 2·MR} accumulators, two B
 * vectors and one broadcast A must fit, so 16 registers give {@code MR = 6} (15 live, the 6×16 of BLIS's haswell
 * kernel at 8 lanes) and 32 give {@code MR = 8} (19 live; measured as fast as 12×2 and 6×4 on a Zen 5, and 8
 * divides every batch and layer size we care about).
 */
final class KernelShape {
    static final VectorSpecies<Float> S = species(KernelSettings.VECTOR_BITS);
    /** Float lanes per vector. */
    static final int L = S.length();
    /** Vector registers the tile is sized for. */
    static final int REGISTERS = registers(System.getProperty("os.arch", ""), S.vectorBitSize());
    /** Rows of C per micro-tile. */
    static final int MR = REGISTERS >= 32 ? 8 : 6;
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

    static int registers(String arch, int bits) {
        if (arch.equals("aarch64") || arch.equals("arm64")) {
            return 32;
        }
        return bits >= 512 ? 32 : 16;
    }
}
