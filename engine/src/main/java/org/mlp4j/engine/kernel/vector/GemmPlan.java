package org.mlp4j.engine.kernel.vector;

import static org.mlp4j.engine.kernel.vector.GemmBlocking.MC;

/**
 * Per-shape choices of {@link VectorGemm}, each picked by measurement: whether to pack A and B, how many
 * threads, and which loop the threads split.
 *
 * <p>{@code -Dmlp4j.gemm.pack=always|never} overrides the packing choice (for measuring; op(B) = Bᵀ is always
 * packed, the kernel needs B's rows contiguous).
 */
final class GemmPlan {
    private static final String PACK = org.mlp4j.engine.kernel.KernelSettings.GEMM_PACK;
    static final int PACK_A_MIN_N = org.mlp4j.engine.kernel.KernelSettings.GEMM_PACK_A_MIN_N;
    /** Below this many flops a GEMM stays on the caller: a hand-off costs more than it saves. */
    static final long PARALLEL_MIN_FLOPS = 1L << 21;

    private GemmPlan() {
    }

    /**
     * Whether to pack A. Aᵀ is always packed: its copy is contiguous and cheap. A row-major A is read in place when
     * {@code n < }{@value #PACK_A_MIN_N}: packing costs about a cycle per element of A, the in-place kernel about
     * 10 % of the FMAs ({@code n/32} cycles per element of A at 512 bits), and those meet near n = 320.
     */
    static boolean packA(boolean transA, int m, int n, int k) {
        switch (PACK) {
            case "always": return true;
            case "never": return transA;
            default: return transA || n >= PACK_A_MIN_N;
        }
    }

    /** The depth of a KC block (see {@link GemmBlocking}). */
    static int kc(boolean transB) {
        return transB ? GemmBlocking.KC_TRANS_B : GemmBlocking.KC;
    }

    /** Largest op(B), in elements, that {@link #inPlace} reads in place. */
    static final long IN_PLACE_MAX_B = org.mlp4j.engine.kernel.KernelSettings.GEMM_IN_PLACE_MAX_B;

    /**
     * Whether a one-thread GEMM goes to {@link InPlaceGemm}: op(B) small enough to stay in L1/L2 while every row
     * block of A passes it, so packing it (and transposing A) would cost as much as the FMAs; k within one KC
     * block, so each C element is the same FMA chain as on the packed path; and, when B would be read in place, rows
     * not a multiple of 256 bytes apart (such a stride maps B's rows to a few L1 sets, which is why the packed path
     * copies B). With Aᵀ such a B is taken anyway and copied to padded rows first ({@code k·n} floats, at most
     * {@link #IN_PLACE_MAX_B}), because the packed path would copy all of Aᵀ ({@code m·k}): the small net's weight
     * gradients (Xᵀ·dZ, 784×128×64 and 128×64×64 per 64-row slice) measured 1.15× and 1.35× in place on one thread
     * (Zen 4, AVX-512), and its epoch 0.90× (JDK 17) and 0.93× (Temurin 25); with A along its rows the packed path
     * reads A in place too, and the copy did not pay (0.93–1.0× on 64–500×64×128). With 16 vector registers (AVX2)
     * only such weight gradients (Aᵀ·B) go in place, in {@link StridedTile#ROWS}-row tiles (6, or 4 from JDK 25): on a
     * Zen 4 with {@code -XX:UseAVX=2}, one thread, paired in one JVM, the small net's 392×128×64, 784×128×64 and
     * 128×64×64 ran at 1.15–1.24× the packed path on JDK 17 and 1.05–1.11× on Temurin 25, its output layer's 64×10×64
     * at 2.2× and 1.9×, the deep BSDE subnet's 110×110×64, 100×110×64, 110×100×64 and 64×110×64 at 1.19–1.21× and
     * 1.06–1.16×. A along its rows stays packed (6-row tiles there measured 0.99–1.01×, 4-row ones 0.84–1.13×), and so
     * does Bᵀ (0.99–1.03×).
     */
    static boolean inPlace(boolean transA, boolean transB, int n, int k, int ldb, int parts) {
        if (parts != 1 || (long) n * k > IN_PLACE_MAX_B || k > kc(transB)) {
            return false;
        }
        if (KernelShape.REGISTERS < 32) {
            return transA && !transB;
        }
        return transB || transA || !conflicting(ldb);
    }

    /** Whether rows {@code ld} floats apart fall into a quarter or less of the L1 sets (a multiple of 64 floats). */
    static boolean conflicting(int ld) {
        return (ld & 63) == 0;
    }

    static int parts(int m, int n, int k, int threads) {
        if (threads == 1 || 2L * m * n * k < PARALLEL_MIN_FLOPS) {
            return 1;
        }
        return threads;
    }

    /**
     * Whether threads split C's rows (sharing one packed B panel, two hand-offs per KC block) rather than B's
     * columns (one hand-off, each thread reads all of A). Rows only where A is packed by a strided gather, which
     * a column split would repeat on every thread, and there are at least two MC blocks of rows.
     */
    static boolean splitRows(boolean transA, boolean packA, int m, int n) {
        return packA && !transA && m >= 2 * MC;
    }
}
