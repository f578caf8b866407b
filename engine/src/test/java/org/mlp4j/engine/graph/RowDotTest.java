package org.mlp4j.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.mlp4j.engine.Initializer;
import org.mlp4j.engine.Rng;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.kernel.TestKernels;

/**
 * {@link Tensor#rowDot}: the row-wise dot product is {@code mul(other).rowSums()} in one operation — the same values
 * and gradients bit for bit, with full operands, a row vector repeated down the rows on either side, and an operand
 * dotted with itself — and its gradients are the derivatives of the sum of products.
 */
class RowDotTest {
    static final int ROWS = 7; // not a multiple of the four rows summed at a time
    static final int COLS = 13;

    final Rng rng = new Rng(3);
    final Model model = new Model();
    final Parameter a = model.parameter("a", ROWS, COLS, Initializer.uniform(-1, 1), rng);
    final Parameter b = model.parameter("b", ROWS, COLS, Initializer.uniform(-1, 1), rng);
    final Parameter w = model.parameter("w", 1, COLS, Initializer.uniform(-1, 1), rng);
    final float[] x = new float[ROWS * COLS];

    RowDotTest() {
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
    }

    /** A loss over every form: full·full, row vector·full, full·row vector, self, and a constant operand. */
    Tensor loss(Tape tape, boolean fused) {
        Tensor ta = tape.parameter(a);
        Tensor tb = tape.parameter(b);
        Tensor tw = tape.parameter(w);
        Tensor tx = tape.input(x, ROWS, COLS);
        Function<Tensor[], Tensor> dot = p -> fused ? p[0].rowDot(p[1]) : p[0].mul(p[1]).rowSums();
        Tensor s = dot.apply(new Tensor[] {ta, tb}).tanh()
                .add(dot.apply(new Tensor[] {tw, tb}).square())
                .add(dot.apply(new Tensor[] {ta, tw}).scale(0.5f))
                .add(dot.apply(new Tensor[] {tb, tb}).scale(0.25f))
                .add(dot.apply(new Tensor[] {tx, ta}));
        return s.mean();
    }

    @Test
    void isMulThenRowSumsBitForBitInValuesAndGradients() {
        for (Kernels k : new Kernels[] {KernelsProvider.create("scalar", 1), TestKernels.vector(2)}) {
            Tape tape = new Tape(k);
            Tensor unfused = loss(tape.reset(true), false);
            float expected = unfused.item();
            tape.backward(unfused);
            float[][] grads = {a.gradient().clone(), b.gradient().clone(), w.gradient().clone()};
            Tensor fused = loss(tape.reset(true), true);
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(fused.item()), k.name() + ": the loss");
            tape.backward(fused);
            assertArrayEquals(grads[0], a.gradient(), k.name() + ": ∂/∂a");
            assertArrayEquals(grads[1], b.gradient(), k.name() + ": ∂/∂b");
            assertArrayEquals(grads[2], w.gradient(), k.name() + ": ∂/∂w, summed down the rows");
        }
    }

    @Test
    void gradientsAreTheDerivativesOfTheSumOfProducts() {
        Tape tape = new Tape(KernelsProvider.create("scalar", 1));
        tape.backward(loss(tape.reset(true), true));
        for (Parameter p : model.trainableParameters()) {
            float[] v = p.value();
            float[] g = p.gradient().clone();
            for (int i = 0; i < v.length; i++) {
                float keep = v[i];
                double h = 1e-2;
                v[i] = (float) (keep + h);
                double up = loss(tape.reset(true), true).item();
                v[i] = (float) (keep - h);
                double down = loss(tape.reset(true), true).item();
                v[i] = keep;
                double fd = (up - down) / (2 * h);
                assertEquals(fd, g[i], 2e-4 + 2e-2 * Math.abs(fd), p.name() + "[" + i + "]");
            }
        }
    }

    @Test
    void rowsOfDifferentLengthsOrCountsAreRejected() {
        Tape tape = new Tape(KernelsProvider.create("scalar", 1));
        tape.reset(true);
        Tensor m = tape.input(new float[12], 3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.rowDot(tape.input(new float[15], 3, 5)));
        assertEquals("a row-wise dot product needs rows of one length, got input 3 × 4 and input 3 × 5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.rowDot(tape.input(new float[8], 2, 4)));
        assertEquals(3, m.rowDot(tape.input(new float[4], 1, 4)).rows(), "a row vector is repeated down the rows");
    }
}
