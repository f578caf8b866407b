package org.mlp4j.formats.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.train.EpochStats;
import org.mlp4j.engine.train.TrainingState;
import org.mlp4j.formats.DataFormatException;

/**
 * Reads a checkpoint as untrusted input, like any data file: every field is checked for its type, its range and
 * its consistency with the model and the run's settings — {@code order} is a permutation of the rows (shuffled
 * batches) or indexes them (random batches), {@code nextBatch} lies inside the epoch, the optimizer state and the
 * early-stopping parameters have the model's parameter shapes — or refused with the field's path
 * ({@code ckpt.json: field state.nextBatch: …}). What needs the data (its row count) is checked by the trainer.
 */
final class CheckpointReader {
    /** Settings the CLI reads back as numbers; a text there ("fast") is refused here, not deep in the run. */
    private static final Set<String> NUMBER_SETTINGS = Set.of("batchSize", "epochs", "seed", "learningRate", "momentum",
            "beta1", "beta2", "eps", "l2", "weightDecay", "dropout", "clipNorm", "earlyStopping", "minDelta",
            "validationSplit");

    private final String file;

    private CheckpointReader(String file) {
        this.file = file;
    }

    static Checkpoint read(Path path) throws IOException {
        ModelReader.checkSize(path);
        try (InputStream in = Files.newInputStream(path)) {
            return new CheckpointReader(path.toString()).read(JsonTree.parse(path.toString(), in));
        }
    }

    @SuppressWarnings("unchecked")
    private Checkpoint read(Object tree) {
        JsonFields root = new JsonFields(file, "", tree);
        String format = root.has("format") && root.get("format") instanceof String ? (String) root.get("format") : null;
        if (!CheckpointFile.FORMAT.equals(format)) {
            throw root.error("format", "expected \"" + CheckpointFile.FORMAT + "\" (a checkpoint written by train "
                    + "--checkpoint), found " + JsonFields.describe(root.get("format")));
        }
        int version = root.integer("version", root.require("version"));
        if (version != 1) {
            throw root.error("version", "unsupported checkpoint version " + version + " (this reader reads version 1)");
        }
        ModelFile model = ModelReader.read(file + " (model)", root.require("model"));
        JsonFields settingsFields = new JsonFields(file, "settings", root.require("settings"));
        Map<String, Object> settings = (Map<String, Object>) JsonTree.toJava(root.get("settings"));
        checkSettings(settingsFields, settings);
        TrainingState s = state(new JsonFields(file, "state", root.require("state")), model, settings);
        return new Checkpoint(model, settings, s);
    }

    private void checkSettings(JsonFields f, Map<String, Object> settings) {
        for (Map.Entry<String, Object> e : settings.entrySet()) {
            Object v = e.getValue();
            if (NUMBER_SETTINGS.contains(e.getKey()) && v != null && !(v instanceof Number)) {
                throw f.error(f.path(e.getKey()), "expected a number, found " + JsonFields.describe(f.get(e.getKey())));
            }
            // a run's settings are numbers, strings, booleans, or lists of them (class names, an input range)
            if (!NUMBER_SETTINGS.contains(e.getKey()) && (v instanceof Map || (v instanceof List && !scalars((List<?>) v)))) {
                throw f.error(f.path(e.getKey()), "expected a number, a string or a list of them, found "
                        + JsonFields.describe(f.get(e.getKey())));
            }
        }
        if (settings.get("batchSize") != null) {
            f.positiveInt("batchSize");
        }
        if (settings.get("epochs") != null) {
            nonNegativeInt(f, "epochs");
        }
        Object batches = settings.get("batches");
        if (batches != null && !batches.equals("shuffle") && !batches.equals("random")) {
            throw f.error(f.path("batches"), "expected \"shuffle\" or \"random\", found " + JsonFields.describe(f.get("batches")));
        }
    }

    private static boolean scalars(List<?> values) {
        for (Object o : values) {
            if (o instanceof Map || o instanceof List) {
                return false;
            }
        }
        return true;
    }

    private TrainingState state(JsonFields f, ModelFile model, Map<String, Object> settings) {
        TrainingState s = new TrainingState();
        s.epochsDone = nonNegativeInt(f, "epochsDone");
        s.order = ints(f, "order");
        int rows = s.order.length;
        if (rows == 0) {
            throw f.error(f.path("order"), "expected the row order of at least one row, found none");
        }
        checkOrder(f, s.order, "random".equals(settings.get("batches")));
        int batchSize = settings.get("batchSize") instanceof Number ? ((Number) settings.get("batchSize")).intValue() : rows;
        long batches = (rows + (long) batchSize - 1) / batchSize;
        s.nextBatch = nonNegativeInt(f, "nextBatch");
        if (s.nextBatch >= batches) {
            throw f.error(f.path("nextBatch"), "expected a batch of the epoch in progress, 0.." + (batches - 1) + " ("
                    + rows + " rows in batches of " + batchSize + "), found " + s.nextBatch);
        }
        s.epochLossSum = real(f, "epochLossSum", true);
        // between epochs the counters still hold the finished epoch's; inside one, the batches done so far
        s.epochRows = range(f, "epochRows", 0, s.nextBatch == 0 ? rows : Math.min(rows, (long) s.nextBatch * batchSize));
        s.epochCorrect = range(f, "epochCorrect", 0, s.epochRows);
        s.rngState = rngState(f);
        s.learningRate = real(f, "learningRate", false);
        if (!(s.learningRate >= 0)) {
            throw f.error(f.path("learningRate"), "expected a learning rate >= 0, found " + s.learningRate);
        }
        if (f.has("optimizer")) {
            s.optimizer = f.string("optimizer");
        }
        s.optimizerSteps = range(f, "optimizerSteps", 0, Long.MAX_VALUE);
        List<int[]> shapes = parameterSizes(model);
        s.optimizerState = floatArrays(f, "optimizerState");
        checkParameterShapes(f, "optimizerState", s.optimizerState, shapes, true);
        s.scheduleState = schedule(f);
        s.bestValue = real(f, "bestValue", true);
        s.epochsWithoutImprovement = nonNegativeInt(f, "epochsWithoutImprovement");
        s.bestEpoch = (int) range(f, "bestEpoch", 0, s.epochsDone);
        if (f.has("bestParameters")) {
            s.bestParameters = floatArrays(f, "bestParameters");
            checkParameterShapes(f, "bestParameters", s.bestParameters, shapes, false);
        }
        s.history = history(f, s.epochsDone);
        return s;
    }

    /** The sizes of the arrays the trainer keeps per parameter, in its order ({@link Network#parameterArrays()}). */
    private static List<int[]> parameterSizes(ModelFile model) {
        List<int[]> sizes = new ArrayList<>();
        for (float[] a : model.network().parameterArrays()) {
            sizes.add(new int[] {a.length});
        }
        return sizes;
    }

    /** Optimizer state is some number of slots of one array per parameter; best parameters exactly one slot. */
    private void checkParameterShapes(JsonFields f, String key, float[][] arrays, List<int[]> sizes, boolean slots) {
        int p = sizes.size();
        if (slots ? arrays.length % p != 0 : arrays.length != p) {
            throw f.error(f.path(key), "expected " + (slots ? "a multiple of " : "") + p + " arrays (one per parameter "
                    + "array of the model), found " + arrays.length);
        }
        for (int i = 0; i < arrays.length; i++) {
            int want = sizes.get(i % p)[0];
            if (arrays[i].length != want) {
                throw f.error(f.path(key) + "[" + i + "]", "expected " + want + " values (the model's parameter array "
                        + (i % p) + "), found " + arrays[i].length);
            }
        }
    }

    private void checkOrder(JsonFields f, int[] order, boolean random) {
        boolean[] seen = random ? null : new boolean[order.length];
        for (int i = 0; i < order.length; i++) {
            int r = order[i];
            if (r < 0 || r >= order.length) {
                throw f.error(f.path("order") + "[" + i + "]", "expected a row index in 0.." + (order.length - 1)
                        + ", found " + r);
            }
            if (seen != null) {
                if (seen[r]) {
                    throw f.error(f.path("order") + "[" + i + "]", "row " + r + " appears twice: the order of shuffled "
                            + "batches must be a permutation of the rows");
                }
                seen[r] = true;
            }
        }
    }

    private double[] schedule(JsonFields f) {
        if (!f.has("scheduleState")) {
            return null;
        }
        List<?> list = f.list("scheduleState");
        if (list.isEmpty()) {
            return null;
        }
        if (list.size() != 2) {
            throw f.error(f.path("scheduleState"), "expected [best, badEpochs], found " + list.size() + " values");
        }
        double[] out = new double[2];
        for (int i = 0; i < 2; i++) {
            out[i] = realValue(f.path("scheduleState") + "[" + i + "]", list.get(i), true);
        }
        if (!(out[1] >= 0 && out[1] <= Integer.MAX_VALUE && out[1] == Math.rint(out[1]))) {
            throw f.error(f.path("scheduleState") + "[1]", "expected a count of epochs, found " + out[1]);
        }
        return out;
    }

    private List<EpochStats> history(JsonFields f, int epochsDone) {
        if (!f.has("history")) {
            return List.of();
        }
        List<?> list = f.list("history");
        if (list.size() > epochsDone) {
            throw f.error(f.path("history"), "holds " + list.size() + " epochs, but epochsDone is " + epochsDone);
        }
        List<EpochStats> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonFields h = new JsonFields(file, f.path("history") + "[" + i + "]", list.get(i));
            out.add(new EpochStats((int) range(h, "epoch", 1, epochsDone), real(h, "loss", true), real(h, "accuracy", true),
                    real(h, "valLoss", true), real(h, "valAccuracy", true), real(h, "seconds", true),
                    real(h, "samplesPerSecond", true), real(h, "learningRate", true)));
        }
        return out;
    }

    private long rngState(JsonFields f) {
        Object v = f.require("rngState");
        try {
            return Long.parseLong(v instanceof String ? (String) v : String.valueOf(v));
        } catch (NumberFormatException e) {
            throw f.error(f.path("rngState"), "expected a 64-bit integer in decimal, found " + JsonFields.describe(v));
        }
    }

    private static int nonNegativeInt(JsonFields f, String key) {
        int v = f.integer(f.path(key), f.require(key));
        if (v < 0) {
            throw f.error(f.path(key), "expected an integer >= 0, found " + v);
        }
        return v;
    }

    private static long range(JsonFields f, String key, long min, long max) {
        Object v = f.require(key);
        long n;
        try {
            if (!(v instanceof JsonTree.Number) || !((JsonTree.Number) v).integral) {
                throw new NumberFormatException();
            }
            n = Long.parseLong(((JsonTree.Number) v).text);
        } catch (NumberFormatException e) {
            throw f.error(f.path(key), "expected an integer, found " + JsonFields.describe(v));
        }
        if (n < min || n > max) {
            throw f.error(f.path(key), "expected an integer in " + min + ".." + max + ", found " + n);
        }
        return n;
    }

    /** A double as the writer puts it: a number, null for NaN, or "Infinity", "-Infinity", "NaN". */
    private double real(JsonFields f, String key, boolean nanAllowed) {
        if (!f.has(key)) {
            if (nanAllowed) {
                return Double.NaN; // written as null, or absent from older checkpoints
            }
            throw f.error(f.path(key), "missing required field");
        }
        return realValue(f.path(key), f.get(key), nanAllowed);
    }

    private double realValue(String path, Object v, boolean nanAllowed) {
        double d;
        if (v instanceof JsonTree.Number) {
            d = Double.parseDouble(((JsonTree.Number) v).text);
        } else if (v == JsonTree.NULL || v == null) {
            d = Double.NaN;
        } else if ("Infinity".equals(v) || "-Infinity".equals(v) || "NaN".equals(v)) {
            d = Double.parseDouble((String) v);
        } else {
            throw JsonFields.error(file, path, "expected a number, found " + JsonFields.describe(v));
        }
        if (Double.isNaN(d) && !nanAllowed) {
            throw JsonFields.error(file, path, "expected a number, found NaN");
        }
        return d;
    }

    /** Little-endian int32s in base64. */
    private int[] ints(JsonFields f, String key) {
        return ints(f.path(key), f.require(key));
    }

    private int[] ints(String path, Object v) {
        if (!(v instanceof String)) {
            throw JsonFields.error(file, path, "expected base64 text, found " + JsonFields.describe(v));
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode((String) v);
        } catch (IllegalArgumentException e) {
            throw JsonFields.error(file, path, "not base64: " + e.getMessage());
        }
        if (bytes.length % 4 != 0) {
            throw JsonFields.error(file, path, bytes.length + " bytes is not a whole number of 32-bit values");
        }
        int[] a = new int[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(a);
        return a;
    }

    private float[][] floatArrays(JsonFields f, String key) {
        if (!f.has(key)) {
            return new float[0][];
        }
        List<?> list = f.list(key);
        float[][] out = new float[list.size()][];
        for (int i = 0; i < out.length; i++) {
            int[] bits = ints(f.path(key) + "[" + i + "]", list.get(i));
            out[i] = new float[bits.length];
            for (int j = 0; j < bits.length; j++) {
                out[i][j] = Float.intBitsToFloat(bits[j]);
            }
        }
        return out;
    }
}
