package org.mlp4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Each lap is charged to its own phase, and the medians are those of the run's second half. */
class IterationPhasesTest {

    @Test
    void eachPhaseGetsTheTimeSinceThePreviousMarkAndTheMediansTakeTheSecondHalf() {
        AtomicLong now = new AtomicLong();
        IterationPhases phases = new IterationPhases(5, now::get, "a", "b");
        long[][] nanos = {{100_000, 1_000}, {90_000, 2_000}, {3_000, 7_000}, {5_000, 4_000}, {4_000, 6_000}};
        for (long[] iteration : nanos) {
            phases.start();
            now.addAndGet(iteration[0]);
            phases.lap(0);
            now.addAndGet(iteration[1]);
            phases.lap(1);
            now.addAndGet(123_456); // between iterations: charged to neither phase
        }
        IterationPhases.Medians m = phases.medians();
        assertEquals(2, m.fromIteration());
        assertEquals(5, m.iterations());
        // iterations 2, 3, 4: a = 3, 5, 4 µs; b = 7, 4, 6 µs
        assertArrayEquals(new double[] {4, 6}, m.microseconds());
        assertEquals(6, m.of("b"));
        assertThrows(IllegalArgumentException.class, () -> m.of("c"));
    }

    @Test
    void anEvenCountTakesTheMeanOfTheMiddleTwo() {
        AtomicLong now = new AtomicLong();
        IterationPhases phases = new IterationPhases(4, now::get, "only");
        for (long ns : new long[] {9_000, 9_000, 1_000, 2_000}) {
            phases.start();
            now.addAndGet(ns);
            phases.lap(0);
        }
        assertEquals(1.5, phases.medians().of("only"));
    }

    @Test
    void startingMoreIterationsThanItWasMadeForIsAnError() {
        IterationPhases phases = new IterationPhases(1, () -> 0L, "x");
        phases.start();
        phases.lap(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, phases::start);
        assertEquals("made for 1 iterations; one more was started", e.getMessage());
        assertEquals(1, phases.medians().iterations());
    }

    @Test
    void noIterationsGiveZeros() {
        IterationPhases.Medians m = new IterationPhases(0, "x").medians();
        assertEquals(0, m.iterations());
        assertEquals(0, m.of("x"));
    }
}
