package org.mlp4j.formats.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.mlp4j.engine.train.EpochStats;
import org.mlp4j.engine.train.TrainingState;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.io.AtomicFiles;

/**
 * Checkpoint files: {@code {"format": "mlp4j-checkpoint", "version": 1, "model": {…a model file…}, "settings": {…},
 * "state": {…}}}, written atomically.
 *
 * <p>Everything a bit-identical resume needs survives the round trip exactly: float arrays as little-endian float32
 * base64 (as in model files), int arrays as little-endian int32 base64, doubles in Jackson's shortest round-trip
 * decimal form (NaN as null), and the RNG state as a decimal string (a JSON number may not hold 64 bits).
 */
public final class CheckpointFile {
    static final String FORMAT = "mlp4j-checkpoint";
    /** Writes only; the model it embeds may hold strings beyond Jackson's default read limit, so that is lifted. */
    private static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE).build())
            .build());

    private CheckpointFile() {
    }

    /**
     * Writes a checkpoint atomically: a failed write leaves the previous checkpoint whole.
     *
     * @param model    the model as of this checkpoint
     * @param s        the exact training state to resume from
     * @param settings the run's settings, to resume with the same ones
     */
    public static void write(Path file, ModelFile model, TrainingState s, Map<String, Object> settings) throws IOException {
        ByteArrayOutputStream modelBytes = new ByteArrayOutputStream();
        ModelWriter.write(modelBytes, model);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.set("model", MAPPER.readTree(modelBytes.toByteArray()));
        root.set("settings", MAPPER.valueToTree(settings));
        ObjectNode st = root.putObject("state");
        st.put("epochsDone", s.epochsDone);
        st.put("nextBatch", s.nextBatch);
        st.put("order", ints(s.order));
        putDouble(st, "epochLossSum", s.epochLossSum);
        st.put("epochCorrect", s.epochCorrect);
        st.put("epochRows", s.epochRows);
        st.put("rngState", Long.toString(s.rngState));
        putDouble(st, "learningRate", s.learningRate);
        st.put("optimizer", s.optimizer);
        st.put("optimizerSteps", s.optimizerSteps);
        st.set("optimizerState", floatArrays(s.optimizerState));
        ArrayNode sched = st.putArray("scheduleState");
        for (double d : s.scheduleState == null ? new double[0] : s.scheduleState) {
            if (Double.isFinite(d)) {
                sched.add(d);
            } else {
                sched.add(Double.toString(d));
            }
        }
        putDouble(st, "bestValue", s.bestValue);
        st.put("epochsWithoutImprovement", s.epochsWithoutImprovement);
        st.put("bestEpoch", s.bestEpoch);
        if (s.bestParameters != null) {
            st.set("bestParameters", floatArrays(s.bestParameters));
        }
        ArrayNode history = st.putArray("history");
        for (EpochStats e : s.history) {
            ObjectNode h = history.addObject();
            h.put("epoch", e.epoch());
            putDouble(h, "loss", e.loss());
            putDouble(h, "accuracy", e.accuracy());
            putDouble(h, "valLoss", e.valLoss());
            putDouble(h, "valAccuracy", e.valAccuracy());
            putDouble(h, "seconds", e.seconds());
            putDouble(h, "samplesPerSecond", e.samplesPerSecond());
            putDouble(h, "learningRate", e.learningRate());
        }
        byte[] bytes = MAPPER.writeValueAsBytes(root);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * Reads a checkpoint, validating every field (see {@link CheckpointReader}); bad input is a
     * {@link DataFormatException} naming the file and the field's path.
     */
    public static Checkpoint read(Path file) throws IOException {
        return CheckpointReader.read(file);
    }

    private static void putDouble(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) {
            o.putNull(field);
        } else if (Double.isInfinite(v)) {
            o.put(field, Double.toString(v));
        } else {
            o.put(field, v);
        }
    }

    private static String ints(int[] a) {
        ByteBuffer b = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(a);
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static ArrayNode floatArrays(float[][] arrays) {
        ArrayNode list = MAPPER.createArrayNode();
        for (float[] a : arrays == null ? new float[0][] : arrays) {
            ByteBuffer b = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(a);
            list.add(Base64.getEncoder().encodeToString(b.array()));
        }
        return list;
    }
}
