package org.mlp4j.engine.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fills the Vector API's lazily filled operation caches before C2 compiles any kernel, by running each lane-wise
 * operation and reduction the kernels use once, interpreted, on the kernels' float and int species.
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
 * in about 1 run in 8. With every entry filled first, a compiled lookup never misses: none of 40 JVMs allocated, and
 * the test passed 16 runs in 16.
 *
 * <p>Only the operations the kernels use, in the forms they use: a first version ran every operator of
 * {@link VectorOperators} in every form, masked ones included (many throwing for a lane type that lacks them); it
 * cured the boxing as well, but cost 80 ms at load and filled the API's shared methods' profiles with paths no
 * kernel takes. {@code OperationCachesTest} fails when a kernel uses an operation this list lacks.
 */
final class OperationCaches {
    static final VectorOperators.Binary[] FLOAT_BINARY = {
        VectorOperators.ADD, VectorOperators.SUB, VectorOperators.MUL, VectorOperators.DIV,
        VectorOperators.MAX, VectorOperators.MIN,
    };
    static final VectorOperators.Unary[] FLOAT_UNARY = {
        VectorOperators.NEG, VectorOperators.ABS, VectorOperators.SQRT,
    };
    static final VectorOperators.Binary[] INT_BINARY = {
        VectorOperators.ADD, VectorOperators.SUB, VectorOperators.AND, VectorOperators.OR, VectorOperators.XOR,
    };
    static final VectorOperators.Binary[] INT_SHIFTS = {
        VectorOperators.LSHL, VectorOperators.LSHR, VectorOperators.ASHR,
    };
    /** Not in the kernels' own code: Temurin 25 runs an int NEG inside one of the float operations they use. */
    static final VectorOperators.Unary[] INT_UNARY = {
        VectorOperators.NEG,
    };

    private OperationCaches() {
    }

    /** Runs each operation the kernels use once: the binary, unary and ternary lane-wise ones, shifts, the sum. */
    static void prime(VectorSpecies<Float> floats) {
        FloatVector f = FloatVector.broadcast(floats, 1.5f);
        for (VectorOperators.Binary op : FLOAT_BINARY) {
            f.lanewise(op, f);
        }
        for (VectorOperators.Unary op : FLOAT_UNARY) {
            f.lanewise(op);
        }
        f.lanewise(VectorOperators.FMA, f, f);
        f.reduceLanes(VectorOperators.ADD);
        IntVector i = IntVector.broadcast(floats.withLanes(int.class), 3);
        for (VectorOperators.Binary op : INT_BINARY) {
            i.lanewise(op, i);
        }
        for (VectorOperators.Binary op : INT_SHIFTS) {
            i.lanewise(op, 1); // a shift by a scalar has a cache of its own
        }
        for (VectorOperators.Unary op : INT_UNARY) {
            i.lanewise(op);
        }
    }
}
