package org.mlp4j.engine.kernel;

import java.lang.reflect.Constructor;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mlp4j.engine.parallel.WorkerPool;

/**
 * Chooses the kernels: {@code -Dmlp4j.kernels=auto|vector|scalar} (default {@code auto}).
 *
 * <p>{@code auto} takes the Vector API kernels when {@code jdk.incubator.vector} is in the boot layer and the
 * preferred float species has at least 4 lanes; otherwise the scalar ones, after one line on stderr saying how to
 * enable the fast path. The vector class is loaded reflectively, so nothing here links against the incubator
 * module (the pattern of Lucene's {@code VectorizationProvider}).
 */
public final class KernelsProvider {
    public static final String PROPERTY = "mlp4j.kernels";
    static final String VECTOR_CLASS = "org.mlp4j.engine.kernel.vector.VectorKernels";
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
        return create(System.getProperty(PROPERTY, "auto"), threads);
    }

    /** Kernels of a named choice: {@code auto}, {@code vector} or {@code scalar}. */
    public static Kernels create(String choice, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        switch (choice.trim().toLowerCase(Locale.ROOT)) {
            case "scalar":
                return new ScalarKernels();
            case "vector":
                if (!vectorModulePresent()) {
                    throw new IllegalStateException("mlp4j.kernels=vector needs the Vector API: add "
                            + "'--add-modules jdk.incubator.vector' to the java command");
                }
                return loadVector(threads);
            case "auto":
                if (vectorModulePresent()) {
                    Kernels k = loadVector(threads);
                    if (vectorLanes(k) >= 4) {
                        return k;
                    }
                }
                if (ADVISED.compareAndSet(false, true)) {
                    System.err.println(ADVICE);
                }
                return new ScalarKernels();
            default:
                throw new IllegalArgumentException(PROPERTY + " must be auto, vector or scalar, got '" + choice + "'");
        }
    }

    /** Whether {@code jdk.incubator.vector} was added to the boot layer ({@code --add-modules}). */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static int vectorLanes(Kernels k) {
        try {
            return (int) k.getClass().getMethod("lanes").invoke(null);
        } catch (ReflectiveOperationException e) {
            return 0;
        }
    }

    private static Kernels loadVector(int threads) {
        try {
            Class<?> c = Class.forName(VECTOR_CLASS);
            Constructor<?> ctor = c.getConstructor(int.class);
            return (Kernels) ctor.newInstance(threads);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load the vector kernels: " + e, e);
        }
    }
}
