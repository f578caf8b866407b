package org.mlp4j.formats.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
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
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CheckpointFile() {
    }

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

    public static Checkpoint read(Path file) throws IOException {
        String name = file.toString();
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DataFormatException(name, DataFormatException.atLine(e.getLocation().getLineNr(),
                    e.getLocation().getColumnNr()), "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new DataFormatException(name, "field format", "expected \"" + FORMAT + "\" (a checkpoint written by "
                    + "train --checkpoint), found " + (root == null ? "nothing" : root.path("format")));
        }
        if (root.path("version").asInt() != 1) {
            throw new DataFormatException(name, "field version", "unsupported checkpoint version " + root.path("version"));
        }
        ModelFile model = ModelReader.read(name + " (model)", new ByteArrayInputStream(MAPPER.writeValueAsBytes(root.path("model"))));
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = MAPPER.convertValue(root.path("settings"), LinkedHashMap.class);
        JsonNode st = root.path("state");
        TrainingState s = new TrainingState();
        s.epochsDone = st.path("epochsDone").asInt();
        s.nextBatch = st.path("nextBatch").asInt();
        s.order = ints(st.path("order").asText(), name, "state.order");
        s.epochLossSum = getDouble(st, "epochLossSum");
        s.epochCorrect = st.path("epochCorrect").asLong();
        s.epochRows = st.path("epochRows").asLong();
        try {
            s.rngState = Long.parseLong(st.path("rngState").asText());
        } catch (NumberFormatException e) {
            throw new DataFormatException(name, "field state.rngState", "expected a 64-bit integer, found " + st.path("rngState"));
        }
        s.learningRate = getDouble(st, "learningRate");
        s.optimizer = st.path("optimizer").isTextual() ? st.path("optimizer").asText() : null;
        s.optimizerSteps = st.path("optimizerSteps").asLong();
        s.optimizerState = floatArrays(st.path("optimizerState"), name, "state.optimizerState");
        JsonNode sched = st.path("scheduleState");
        s.scheduleState = new double[sched.size()];
        for (int i = 0; i < sched.size(); i++) {
            s.scheduleState[i] = sched.get(i).isTextual() ? Double.parseDouble(sched.get(i).asText()) : sched.get(i).asDouble();
        }
        s.bestValue = getDouble(st, "bestValue");
        s.epochsWithoutImprovement = st.path("epochsWithoutImprovement").asInt();
        s.bestEpoch = st.path("bestEpoch").asInt();
        s.bestParameters = st.has("bestParameters") ? floatArrays(st.path("bestParameters"), name, "state.bestParameters") : null;
        List<EpochStats> history = new ArrayList<>();
        for (JsonNode h : st.path("history")) {
            history.add(new EpochStats(h.path("epoch").asInt(), getDouble(h, "loss"), getDouble(h, "accuracy"),
                    getDouble(h, "valLoss"), getDouble(h, "valAccuracy"), getDouble(h, "seconds"),
                    getDouble(h, "samplesPerSecond"), getDouble(h, "learningRate")));
        }
        s.history = history;
        return new Checkpoint(model, settings, s);
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

    private static double getDouble(JsonNode o, String field) {
        JsonNode n = o.path(field);
        if (n.isNull() || n.isMissingNode()) {
            return Double.NaN;
        }
        return n.isTextual() ? Double.parseDouble(n.asText()) : n.asDouble();
    }

    private static String ints(int[] a) {
        ByteBuffer b = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(a);
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static int[] ints(String base64, String file, String field) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, "field " + field, "not base64: " + e.getMessage());
        }
        if (bytes.length % 4 != 0) {
            throw new DataFormatException(file, "field " + field, bytes.length + " bytes is not a whole number of int32");
        }
        int[] a = new int[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(a);
        return a;
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

    private static float[][] floatArrays(JsonNode list, String file, String field) {
        float[][] out = new float[list.size()][];
        for (int i = 0; i < list.size(); i++) {
            int[] bits = ints(list.get(i).asText(), file, field + "[" + i + "]");
            out[i] = new float[bits.length];
            for (int j = 0; j < bits.length; j++) {
                out[i][j] = Float.intBitsToFloat(bits[j]);
            }
        }
        return out;
    }
}
