package org.mlp4j.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Initializer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.Rng;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.TestKernels;

/**
 * A tape keeps its gradient arrays from one backward pass to the next, and an operation that writes every element
 * of a gradient stores into it on the pass's first contribution instead of adding into zeros. What an earlier pass
 * left in those arrays must never show: a tape that has already run a backward pass over other values gives the
 * gradients a fresh tape gives, bit for bit, for every operation — same-shape and broadcast operands, an operand
 * used twice, several contributions to one tensor, and a group of subnets with an output nothing reads.
 */
class GradientReuseTest {
    static final int ROWS = 6;
    static final int IN = 5;
    static final int K = 4;

    final Rng rng = new Rng(3);
    final Model model = new Model();
    final Subnet single = model.subnet("single", net(1));
    final Subnet[] group = {model.subnet("g0", net(2)), model.subnet("g1", net(3)), model.subnet("g2", net(4))};
    final Parameter row = model.parameter("row", 1, K, Initializer.uniform(0.5, 1.5), rng);
    final Parameter column = model.parameter("column", ROWS, 1, Initializer.uniform(0.5, 1.5), rng);
    final Parameter scalar = model.parameter("scalar", 1, 1, Initializer.uniform(0.5, 1.5), rng);
    final Parameter full = model.parameter("full", ROWS, K, Initializer.uniform(-1, 1), rng);
    final Parameter weights = model.parameter("weights", K, 3, Initializer.glorotUniform(), rng);
    final Parameter inScale = model.parameter("inScale", 1, IN, Initializer.uniform(0.5, 1.5), rng);
    final Parameter inShift = model.parameter("inShift", 1, IN, Initializer.uniform(-0.5, 0.5), rng);

    static Network net(long seed) {
        return Network.builder(IN).batchNorm().dense(7, Activation.TANH).dense(K, Activation.IDENTITY).seed(seed)
                .build();
    }

    static final ElementFunction CUBE = new ElementFunction() {
        public float apply(float v) { return v * v * v; }
        public float derivative(float v) { return 3 * v * v; }
    };

    /**
     * Every operation of the tape, most of them the only reader of their operands (so that they store into those
     * gradients), a few tensors read by several (the first stores, the others add); the loss weighs its terms by
     * inputs, so that each pass's gradients differ. The group's third output is read only with {@code readAll} (last,
     * so that the other operations keep their places on the tape).
     */
    Tensor loss(Tape tape, long seed, boolean readAll) {
        Tensor in = tape.input(values(seed, ROWS * IN), ROWS, IN);
        Tensor h = tape.apply(single, in.mul(tape.parameter(inScale)));                // NETWORK, its input's gradient
        Tensor shared = in.add(tape.parameter(inShift));                                 // read by two subnets
        Tensor other = tape.input(values(seed + 1, ROWS * IN), ROWS, IN);
        Tensor[] parts = tape.apply(group, new Tensor[] {shared, shared, other});
        Tensor f = tape.parameter(full);
        Tensor t0 = h.mul(tape.parameter(row)).add(parts[0].mul(parts[1]));             // MUL (broadcast, same), ADD
        Tensor t1 = t0.sub(f.mul(f));                                                    // SUB, an operand used twice
        Tensor t2 = t1.div(tape.parameter(column).add(2f)).sub(tape.parameter(scalar));  // DIV, SUB broadcast; SHIFT
        Tensor t3 = t2.scale(0.7f).square().add(1f).tanh().activation(Activation.IDENTITY).map(CUBE); // chain
        Tensor t4 = t3.div(f.square().add(1f));                                          // DIV, same shape
        Tensor t5 = t4.matmul(tape.parameter(weights)).activation(Activation.SOFTMAX)     // MATMUL, softmax
                .mul(tape.input(values(seed + 2, ROWS * 3), ROWS, 3)).rowSums();          // ROW_SUMS
        Tensor t6 = t1.relu().rowMeans();                                                // t1 read twice; ROW_MEANS
        Tensor t7 = t3.scale(0.5f).rowDot(parts[0]).add(h.rowDot(tape.parameter(row)));  // ROW_DOT: store, add, row
        Tensor weight = tape.input(values(seed + 3, ROWS), ROWS, 1);
        Tensor loss = t5.mul(weight).sum().add(t6.mul(weight).mean())                    // SUM, MEAN
                .add(t7.mul(weight).sum());
        return readAll ? loss.add(parts[2].square().mean()) : loss;
    }

    static float[] values(long seed, int n) {
        Rng r = new Rng(seed);
        float[] v = new float[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** Every parameter's gradient after one backward pass of {@code tape} over inputs of {@code seed}. */
    float[][] gradients(Tape tape, long seed, boolean readAll) {
        tape.reset(true);
        tape.backward(loss(tape, seed, readAll));
        List<Parameter> ps = model.parameters();
        float[][] g = new float[ps.size()][];
        for (int i = 0; i < g.length; i++) {
            g[i] = ps.get(i).gradient().clone();
        }
        return g;
    }

    void check(Kernels kernels) {
        float[][] fresh = gradients(new Tape(kernels), 20, false);
        Tape reused = new Tape(kernels);
        gradients(reused, 10, true); // leaves other values in every gradient array of the tape
        float[][] again = gradients(reused, 20, false);
        List<Parameter> ps = model.parameters();
        assertEquals(ps.size(), fresh.length);
        for (int i = 0; i < fresh.length; i++) {
            assertArrayEquals(fresh[i], again[i], ps.get(i).name());
        }
    }

    @Test
    void aReusedTapeGivesTheGradientsOfAFreshOne() {
        check(TestKernels.vector(1));
    }

    @Test
    void soDoesAReusedTapeWhoseGroupRunsOnTwoThreads() {
        check(TestKernels.vector(2));
    }
}
