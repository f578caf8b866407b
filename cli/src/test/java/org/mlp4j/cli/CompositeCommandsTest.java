package org.mlp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.engine.BatchNormLayer;
import org.mlp4j.engine.Network;
import org.mlp4j.formats.model.ModelReader;

/** {@code train --batch-norm} and {@code example deep-bsde}. */
class CompositeCommandsTest {
    @TempDir
    Path dir;

    @Test
    void batchNormTrainsANormalisedNetworkAndWritesItsLayers() throws Exception {
        Path model = dir.resolve("bn.json");
        CliRun r = CliRun.of("train", "--batch-norm", "--layers", "auto,32,auto", "--optimizer", "adam", "--epochs", "3",
                "--model", model.toString());
        assertEquals(0, r.status, r.err);
        Network net = ModelReader.read(model).network();
        assertEquals(3, net.stack().size());
        assertTrue(net.stack().get(1) instanceof BatchNormLayer);
        assertTrue(!net.layers().get(0).hasBias());
        assertTrue(r.err.contains("bn(relu)"), r.err);
        CliRun e = CliRun.of("evaluate", "--model", model.toString(), "--data", "digits", "--json");
        assertEquals(0, e.status, e.err);
        assertTrue(new ObjectMapper().readTree(e.out).get("accuracy").asDouble() > 0.7, e.out);
        String summary = CliRun.of("inspect", "--model", model.toString()).out;
        assertTrue(summary.contains("batch_normalization_1 (BatchNormalization)"), summary);
    }

    @Test
    void theDeepBsdeExamplePrintsItsJsonContract() throws Exception {
        CliRun r = CliRun.of("example", "deep-bsde", "--iterations", "10", "--threads", "1", "--json");
        assertEquals(0, r.status, r.err);
        JsonNode j = new ObjectMapper().readTree(r.out);
        for (String f : new String[] {"y0", "y0Mean", "relativeError", "iterations", "seconds", "msPerIteration"}) {
            assertTrue(j.has(f), f + " in " + r.out);
        }
        assertEquals(10, j.get("iterations").asInt());
        assertTrue(r.err.contains("step     0"), r.err);
        JsonNode phases = j.get("phases");
        assertEquals(5, phases.get("fromIteration").asInt(), r.out);
        for (String f : new String[] {"pathsUs", "forwardUs", "backwardUs"}) {
            assertTrue(phases.get(f).asDouble() > 0, f + " in " + r.out);
        }
        // the example makes Adam's step in the backward pass: the update's own phase is kept, next to nothing
        assertTrue(phases.get("updateUs").asDouble() >= 0, "updateUs in " + r.out);
    }

    @Test
    void anUnknownExampleIsAUsageError() {
        CliRun r = CliRun.of("example", "nope");
        assertEquals(2, r.status, r.err);
        assertTrue(r.err.contains("unknown example"), r.err);
    }
}
