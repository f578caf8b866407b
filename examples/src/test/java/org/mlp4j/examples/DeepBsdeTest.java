package org.mlp4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deep BSDE example learns (briefly), logs as the reference does, and gives the same result on 1 and 2 threads. */
class DeepBsdeTest {

    @Test
    void aShortRunLowersTheValidationLossAndLogsEveryHundredIterations() {
        List<String> log = new ArrayList<>();
        DeepBsde.Result r = DeepBsde.run(200, 1, 1, log::add);
        assertEquals(3, log.size(), String.join("\n", log));
        assertTrue(log.get(0).startsWith("step     0") && log.get(2).startsWith("step   200"), log.get(2));
        double first = Double.parseDouble(log.get(0).split("\\s+")[3]);
        double last = Double.parseDouble(log.get(2).split("\\s+")[3]);
        assertTrue(last < 0.8 * first, "validation loss " + first + " → " + last);
        assertTrue(r.y0() > 0 && r.y0() < 0.6, "y0 " + r.y0());
        assertEquals(200, r.iterations());
        assertEquals(100, r.phases().fromIteration());
        for (String phase : DeepBsde.PHASES) {
            // a median of the second half is at most twice its mean, itself at most the run's time over 100
            // (the update is made in the backward pass: its own phase is what is left, next to nothing)
            double us = r.phases().of(phase);
            assertTrue((us > 0 || phase.equals("update") && us >= 0) && us < 2 * 1e6 * r.seconds() / 100,
                    phase + " " + us + " µs");
        }
    }

    @Test
    void twoThreadsGiveTheSameResultAsOne() {
        DeepBsde.Result one = DeepBsde.run(20, 2, 1, s -> { });
        DeepBsde.Result two = DeepBsde.run(20, 2, 2, s -> { });
        assertEquals(one.y0(), two.y0(), "bit for bit");
    }
}
