package org.mlp4j.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.Rng;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.TestKernels;

/**
 * A group of subnets ({@link Tape#apply(Subnet[], Tensor[])}) zeroes its subnets' gradients inside its own backward
 * when no other node uses them; these are the cases where that must not change what {@link Tape#backward} means: the
 * gradients are set by each backward pass, a subnet also used outside the group gets the sum of both uses, and a
 * group the loss does not depend on leaves zeros.
 */
class GroupGradientTest {
    static final int ROWS = 6;
    static final int IN = 4;

    final Model model = new Model();
    final Subnet a = model.subnet("a", net(1));
    final Subnet b = model.subnet("b", net(2));
    final Subnet c = model.subnet("c", net(3));
    final float[] x1 = random(ROWS * IN, 4);
    final float[] x2 = random(ROWS * IN, 5);
    final Kernels kernels = TestKernels.vector(2);

    static Network net(long seed) {
        return Network.builder(IN).dense(5, Activation.TANH).batchNorm().dense(3, Activation.IDENTITY).seed(seed).build();
    }

    static float[] random(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    private float[] gradientOf(Subnet s) {
        float[] all = new float[0];
        for (Parameter p : s.parameters()) {
            float[] g = p.gradient();
            int at = all.length;
            all = Arrays.copyOf(all, at + g.length);
            System.arraycopy(g, 0, all, at, g.length);
        }
        return all;
    }

    private Tensor groupLoss(Tape tape, boolean alsoAlone) {
        Tensor[] out = tape.apply(new Subnet[]{a, b}, new Tensor[]{tape.input(x1, ROWS, IN), tape.input(x2, ROWS, IN)});
        Tensor loss = out[0].mul(out[1]).square().mean();
        if (alsoAlone) {
            loss = loss.add(tape.apply(a, tape.input(x2, ROWS, IN)).square().mean());
        }
        return loss;
    }

    @Test
    void eachBackwardPassSetsTheGradientsRatherThanAddingToTheLastOnes() {
        Tape tape = new Tape(kernels);
        tape.backward(groupLoss(tape.reset(true), false));
        float[] first = gradientOf(a);
        tape.backward(groupLoss(tape.reset(true), false));
        assertArrayEquals(first, gradientOf(a));
        boolean moved = false;
        for (float v : first) {
            moved |= v != 0f;
        }
        assertTrue(moved, "the loss depends on a");
    }

    @Test
    void aSubnetUsedInAGroupAndAloneGetsTheSumOfBothGradients() {
        Tape tape = new Tape(kernels);
        tape.backward(groupLoss(tape.reset(true), false));
        float[] fromGroup = gradientOf(a);
        tape.backward(tape.apply(a, tape.reset(true).input(x2, ROWS, IN)).square().mean());
        float[] alone = gradientOf(a);
        tape.backward(groupLoss(tape.reset(true), true));
        float[] both = gradientOf(a);
        for (int i = 0; i < both.length; i++) {
            float sum = fromGroup[i] + alone[i];
            assertEquals(sum, both[i], 1e-6 + 1e-5 * Math.abs(sum), "a's gradient " + i);
        }
    }

    @Test
    void aGroupTheLossDoesNotReachEndsWithZeroGradients() {
        Tape tape = new Tape(kernels);
        tape.backward(groupLoss(tape.reset(true), false));   // leaves non-zero gradients in a and b
        Tape other = tape.reset(true);
        other.apply(new Subnet[]{a, b}, new Tensor[]{other.input(x1, ROWS, IN), other.input(x2, ROWS, IN)});
        Tensor loss = other.apply(c, other.input(x1, ROWS, IN)).square().mean();
        other.backward(loss);
        assertArrayEquals(new float[gradientOf(a).length], gradientOf(a));
        assertArrayEquals(new float[gradientOf(b).length], gradientOf(b));
    }

    @Test
    void aFrozenParameterOfATrainableSubnetInAGroupEndsWithAZeroGradient() {
        Parameter fixed = a.parameters().get(0).setTrainable(false);
        Arrays.fill(fixed.gradient(), 1f);   // what an earlier pass, before freezing, could have left
        Tape tape = new Tape(kernels);
        tape.backward(groupLoss(tape.reset(true), false));
        assertArrayEquals(new float[fixed.gradient().length], fixed.gradient());
        boolean moved = false;
        for (float v : a.parameters().get(1).gradient()) {
            moved |= v != 0f;
        }
        assertTrue(moved, "a's other parameters still get gradients");
    }
}
