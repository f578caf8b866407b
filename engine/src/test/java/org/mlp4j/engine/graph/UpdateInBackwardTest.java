package org.mlp4j.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.TestKernels;
import org.mlp4j.engine.train.Adam;

/**
 * {@link Tape#backward(Tensor, Updater)} makes the updater's step during the walk back: a group's subnet whose
 * parameters nothing else uses is updated as soon as its backward ends, on the thread that ran it. The parameters
 * must come out exactly as {@code backward(loss); updater.step()} leaves them, step after step — with a subnet that
 * is also applied on its own (its gradient is final only at the end of the walk), an output nobody reads, a second
 * group fed by the first, trainable tensors, weight decay, and one or two threads.
 */
class UpdateInBackwardTest {

    /**
     * {@link GroupOverlapTest.Composite}'s loss, plus subnet {@code first[3]} applied on its own before the group:
     * the walk back reaches that use after the group, so the subnet's gradient is not final when its part ends.
     */
    static Tensor loss(GroupOverlapTest.Composite c, Tape tape, float[][] xs, boolean shareOne) {
        Tensor alone = shareOne
                ? tape.apply(c.first[3], tape.input(xs[5], GroupOverlapTest.ROWS, GroupOverlapTest.IN)) : null;
        Tensor l = c.loss(tape, xs);
        return shareOne ? l.add(alone.square().mean()) : l;
    }

    static Updater adam(GroupOverlapTest.Composite c, Kernels k, double clip, double decay) {
        return new Updater(c.model.trainableParameters(), new Adam(0.9, 0.999, 1e-8, false), 1e-2, k)
                .clipNorm(clip).weightDecay(decay);
    }

    @ParameterizedTest(name = "{0} threads, shared subnet {1}, clip {2}, decay {3}")
    @CsvSource({"1, false, 0, 0", "2, false, 0, 0", "2, true, 0, 0", "2, true, 0, 0.01", "1, true, 0, 0.01",
            "2, false, 1, 0"})
    void givesTheParametersOfBackwardThenStepBitForBit(int threads, boolean shareOne, double clip, double decay) {
        GroupOverlapTest.Composite apart = new GroupOverlapTest.Composite();
        GroupOverlapTest.Composite during = new GroupOverlapTest.Composite();
        Kernels k1 = TestKernels.vector(threads);
        Kernels k2 = TestKernels.vector(threads);
        Updater u1 = adam(apart, k1, clip, decay);
        Updater u2 = adam(during, k2, clip, decay);
        Tape t1 = new Tape(k1);
        Tape t2 = new Tape(k2);
        List<Parameter> before = new GroupOverlapTest.Composite().model.trainableParameters();
        for (int step = 0; step < 4; step++) {   // replayed recordings, and Adam's bias correction moving
            float[][] xs = GroupOverlapTest.inputs(step);
            Tensor l1 = loss(apart, t1.reset(true), xs, shareOne);
            Tensor l2 = loss(during, t2.reset(true), xs, shareOne);
            assertEquals(l1.item(), l2.item(), "loss, step " + step);
            t1.backward(l1);
            u1.step();
            t2.backward(l2, u2);
            List<Parameter> p1 = apart.model.trainableParameters();
            List<Parameter> p2 = during.model.trainableParameters();
            for (int i = 0; i < p1.size(); i++) {
                assertArrayEquals(p1.get(i).value(), p2.get(i).value(), p1.get(i).name() + ", step " + step);
            }
            if (clip == 0) {
                // the first group's subnets but first[3] when it is shared, and the second group's, in the walk
                int inWalk = 0;
                for (Subnet s : during.first) {
                    inWalk += s == during.first[3] && shareOne ? 0 : s.parameters().size();
                }
                for (Subnet s : during.second) {
                    inWalk += s.parameters().size();
                }
                assertEquals(inWalk, u2.updatedInWalk, "arrays updated during the walk, step " + step);
            }
        }
        assertEquals(u1.steps(), u2.steps());
        List<Parameter> after = during.model.trainableParameters();
        boolean moved = false;
        for (int i = 0; i < after.size(); i++) {
            moved |= !java.util.Arrays.equals(before.get(i).value(), after.get(i).value());
        }
        assertTrue(moved, "the step moved the parameters");
    }

    @ParameterizedTest(name = "{0} threads")
    @CsvSource({"1", "2"})
    void aFailedWalkLeavesTheUpdaterUsable(int threads) {
        GroupOverlapTest.Composite c = new GroupOverlapTest.Composite();
        Kernels k = TestKernels.vector(threads);
        Updater u = adam(c, k, 0, 0);
        Tape tape = new Tape(k);
        float[][] xs = GroupOverlapTest.inputs(1);
        Tensor bad = c.loss(tape.reset(true), xs).map(GroupOverlapTest.FAILS_BACKWARD);
        assertThrows(IllegalStateException.class, () -> tape.backward(bad, u));
        float[] y0 = c.scale.value().clone();
        Tensor good = c.loss(tape.reset(true), xs);
        tape.backward(good, u);
        assertNotEquals(y0[0], c.scale.value()[0], "the next step runs and updates");
    }
}
