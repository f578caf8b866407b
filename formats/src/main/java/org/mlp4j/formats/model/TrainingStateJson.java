package org.mlp4j.formats.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.train.EpochStats;
import org.mlp4j.engine.train.TrainingState;

/**
 * The {@code state} object of a checkpoint file: a {@link TrainingState} written and read here and nowhere else, so a
 * field added to the state has one writer and one reader, side by side.
 *
 * <p>Everything a bit-identical resume needs survives the round trip exactly: float arrays as little-endian float32
 * base64 (as in model files), int arrays as little-endian int32 base64, doubles in Jackson's shortest round-trip
 * decimal form (NaN as null), and the RNG state as a decimal string (a JSON number may not hold 64 bits).
 *
 * <p>Reading treats the file as untrusted input: every field is checked for its type, its range and its consistency
 * with the model and the run's settings — {@code order} is a permutation of the rows (shuffled batches) or indexes
 * them (random batches), {@code nextBatch} lies inside the epoch, the optimizer state and the early-stopping
 * parameters have the model's parameter shapes — or refused with the field's path
 * ({@code ckpt.json: field state.nextBatch: …}). What needs the data (its row count) is checked by the trainer.
 */
final class TrainingStateJson {
    private static final String EPOCHS_DONE = "epochsDone";
    private static final String NEXT_BATCH = "nextBatch";
    private static final String ORDER = "order";
    private static final String EPOCH_LOSS_SUM = "epochLossSum";
    private static final String EPOCH_CORRECT = "epochCorrect";
    private static final String EPOCH_ROWS = "epochRows";
    private static final String RNG_STATE = "rngState";
    private static final String LEARNING_RATE = "learningRate";
    private static final String OPTIMIZER = "optimizer";
    private static final String OPTIMIZER_STEPS = "optimizerSteps";
    private static final String OPTIMIZER_STATE = "optimizerState";
    private static final String SCHEDULE_STATE = "scheduleState";
    private static final String BEST_VALUE = "bestValue";
    private static final String EPOCHS_WITHOUT_IMPROVEMENT = "epochsWithoutImprovement";
    private static final String BEST_EPOCH = "bestEpoch";
    private static final String BEST_PARAMETERS = "bestParameters";
    private static final String HISTORY = "history";
    // the fields of each epoch of the history
    private static final String EPOCH = "epoch";
    private static final String LOSS = "loss";
    private static final String ACCURACY = "accuracy";
    private static final String VAL_LOSS = "valLoss";
    private static final String VAL_ACCURACY = "valAccuracy";
    private static final String SECONDS = "seconds";
    private static final String SAMPLES_PER_SECOND = "samplesPerSecond";

    /** The file being read, for messages. */
    private final String file;

    TrainingStateJson(String file) {
        this.file = file;
    }

    /** Writes {@code s} into {@code st}, the checkpoint's {@code state} object. */
    static void write(ObjectNode st, TrainingState s) {
        TrainingState.Position p = s.position();
        st.put(EPOCHS_DONE, p.epochsDone());
        st.put(NEXT_BATCH, p.nextBatch());
        st.put(ORDER, ints(p.order()));
        putDouble(st, EPOCH_LOSS_SUM, p.lossSum());
        st.put(EPOCH_CORRECT, p.correct());
        st.put(EPOCH_ROWS, p.rows());
        st.put(RNG_STATE, Long.toString(s.rngState()));
        putDouble(st, LEARNING_RATE, s.learningRate());
        TrainingState.OptimizerState o = s.optimizer();
        st.put(OPTIMIZER, o.name());
        st.put(OPTIMIZER_STEPS, o.steps());
        st.set(OPTIMIZER_STATE, floatArrays(st, o.slots()));
        ArrayNode sched = st.putArray(SCHEDULE_STATE);
        for (double d : s.scheduleState() == null ? new double[0] : s.scheduleState()) {
            if (Double.isFinite(d)) {
                sched.add(d);
            } else {
                sched.add(Double.toString(d));
            }
        }
        TrainingState.EarlyStoppingState e = s.earlyStopping();
        putDouble(st, BEST_VALUE, e.bestValue());
        st.put(EPOCHS_WITHOUT_IMPROVEMENT, e.epochsWithoutImprovement());
        st.put(BEST_EPOCH, e.bestEpoch());
        if (e.bestParameters() != null) {
            st.set(BEST_PARAMETERS, floatArrays(st, e.bestParameters()));
        }
        ArrayNode history = st.putArray(HISTORY);
        for (EpochStats stats : s.history()) {
            ObjectNode h = history.addObject();
            h.put(EPOCH, stats.epoch());
            putDouble(h, LOSS, stats.loss());
            putDouble(h, ACCURACY, stats.accuracy());
            putDouble(h, VAL_LOSS, stats.valLoss());
            putDouble(h, VAL_ACCURACY, stats.valAccuracy());
            putDouble(h, SECONDS, stats.seconds());
            putDouble(h, SAMPLES_PER_SECOND, stats.samplesPerSecond());
            putDouble(h, LEARNING_RATE, stats.learningRate());
        }
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

    private static ArrayNode floatArrays(ObjectNode owner, float[][] arrays) {
        ArrayNode list = owner.arrayNode();
        for (float[] a : arrays == null ? new float[0][] : arrays) {
            ByteBuffer b = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(a);
            list.add(Base64.getEncoder().encodeToString(b.array()));
        }
        return list;
    }

    /**
     * Reads and checks the {@code state} object of a checkpoint whose model is {@code model} and whose run's settings
     * are {@code settings} (the batch size and batching mode bound the position).
     */
    TrainingState read(JsonFields f, ModelFile model, Map<String, Object> settings) {
        int epochsDone = nonNegativeInt(f, EPOCHS_DONE);
        int[] order = ints(f, ORDER);
        int rows = order.length;
        if (rows == 0) {
            throw f.error(f.path(ORDER), "expected the row order of at least one row, found none");
        }
        checkOrder(f, order, "random".equals(settings.get("batches")));
        int batchSize = settings.get("batchSize") instanceof Number ? ((Number) settings.get("batchSize")).intValue() : rows;
        long batches = (rows + (long) batchSize - 1) / batchSize;
        int nextBatch = nonNegativeInt(f, NEXT_BATCH);
        if (nextBatch >= batches) {
            throw f.error(f.path(NEXT_BATCH), "expected a batch of the epoch in progress, 0.." + (batches - 1) + " ("
                    + rows + " rows in batches of " + batchSize + "), found " + nextBatch);
        }
        double lossSum = real(f, EPOCH_LOSS_SUM, true);
        // between epochs the counters still hold the finished epoch's; inside one, the batches done so far
        long epochRows = range(f, EPOCH_ROWS, 0, nextBatch == 0 ? rows : Math.min(rows, (long) nextBatch * batchSize));
        long epochCorrect = range(f, EPOCH_CORRECT, 0, epochRows);
        long rngState = rngState(f);
        double learningRate = real(f, LEARNING_RATE, false);
        if (!(learningRate >= 0)) {
            throw f.error(f.path(LEARNING_RATE), "expected a learning rate >= 0, found " + learningRate);
        }
        String optimizer = f.has(OPTIMIZER) ? f.string(OPTIMIZER) : null;
        long optimizerSteps = range(f, OPTIMIZER_STEPS, 0, Long.MAX_VALUE);
        List<int[]> shapes = parameterSizes(model);
        float[][] slots = floatArrays(f, OPTIMIZER_STATE);
        checkParameterShapes(f, OPTIMIZER_STATE, slots, shapes, true);
        double[] scheduleState = schedule(f);
        double bestValue = real(f, BEST_VALUE, true);
        int epochsWithoutImprovement = nonNegativeInt(f, EPOCHS_WITHOUT_IMPROVEMENT);
        int bestEpoch = (int) range(f, BEST_EPOCH, 0, epochsDone);
        float[][] bestParameters = null;
        if (f.has(BEST_PARAMETERS)) {
            bestParameters = floatArrays(f, BEST_PARAMETERS);
            checkParameterShapes(f, BEST_PARAMETERS, bestParameters, shapes, false);
        }
        return new TrainingState(
                new TrainingState.Position(epochsDone, nextBatch, order, lossSum, epochCorrect, epochRows),
                rngState, learningRate, new TrainingState.OptimizerState(optimizer, slots, optimizerSteps),
                scheduleState,
                new TrainingState.EarlyStoppingState(bestValue, epochsWithoutImprovement, bestEpoch, bestParameters),
                history(f, epochsDone));
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
                throw f.error(f.path(ORDER) + "[" + i + "]", "expected a row index in 0.." + (order.length - 1)
                        + ", found " + r);
            }
            if (seen != null) {
                if (seen[r]) {
                    throw f.error(f.path(ORDER) + "[" + i + "]", "row " + r + " appears twice: the order of shuffled "
                            + "batches must be a permutation of the rows");
                }
                seen[r] = true;
            }
        }
    }

    private double[] schedule(JsonFields f) {
        if (!f.has(SCHEDULE_STATE)) {
            return null;
        }
        List<?> list = f.list(SCHEDULE_STATE);
        if (list.isEmpty()) {
            return null;
        }
        if (list.size() != 2) {
            throw f.error(f.path(SCHEDULE_STATE), "expected [best, badEpochs], found " + list.size() + " values");
        }
        double[] out = new double[2];
        for (int i = 0; i < 2; i++) {
            out[i] = realValue(f.path(SCHEDULE_STATE) + "[" + i + "]", list.get(i), true);
        }
        if (!(out[1] >= 0 && out[1] <= Integer.MAX_VALUE && out[1] == Math.rint(out[1]))) {
            throw f.error(f.path(SCHEDULE_STATE) + "[1]", "expected a count of epochs, found " + out[1]);
        }
        return out;
    }

    private List<EpochStats> history(JsonFields f, int epochsDone) {
        if (!f.has(HISTORY)) {
            return List.of();
        }
        List<?> list = f.list(HISTORY);
        if (list.size() > epochsDone) {
            throw f.error(f.path(HISTORY), "holds " + list.size() + " epochs, but epochsDone is " + epochsDone);
        }
        List<EpochStats> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonFields h = new JsonFields(file, f.path(HISTORY) + "[" + i + "]", list.get(i));
            out.add(new EpochStats((int) range(h, EPOCH, 1, epochsDone), real(h, LOSS, true), real(h, ACCURACY, true),
                    real(h, VAL_LOSS, true), real(h, VAL_ACCURACY, true), real(h, SECONDS, true),
                    real(h, SAMPLES_PER_SECOND, true), real(h, LEARNING_RATE, true)));
        }
        return out;
    }

    private long rngState(JsonFields f) {
        Object v = f.require(RNG_STATE);
        try {
            return Long.parseLong(v instanceof String ? (String) v : String.valueOf(v));
        } catch (NumberFormatException e) {
            throw f.error(f.path(RNG_STATE), "expected a 64-bit integer in decimal, found " + JsonFields.describe(v));
        }
    }

    static int nonNegativeInt(JsonFields f, String key) {
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
