package org.mlp4j.engine.kernel;

import java.util.Locale;

/**
 * Every {@code -D} system property the engine reads, in one place: which kernels, their shape and blocking, and how
 * many threads they and the trainer use. The kernels' shape and blocking are read once (when this class is first
 * used); the kernel choice, the thread count and the training split are read when asked for, because the CLI and
 * tests set them at run time. They are for choosing and for measuring; none is needed for correct results (the
 * thread count and the split change float rounding, not correctness).
 *
 * <p>A leaf class: it reads properties and depends on nothing, so the worker pool and the trainer read it too.
 *
 * <table>
 *   <caption>Kernel properties</caption>
 *   <tr><th>property</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code mlp4j.kernels}</td><td>{@code auto}</td><td>{@code auto}, {@code vector} or {@code scalar}
 *       ({@link KernelsProvider})</td></tr>
 *   <tr><td>{@code mlp4j.vector.bits}</td><td>the JVM's preferred species</td><td>{@code 128}, {@code 256} or
 *       {@code 512}: the one species every vector kernel uses (the GEMM, the element-wise loops, the FMA-peak loop);
 *       at most the preferred width</td></tr>
 *   <tr><td>{@code mlp4j.gemm.mr}</td><td>from the vector registers</td><td>rows of the register tile: 4, 6
 *       or 8 (columns are always two vectors)</td></tr>
 *   <tr><td>{@code mlp4j.gemm.kc}, {@code mlp4j.gemm.kcTransB}</td><td>512, 256</td><td>GEMM depth block when
 *       op(B) = B, = Bᵀ</td></tr>
 *   <tr><td>{@code mlp4j.gemm.mc}, {@code mlp4j.gemm.nc}</td><td>from the L2 and L3 sizes</td><td>GEMM row block
 *       (rounded to the register tile's rows) and column panel</td></tr>
 *   <tr><td>{@code mlp4j.gemm.pack}</td><td>{@code auto}</td><td>{@code always} / {@code never} pack A</td></tr>
 *   <tr><td>{@code mlp4j.gemm.packAMinN}</td><td>320</td><td>pack a row-major A from this many columns of C</td></tr>
 *   <tr><td>{@code mlp4j.gemm.inPlaceMaxB}</td><td>16384</td><td>a one-thread GEMM whose op(B) has at most this
 *       many elements (and k within one depth block) reads A and B in place instead of packing, with 32 vector
 *       registers only; 0 turns that off</td></tr>
 *   <tr><td>{@code mlp4j.threads}</td><td>the available processors</td><td>threads of the shared worker pool, the
 *       caller included ({@link #threads()}, {@code org.mlp4j.engine.parallel.WorkerPool}); also the default thread
 *       count of {@link KernelsProvider#create()}</td></tr>
 *   <tr><td>{@code mlp4j.train.parallel}</td><td>{@code auto}</td><td>{@code data}, {@code gemm} or {@code auto}: how
 *       a training step uses several threads, one batch slice per thread or each GEMM split
 *       ({@link #trainParallel()}, {@code org.mlp4j.engine.train.Trainer})</td></tr>
 * </table>
 *
 * <p>A value that is not a number, or not one of the allowed words, is an error naming the property: a typo in a
 * measurement flag must not silently measure the default.
 */
public final class KernelSettings {
    /** {@code mlp4j.kernels}: {@code auto}, {@code vector} or {@code scalar}. */
    public static final String KERNELS_PROPERTY = "mlp4j.kernels";
    /** {@code mlp4j.vector.bits}, 0 when unset (the preferred species). */
    public static final int VECTOR_BITS = intProperty("mlp4j.vector.bits", 0);
    /** {@code mlp4j.gemm.mr}: rows of the register tile (4, 6 or 8), 0 when unset (from the registers). */
    public static final int GEMM_MR = intProperty("mlp4j.gemm.mr", 0);
    /** {@code mlp4j.gemm.kc}. */
    public static final int GEMM_KC = intProperty("mlp4j.gemm.kc", 512);
    /** {@code mlp4j.gemm.kcTransB}. */
    public static final int GEMM_KC_TRANS_B = intProperty("mlp4j.gemm.kcTransB", 256);
    /** {@code mlp4j.gemm.mc}, 0 when unset (from the L2 size). */
    public static final int GEMM_MC = intProperty("mlp4j.gemm.mc", 0);
    /** {@code mlp4j.gemm.nc}, 0 when unset (from the L3 size). */
    public static final int GEMM_NC = intProperty("mlp4j.gemm.nc", 0);
    /** {@code mlp4j.gemm.pack}: {@code auto}, {@code always} or {@code never}. */
    public static final String GEMM_PACK = word("mlp4j.gemm.pack", "auto", "auto", "always", "never");
    /** {@code mlp4j.gemm.packAMinN}. */
    public static final int GEMM_PACK_A_MIN_N = intProperty("mlp4j.gemm.packAMinN", 320);

    /** {@code mlp4j.gemm.inPlaceMaxB}. */
    public static final int GEMM_IN_PLACE_MAX_B = intProperty("mlp4j.gemm.inPlaceMaxB", 16384);

    private KernelSettings() {
    }

    /** The kernels asked for: {@code mlp4j.kernels}, read now (tests and the CLI set it at run time). */
    public static String kernels() {
        return System.getProperty(KERNELS_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
    }

    /** {@code mlp4j.threads}. */
    public static final String THREADS_PROPERTY = "mlp4j.threads";
    /** {@code mlp4j.train.parallel}. */
    public static final String TRAIN_PARALLEL_PROPERTY = "mlp4j.train.parallel";

    /**
     * The worker pool's size asked for: {@code mlp4j.threads}, read now (the CLI sets it before the pool starts), or
     * 0 when unset (one thread per available processor).
     *
     * @throws IllegalArgumentException when it is set but not a positive integer
     */
    public static int threads() {
        String prop = System.getProperty(THREADS_PROPERTY);
        if (prop == null || prop.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(prop.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(THREADS_PROPERTY + " must be a positive integer, got '" + prop + "'");
    }

    /**
     * How a training step uses several threads: {@code mlp4j.train.parallel}, read now; {@code data} (a slice of the
     * batch per thread), {@code gemm} (each GEMM split) or {@code auto} (the trainer decides), default {@code auto}.
     *
     * @throws IllegalArgumentException for any other word
     */
    public static String trainParallel() {
        return word(TRAIN_PARALLEL_PROPERTY, "auto", "auto", "data", "gemm");
    }

    private static int intProperty(String name, int fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + name + " must be a non-negative integer, got '" + v + "'");
    }

    private static String word(String name, String fallback, String... allowed) {
        String v = System.getProperty(name, fallback).trim().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException("-D" + name + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
    }
}
