package org.mlp4j.formats.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlp4j.engine.train.EpochStats;
import org.mlp4j.formats.DataFormatException;

/** The model file's optional {@code history} field: columns in, the same epochs out; old files stay valid. */
class ModelHistoryTest {
    static final List<EpochStats> EPOCHS = List.of(
            new EpochStats(1, 0.9, 0.7, 1.0, 0.65, 0.5, 2000, 0.1),
            new EpochStats(2, 0.5, 0.8, 0.6, 0.75, 0.4, 2500, 0.05));

    @Test
    void historyRoundTripsThroughAModelFile() throws Exception {
        ModelFile mf = ModelFilesTest.model().withHistory(ModelHistory.toColumns(EPOCHS));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelWriter.write(out, mf);
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.contains("\"history\""), json);
        ModelFile back = ModelReader.read("m.json", new ByteArrayInputStream(out.toByteArray()));
        List<EpochStats> epochs = ModelHistory.fromColumns("m.json", back.history());
        assertEquals(2, epochs.size());
        for (int i = 0; i < 2; i++) {
            EpochStats a = EPOCHS.get(i);
            EpochStats b = epochs.get(i);
            assertEquals(a.epoch(), b.epoch());
            assertEquals(a.loss(), b.loss());
            assertEquals(a.accuracy(), b.accuracy());
            assertEquals(a.valLoss(), b.valLoss());
            assertEquals(a.valAccuracy(), b.valAccuracy());
            assertEquals(a.seconds(), b.seconds());
            assertEquals(a.samplesPerSecond(), b.samplesPerSecond());
            assertEquals(a.learningRate(), b.learningRate());
        }
    }

    @Test
    void columnsWithoutAnyValueAreLeftOutAndMissingValuesAreNull() {
        List<EpochStats> regression = List.of(new EpochStats(1, 0.9, Double.NaN, Double.NaN, Double.NaN, 0.5, 10, 0.1));
        Map<String, Object> columns = ModelHistory.toColumns(regression);
        assertFalse(columns.containsKey("accuracy"));
        assertFalse(columns.containsKey("valLoss"));
        assertEquals(List.of(0.9), columns.get("loss"));
        List<EpochStats> back = ModelHistory.fromColumns("m", columns);
        assertTrue(Double.isNaN(back.get(0).accuracy()));
        assertTrue(Double.isNaN(back.get(0).valLoss()));
    }

    @Test
    void aFileWithoutHistoryHasNone() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelWriter.write(out, ModelFilesTest.model());
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("\"history\""), "nothing written when empty");
        ModelFile back = ModelReader.read("m.json", new ByteArrayInputStream(out.toByteArray()));
        assertTrue(back.history().isEmpty());
        assertTrue(ModelHistory.fromColumns("m.json", back.history()).isEmpty());
    }

    @Test
    void withOtherFieldsKeepsTheHistory() {
        ModelFile mf = ModelFilesTest.model().withHistory(ModelHistory.toColumns(EPOCHS));
        assertEquals(mf.history(), mf.withMetrics(Map.of("a", 1)).withTraining(Map.of()).withClassNames(null)
                .withNormalization(null).history());
    }

    @Test
    void badColumnsAreErrorsNamingTheField() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> ModelHistory.fromColumns("m.json",
                Map.of("epoch", List.of(1, 2), "loss", List.of(0.5))));
        assertEquals("m.json: field history.loss: holds 1 values, but history.epoch holds 2", e.getMessage());
        e = assertThrows(DataFormatException.class, () -> ModelHistory.fromColumns("m.json",
                Map.of("epoch", List.of(1), "loss", List.of("low"))));
        assertEquals("m.json: field history.loss[0]: expected a number or null, found low", e.getMessage());
        e = assertThrows(DataFormatException.class, () -> ModelHistory.fromColumns("m.json",
                Map.of("loss", List.of(0.5))));
        assertTrue(e.getMessage().startsWith("m.json: field history.epoch: missing"), e.getMessage());
        e = assertThrows(DataFormatException.class, () -> ModelHistory.fromColumns("m.json",
                Map.of("epoch", 3, "loss", List.of(0.5))));
        assertEquals("m.json: field history.epoch: expected an array of numbers", e.getMessage());
    }
}
