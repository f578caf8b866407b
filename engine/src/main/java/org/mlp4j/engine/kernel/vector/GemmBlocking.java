package org.mlp4j.engine.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM's shape constants: vector species, micro-tile {@code MR×NR} and cache blocks {@code MC, KC, NC}.
 *
 * <p>The species is the preferred one unless {@code -Dmlp4j.gemm.bits=256|512} asks otherwise; {@code -Dmlp4j.gemm.kc|mc|nc}
 * override the blocks. Both are for measuring.
 * Everything here is {@code static final}, so C2 folds it into the kernels.
 *
 * <p>Why these numbers (measured on a Zen 5 EPYC: 48 KiB L1d, 1 MiB L2 per core, 32 MiB L3; 2 FMA pipes of 512 bits):
 * <ul>
 *   <li>{@code NR = 2 vectors}: two B loads feed {@code 2·MR} FMAs per k step. With 32 zmm registers {@code MR = 8}
 *       (16 accumulators + 2 B + 1 broadcast A) runs at ~98 % of the FMA peak in cache; 6×2, 12×2, 6×4 and 5×4 measured
 *       the same in cache, 14×2 spills. 8 divides every MLP batch and layer size we care about, so edge tiles are rare.
 *       With 8 lanes (AVX2: 16 ymm registers) {@code MR = 6}: 12 accumulators + 3, the classic 6×16.</li>
 *   <li>{@code KC = 512}: fewer KC blocks means fewer passes over C (each pass reads and writes every C element
 *       once, with misses on the 8 rows of a tile: with a power-of-two {@code ldc} those are the cost that shows);
 *       measured +10–15 % at n = 1024 and 2048 over KC = 256 although the B sliver ({@code KC×NR}, 64 KiB) then
 *       only half fits L1 and streams from L2. With op(B) = Bᵀ, KC = 256 measured ~8 % faster (the gather-pack of
 *       Bᵀ then writes an L1-sized sliver).</li>
 *   <li>{@code MC = 192}: an A block {@code MC×KC} (384 KiB) stays in L2 while every B sliver of the panel passes.</li>
 *   <li>{@code NC = 4096}: a B panel {@code KC×NC} (4 MiB) is shared through L3 by all threads.</li>
 * </ul>
 */
final class GemmBlocking {
    static final VectorSpecies<Float> S = species();
    static final int L = S.length();
    /** Rows of C per micro-tile. */
    static final int MR = L >= 16 ? 8 : 6;
    /** Columns of C per micro-tile: two vectors. */
    static final int NR = 2 * L;
    /** KC when op(B) = B. */
    static final int KC = Integer.getInteger("mlp4j.gemm.kc", 512);
    /** KC when op(B) = Bᵀ. */
    static final int KC_TRANS_B = Integer.getInteger("mlp4j.gemm.kcTransB", 256);
    static final int KC_MAX = Math.max(KC, KC_TRANS_B);
    static final int MC = Integer.getInteger("mlp4j.gemm.mc", 24 * MR) / MR * MR;
    static final int NC = Integer.getInteger("mlp4j.gemm.nc", 4096) / NR * NR;

    private GemmBlocking() {
    }

    private static VectorSpecies<Float> species() {
        String bits = System.getProperty("mlp4j.gemm.bits", "");
        switch (bits.trim()) {
            case "256": return FloatVector.SPECIES_256;
            case "512": return FloatVector.SPECIES_512;
            default: return FloatVector.SPECIES_PREFERRED;
        }
    }
}
