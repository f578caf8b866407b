package org.mlp4j.engine.kernel.vector;

import org.mlp4j.engine.kernel.CpuCaches;
import org.mlp4j.engine.kernel.KernelSettings;

/**
 * The GEMM's cache blocks {@code MC, KC, NC}, from the register tile ({@link KernelShape}) and this machine's caches
 * ({@link CpuCaches}); {@code -Dmlp4j.gemm.kc|kcTransB|mc|nc} override them for measuring ({@link KernelSettings}).
 * Everything here is {@code static final}, so C2 folds it into the kernels.
 *
 * <ul>
 *   <li>{@code KC = 512}: fewer KC blocks means fewer passes over C (each pass reads and writes every C element
 *       once, with misses on the rows of a tile: with a power-of-two {@code ldc} those are the cost that shows);
 *       measured +10–15 % at n = 1024 and 2048 over KC = 256 on a Zen 5 although the B sliver ({@code KC×NR}) then
 *       streams from L2 rather than L1. With op(B) = Bᵀ, KC = 256 measured ~8 % faster (the gather-pack of Bᵀ then
 *       writes an L1-sized sliver).</li>
 *   <li>{@code MC}: the A block {@code MC×KC} takes about 40 % of L2, so it stays there while every B sliver of the
 *       panel passes and the slivers themselves have room (BLIS's haswell blocking gives A 65 % of a 256 KiB L2 at
 *       KC = 256; ours streams larger slivers). A 1 MiB L2 gives 200 rows at 512 of depth (192 measured best
 *       on the Zen 5 with MR = 8, within noise of 200).</li>
 *   <li>{@code NC}: the B panel {@code KC×NC} takes at most this core's share of L3, between 1024 and 4096
 *       columns (NC only matters for n &gt; NC; below that the whole B is one panel).</li>
 * </ul>
 */
final class GemmBlocking {
    static final int MR = KernelShape.MR;
    static final int NR = KernelShape.NR;
    /** KC when op(B) = B. */
    static final int KC = positive(KernelSettings.GEMM_KC, 512);
    /** KC when op(B) = Bᵀ. */
    static final int KC_TRANS_B = positive(KernelSettings.GEMM_KC_TRANS_B, 256);
    static final int KC_MAX = Math.max(KC, KC_TRANS_B);
    static final int MC = mc(KernelSettings.GEMM_MC, CpuCaches.local(), KC, MR);
    static final int NC = nc(KernelSettings.GEMM_NC, CpuCaches.local(), KC, NR);

    private GemmBlocking() {
    }

    static int mc(int override, CpuCaches caches, int kc, int mr) {
        long rows = override > 0 ? override : (long) (0.4 * caches.l2()) / (4L * kc);
        return (int) Math.max(mr, Math.min(1024, rows) / mr * mr);
    }

    static int nc(int override, CpuCaches caches, int kc, int nr) {
        long cols = override > 0 ? override : Math.max(1024, Math.min(4096, caches.l3PerCore() / (4L * kc)));
        return (int) Math.max(nr, cols / nr * nr);
    }

    private static int positive(int v, int fallback) {
        return v > 0 ? v : fallback;
    }
}
