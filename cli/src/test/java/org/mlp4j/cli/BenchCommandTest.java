package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** {@code mlp4j bench}: help without format warnings, and no fraction of peak above 100 %. */
class BenchCommandTest {

    @Test
    void helpPrintsThePercentSignWithoutAPicocliWarning() {
        CliRun r = CliRun.of("bench", "--help");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.contains("% of FMA peak"), r.out);
        assertFalse((r.out + r.err).contains("picocli WARN"), r.toString());
        CliRun top = CliRun.of("--help");
        assertFalse((top.out + top.err).contains("picocli WARN"), top.toString());
    }

    @Test
    void aFigureWithinThePeakIsPrintedAsAPercentage() {
        assertEquals(" = 81.0% of the 240.0 GFLOP/s FMA peak", BenchCommand.ofPeak(OptionalDouble.of(0.81), 240));
    }

    @Test
    void aFigureAboveThePeakSaysTheProbeFailedInsteadOfAPercentage() {
        String s = BenchCommand.ofPeak(OptionalDouble.empty(), 0.5);
        assertTrue(s.contains("probe failed"), s);
        assertFalse(s.matches(".*\\d%.*"), s);
    }

    @Test
    void theGemmJsonCarriesAFractionOfAtMostOneOrNull() throws Exception {
        CliRun r = CliRun.of("bench", "--gemm", "64,64,64", "--threads", "1", "--json");
        assertEquals(0, r.status, r.toString());
        JsonNode j = r.json();
        assertTrue(j.get("gflops").asDouble() > 0, r.out);
        JsonNode f = j.get("peakFraction");
        assertTrue(f.isNull() || (f.asDouble() > 0 && f.asDouble() <= 1.0), r.out);
    }
}
