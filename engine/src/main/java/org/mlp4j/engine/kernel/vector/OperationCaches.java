package org.mlp4j.engine.kernel.vector;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fills the Vector API's lazily filled operation caches before C2 compiles any kernel, by running every lane-wise
 * operation and reduction once, interpreted, on the kernels' float and int species.
 *
 * <p>Why: each lane-wise operation looks up its scalar fallback in a cache ({@code VectorOperators.ImplCache}), one
 * entry per operation and element type, filled on first use through a method reference of the vector class. C2
 * inlines that lookup into every vector operation and speculates on the class of the method reference it has seen
 * there — one bytecode shared by every operation of every vector class. When a compiled kernel is the first to use
 * an operation (an edge tile's branch, the second thread's path, a tail taken late), the reference is of another
 * class and the speculation fails: a {@code class_check} trap. After four at that one bytecode
 * ({@code -XX:PerBytecodeTrapLimit}) C2 stops speculating there for the rest of the run, compiles the lookup's miss
 * as a real call in every vector operation it inlines afterwards, and every vector live at such a call is boxed:
 * an allocation per vector in every kernel, until the JVM exits. On JDK 17 on a 2-vCPU Zen 3 that happened in 3–4
 * JVMs out of 12 running ZeroAllocationTest's three trainings (77,824–182,272 bytes a warm step; every such JVM had
 * four {@code class_check} traps at {@code ImplCache.find}, the others at most three), and the test failed
 * in about 1 run in 8. With every entry filled first, a compiled lookup never misses: none of 28 JVMs allocated, and
 * the test passed 10 runs in 10. Priming costs about 80 ms once per JVM, when the vector kernels are first loaded.
 */
final class OperationCaches {
    private OperationCaches() {
    }

    /** Runs each operation once; operations a lane type does not support are skipped. Costs a few milliseconds. */
    static void prime(VectorSpecies<Float> floats) {
        VectorSpecies<Integer> ints = floats.withLanes(int.class);
        FloatVector f = FloatVector.broadcast(floats, 1.5f);
        IntVector i = IntVector.broadcast(ints, 3);
        VectorMask<Float> fm = floats.maskAll(true);
        VectorMask<Integer> im = ints.maskAll(true);
        for (Object op : operators()) {
            if (op instanceof VectorOperators.Ternary) {
                VectorOperators.Ternary t = (VectorOperators.Ternary) op;
                quietly(() -> f.lanewise(t, f, f));
                quietly(() -> f.lanewise(t, f, f, fm));
                quietly(() -> i.lanewise(t, i, i));
                quietly(() -> i.lanewise(t, i, i, im));
            } else if (op instanceof VectorOperators.Binary) {
                VectorOperators.Binary b = (VectorOperators.Binary) op;
                quietly(() -> f.lanewise(b, f));
                quietly(() -> f.lanewise(b, f, fm));
                quietly(() -> f.lanewise(b, 2f));
                quietly(() -> i.lanewise(b, i));
                quietly(() -> i.lanewise(b, i, im));
                quietly(() -> i.lanewise(b, 1));       // shifts by a scalar have a cache of their own
                quietly(() -> i.lanewise(b, 1, im));
                if (op instanceof VectorOperators.Associative) {
                    VectorOperators.Associative a = (VectorOperators.Associative) op;
                    quietly(() -> f.reduceLanes(a));
                    quietly(() -> f.reduceLanes(a, fm));
                    quietly(() -> i.reduceLanes(a));
                    quietly(() -> i.reduceLanes(a, im));
                }
            } else if (op instanceof VectorOperators.Unary) {
                VectorOperators.Unary u = (VectorOperators.Unary) op;
                quietly(() -> f.lanewise(u));
                quietly(() -> f.lanewise(u, fm));
                quietly(() -> i.lanewise(u));
                quietly(() -> i.lanewise(u, im));
            }
        }
    }

    /** The operator constants of {@link VectorOperators}, whatever this JDK's incubator version has. */
    private static List<Object> operators() {
        List<Object> all = new ArrayList<>();
        for (Field field : VectorOperators.class.getFields()) {
            boolean constant = Modifier.isStatic(field.getModifiers());
            if (constant && VectorOperators.Operator.class.isAssignableFrom(field.getType())) {
                try {
                    all.add(field.get(null));
                } catch (IllegalAccessException e) {
                    // a public constant of a public class: not expected; the operation is then simply not primed
                }
            }
        }
        return all;
    }

    private static void quietly(Runnable operation) {
        try {
            operation.run();
        } catch (RuntimeException unsupported) {
            // UnsupportedOperationException / IllegalArgumentException: not an operation of this lane type
        }
    }
}
