package org.mlp4j.engine.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlp4j.engine.kernel.KernelsProvider;

/** The FMA peak: one figure per process and thread count, and no fraction of it above 1. */
class PeakFlopsTest {

    @Test
    void aProcessMeasuresThePeakOnceAndReusesIt() {
        PeakFlops.Result first = PeakFlops.measure(1);
        assertTrue(first.gflopsOneThread() > 0, first.toString());
        assertSame(first, PeakFlops.measure(1));
    }

    @Test
    void withTheVectorModuleThePeakIsTheKernelsSpecies() {
        int bits = KernelsProvider.vector().vectorBits();
        assertEquals("vector " + bits + "-bit FMA", PeakFlops.loop().name());
    }

    @Test
    void theVectorLoopCountsTwoFlopsPerLanePerChain() {
        assertEquals(2L * 12 * KernelsProvider.vector().lanes(), PeakFlops.loop().flopsPerIteration());
    }

    @Test
    void aFractionAboveOneIsRefusedAsAFailedProbe() {
        PeakFlops.Result peak = new PeakFlops.Result("test", 2, 100, 190);
        assertEquals(0.5, peak.fractionOf(50, 1).getAsDouble(), 1e-12);
        assertEquals(0.5, peak.fractionOf(95, 2).getAsDouble(), 1e-12);
        assertEquals(1.0, peak.fractionOf(100, 1).getAsDouble(), 1e-12);
        assertFalse(peak.fractionOf(100.5, 1).isPresent());
        assertFalse(peak.fractionOf(191, 2).isPresent());
        assertFalse(new PeakFlops.Result("failed", 1, 0, 0).fractionOf(1, 1).isPresent());
    }

    @Test
    void theLoopsResultDependsOnItsIterations() {
        // the loop must do the work it is timed for: different counts give different sums
        float a = PeakFlops.loop().run(10);
        float b = PeakFlops.loop().run(1000);
        assertTrue(a != b, a + " vs " + b);
    }
}
