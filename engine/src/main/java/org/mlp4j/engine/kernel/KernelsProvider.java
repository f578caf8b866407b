package org.mlp4j.engine.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import org.mlp4j.engine.parallel.WorkerPool;

/**
 * Chooses the kernels: {@code -Dmlp4j.kernels=auto|vector|scalar} (default {@code auto}; see {@link KernelSettings}).
 *
 * <p>{@code auto} takes the Vector API kernels when {@code jdk.incubator.vector} is in the boot layer and the
 * species has at least 4 float lanes; otherwise the scalar ones, after one line on stderr saying how to enable the
 * fast path. The vector package is reached through {@link VectorSupport}, whose one implementation is loaded once by
 * name, so nothing here links against the incubator module (the pattern of Lucene's {@code VectorizationProvider}).
 */
public final class KernelsProvider {
    /** The property that chooses the kernels, {@code mlp4j.kernels} ({@link KernelSettings#KERNELS_PROPERTY}). */
    public static final String PROPERTY = KernelSettings.KERNELS_PROPERTY;
    static final String VECTOR_PROVIDER = "org.mlp4j.engine.kernel.vector.VectorProvider";
    private static final String ADVICE =
            "mlp4j: using scalar kernels; add '--add-modules jdk.incubator.vector' to the java command for the fast vector kernels";
    private static final AtomicBoolean ADVISED = new AtomicBoolean();

    private KernelsProvider() {
    }

    /** Kernels for the configured choice, using the default thread count ({@code mlp4j.threads} or all processors). */
    public static Kernels create() {
        return create(WorkerPool.defaultSize());
    }

    /** Kernels for the configured choice, splitting work across {@code threads} threads (capped by the pool). */
    public static Kernels create(int threads) {
        return create(KernelSettings.kernels(), threads);
    }

    /** Kernels of a named choice: {@code auto}, {@code vector} or {@code scalar}. */
    public static Kernels create(String choice, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        switch (choice.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "scalar":
                return new ScalarKernels();
            case "vector":
                if (!vectorModulePresent()) {
                    throw new IllegalStateException("mlp4j.kernels=vector needs the Vector API: add "
                            + "'--add-modules jdk.incubator.vector' to the java command");
                }
                return vectorOrThrow().kernels(threads);
            case "auto":
                VectorSupport v = vector();
                if (v != null && v.lanes() >= 4) {
                    return v.kernels(threads);
                }
                if (ADVISED.compareAndSet(false, true)) {
                    System.err.println(ADVICE);
                }
                return new ScalarKernels();
            default:
                throw new IllegalArgumentException(PROPERTY + " must be auto, vector or scalar, got '" + choice + "'");
        }
    }

    /**
     * Single-threaded kernels of a named choice for {@code parts} slices of a data-parallel step, sharing their work
     * on the arrays of {@code shared} (see {@link KernelSlices}): the vector kernels pack each of them once per step
     * for all slices; the scalar ones share nothing.
     */
    public static KernelSlices slices(String choice, int parts, float[][] shared) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be >= 1, got " + parts);
        }
        Kernels probe = create(choice, 1);
        if (probe.name().equals("vector")) {
            return vectorOrThrow().slices(parts, shared);
        }
        return KernelSlices.independent(probe.name(), parts);
    }

    /** Whether {@code jdk.incubator.vector} was added to the boot layer ({@code --add-modules}). */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The Vector API package, or {@code null} without the incubator module. */
    public static VectorSupport vector() {
        return vectorModulePresent() ? Holder.VECTOR : null;
    }

    private static VectorSupport vectorOrThrow() {
        VectorSupport v = vector();
        if (v == null) {
            throw new IllegalStateException("cannot load the vector kernels");
        }
        return v;
    }

    /** Loaded on first use only, so a JVM without the module never touches the class. */
    private static final class Holder {
        static final VectorSupport VECTOR = load();

        private static VectorSupport load() {
            try {
                return (VectorSupport) Class.forName(VECTOR_PROVIDER).getConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalStateException("cannot load the vector kernels: " + e, e);
            }
        }
    }
}
