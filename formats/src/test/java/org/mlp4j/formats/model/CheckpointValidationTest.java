package org.mlp4j.formats.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.formats.DataFormatException;

/**
 * Finding 4 of the fuzzing report: checkpoints were trusted. Each field is now checked for type, range and
 * consistency with the model and the settings, or refused with the field's path.
 */
class CheckpointValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The Adam checkpoint of a 2-4-3-2 network on 6 rows in batches of 4, written by {@code train --checkpoint}. */
    private static ObjectNode adam() throws Exception {
        try (InputStream in = CheckpointValidationTest.class.getResourceAsStream(
                "/org/mlp4j/formats/fuzz/ReadersFuzzTestInputs/checkpoint/adam.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("ckpt.json"), text);
    }

    private DataFormatException refuse(Consumer<ObjectNode> change) throws Exception {
        ObjectNode c = adam();
        change.accept(c);
        Path f = write(JSON.writeValueAsString(c));
        DataFormatException e = assertThrows(DataFormatException.class, () -> CheckpointFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        return e;
    }

    private static ObjectNode state(ObjectNode c) {
        return (ObjectNode) c.get("state");
    }

    private static String ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return Base64.getEncoder().encodeToString(b.array());
    }

    @Test
    void theCheckpointTrainWroteReadsBackWithItsState() throws Exception {
        Path f = write(JSON.writeValueAsString(adam()));
        Checkpoint c = CheckpointFile.read(f);
        assertArrayEquals(new int[] {1, 0, 5, 3, 4, 2}, c.state().position().order());
        assertEquals(3 * 2 * 2, c.state().optimizer().slots().length); // 3 layers × (W, b) × Adam's 2 moments
        assertEquals(Double.POSITIVE_INFINITY, c.state().scheduleState()[0]);
    }

    @Test
    void aNumberOfAThousandDigitsIsAJsonErrorWithAPosition() throws Exception {
        String text = JSON.writeValueAsString(adam()).replace("\"epochsDone\":1", "\"epochsDone\":" + "9".repeat(1000));
        Path f = write(text);
        DataFormatException e = assertThrows(DataFormatException.class, () -> CheckpointFile.read(f));
        assertTrue(e.position().startsWith("line 1, column "), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON: Number value length"), e.getMessage());
    }

    @Test
    void aHundredThousandDeepDocumentIsAJsonErrorNotAStackOverflow() throws Exception {
        Path f = write("[".repeat(100_000) + "]".repeat(100_000));
        DataFormatException e = assertThrows(DataFormatException.class, () -> CheckpointFile.read(f));
        assertTrue(e.getMessage().contains("not valid JSON: Document nesting depth (65) exceeds the maximum allowed (64"),
                e.getMessage());
    }

    @Test
    void textInANumericSettingIsRefusedAtItsPath() throws Exception {
        DataFormatException e = refuse(c -> ((ObjectNode) c.get("settings")).put("batchSize", "fast"));
        assertEquals("field settings.batchSize", e.position());
        assertTrue(e.getMessage().endsWith("expected a number, found \"fast\""), e.getMessage());
    }

    @Test
    void settingsThatAreNotAnObjectAreRefused() throws Exception {
        DataFormatException e = refuse(c -> c.putArray("settings").add(1));
        assertEquals("field settings", e.position());
        assertTrue(e.getMessage().endsWith("expected a JSON object, found an array"), e.getMessage());
    }

    @Test
    void aRowIndexOutsideTheRowsIsRefusedAtItsPosition() throws Exception {
        DataFormatException e = refuse(c -> state(c).put("order", ints(1, 0, 5, 3, 4, 600)));
        assertEquals("field state.order[5]", e.position());
        assertTrue(e.getMessage().endsWith("expected a row index in 0..5, found 600"), e.getMessage());
    }

    @Test
    void aShuffledOrderMustBeAPermutation() throws Exception {
        DataFormatException e = refuse(c -> state(c).put("order", ints(1, 0, 5, 3, 4, 1)));
        assertEquals("field state.order[5]", e.position());
        assertTrue(e.getMessage().contains("row 1 appears twice"), e.getMessage());
    }

    @Test
    void aNextBatchBeyondTheEpochIsRefusedInsteadOfSkippingIt() throws Exception {
        DataFormatException e = refuse(c -> state(c).put("nextBatch", 2_000_000_000));
        assertEquals("field state.nextBatch", e.position());
        assertTrue(e.getMessage().contains("expected a batch of the epoch in progress, 0..1 (6 rows in batches of 4)"),
                e.getMessage());
    }

    @Test
    void optimizerStateMustHaveTheModelsParameterShapes() throws Exception {
        DataFormatException e = refuse(c -> ((com.fasterxml.jackson.databind.node.ArrayNode) state(c).get("optimizerState"))
                .set(0, JSON.getNodeFactory().textNode(ints(1, 2, 3))));
        assertEquals("field state.optimizerState[0]", e.position());
        assertTrue(e.getMessage().contains("expected 8 values (the model's parameter array 0), found 3"), e.getMessage());
    }

    @Test
    void bestParametersMustBeOneArrayPerParameter() throws Exception {
        DataFormatException e = refuse(c -> ((com.fasterxml.jackson.databind.node.ArrayNode) state(c).get("bestParameters"))
                .remove(0));
        assertEquals("field state.bestParameters", e.position());
    }

    @Test
    void aRandomNumberGeneratorStateThatIsNoIntegerIsRefused() throws Exception {
        DataFormatException e = refuse(c -> state(c).put("rngState", "seed me"));
        assertEquals("field state.rngState", e.position());
    }

    @Test
    void counterFieldsMustBeInRange() throws Exception {
        assertEquals("field state.epochCorrect", refuse(c -> state(c).put("epochCorrect", 7)).position());
        assertEquals("field state.epochsDone", refuse(c -> state(c).put("epochsDone", -1)).position());
        assertEquals("field state.bestEpoch", refuse(c -> state(c).put("bestEpoch", 5)).position());
        assertEquals("field state.learningRate", refuse(c -> state(c).put("learningRate", "fast")).position());
    }
}
