package org.mlp4j.engine.kernel.vector;

import static org.mlp4j.engine.kernel.vector.GemmBlocking.MR;
import static org.mlp4j.engine.kernel.vector.GemmBlocking.NR;

/**
 * Per-shape choices of {@link VectorGemm}, each picked by measurement: whether to pack A and B, how many
 * threads, and which loop the threads split.
 *
 * <p>{@code -Dmlp4j.gemm.pack=always|never} overrides the packing choice (for measuring; op(B) = Bᵀ is always
 * packed, the kernel needs B's rows contiguous).
 */
final class GemmPlan {
    private static final String PACK = System.getProperty("mlp4j.gemm.pack", "auto").trim();
    /** Below this many flops a GEMM stays on the caller: a hand-off costs more than it saves. */
    static final long PARALLEL_MIN_FLOPS = 1L << 21;

    private GemmPlan() {
    }

    static boolean packA(boolean transA, boolean transB, int m, int n, int k) {
        switch (PACK) {
            case "always": return true;
            case "never": return false;
            default: return (long) m * n * k >= (1L << 24);
        }
    }

    static boolean packB(boolean transA, boolean transB, int m, int n, int k) {
        if (transB) {
            return true;
        }
        switch (PACK) {
            case "always": return true;
            case "never": return false;
            default: return (long) m * n * k >= (1L << 24);
        }
    }

    static int parts(int m, int n, int k, int threads) {
        if (threads == 1 || 2L * m * n * k < PARALLEL_MIN_FLOPS) {
            return 1;
        }
        return threads;
    }

    /** Threads split C's rows when each gets a few MR slivers, else its columns (NR slivers). */
    static boolean splitRows(int m, int n, int parts) {
        int rowSlivers = VectorGemm.ceil(m, MR);
        int colSlivers = VectorGemm.ceil(n, NR);
        return rowSlivers >= 2 * parts || rowSlivers >= colSlivers;
    }
}
