package org.mlp4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlp4j.engine.Initializer;
import picocli.CommandLine.ParseResult;

/**
 * Everything that defines a {@code train} run: the optimizer and training controls ({@link TrainingFlags}), the batch,
 * epochs, seed, initialiser and scaling, the data and how rows are held out, early stopping's monitor, the class
 * names, the validation source and how the data is read. Recorded in the model's {@code training} section and in
 * the checkpoint's {@code settings} ({@link #toMap}, read back by {@link #fromMap}); {@code --resume} puts them back
 * ({@link #applyTo}), so a resumed run is the run that was interrupted — a setting left out would silently fall back
 * to its default (as {@code --monitor} once did, turning {@code --monitor accuracy} into loss).
 *
 * <p>A component is null where the run records nothing: a flag that was not given and has no default worth
 * recording, or one that does not apply (momentum without a momentum optimizer, L2 of 0).
 *
 * @param optimizer       {@code --optimizer}
 * @param learningRate    {@code --lr}, or the optimizer's default
 * @param momentum        {@code --momentum} of momentum/nesterov (0.9 by default); null for other optimizers
 * @param beta1           Adam's β₁ (0.9 by default); null for other optimizers
 * @param beta2           Adam's β₂ (0.999 by default); null for other optimizers
 * @param eps             {@code --eps} when given
 * @param l2              {@code --l2} when above 0
 * @param weightDecay     {@code --weight-decay} (or adamw's default) when above 0
 * @param dropout         {@code --dropout} when above 0
 * @param clipNorm        {@code --clip-norm} when above 0
 * @param schedule        {@code --schedule} unless constant
 * @param batches         {@code --batches} unless shuffle
 * @param earlyStopping   {@code --early-stopping}'s patience
 * @param minDelta        {@code --min-delta}, with early stopping
 * @param batchSize       rows per batch (the training rows for {@code --batch all})
 * @param epochs          {@code --epochs}
 * @param seed            {@code --seed}
 * @param init            the initialiser's spec, or {@code from MODEL} for {@code --from}
 * @param scale           {@code --scale}
 * @param data            {@code --data}
 * @param validationSplit {@code --validation-split}
 * @param monitor         what early stopping monitors, with early stopping
 * @param testSplit       {@code --test-split}
 * @param splitMode       {@code --split-mode}, when rows are held out
 * @param classNames      {@code --class-names}
 * @param validation      {@code --validation}
 * @param labelsFile      {@code --labels}
 * @param labelColumn     {@code --label-column}
 * @param targetColumns   {@code --target-columns}
 * @param xKey            {@code --x-key}
 * @param yKey            {@code --y-key}
 * @param split           {@code --split}
 */
record RunSettings(String optimizer, Double learningRate, Double momentum, Double beta1, Double beta2, Double eps,
                   Double l2, Double weightDecay, Double dropout, Double clipNorm, String schedule, String batches,
                   Integer earlyStopping, Double minDelta,
                   Integer batchSize, Integer epochs, Long seed, String init, String scale, String data,
                   Double validationSplit, String monitor, Double testSplit, String splitMode, List<String> classNames,
                   String validation,
                   String labelsFile, String labelColumn, List<String> targetColumns, String xKey, String yKey,
                   String split) {

    /** The settings of the run {@code c} is about to make, in batches of {@code batchSize} rows. */
    static RunSettings of(TrainCommand c, int batchSize) {
        TrainingFlags f = c.flags;
        boolean momentum = f.optimizer.equals("momentum") || f.optimizer.equals("nesterov");
        boolean adam = f.optimizer.startsWith("adam");
        DataOptions d = c.dataOptions;
        String init = c.resumedInit != null ? c.resumedInit
                : c.from != null ? "from " + c.from : c.init == null ? "he-normal" : Initializer.parse(c.init).spec();
        return new RunSettings(f.optimizer, f.learningRate(),
                momentum ? (f.momentum == null ? 0.9 : f.momentum) : null,
                adam ? (f.beta1 == null ? 0.9 : f.beta1) : null,
                adam ? (f.beta2 == null ? 0.999 : f.beta2) : null,
                f.eps,
                positive(f.l2), positive(f.weightDecay()), positive(f.dropout), positive(f.clipNorm),
                f.schedule.equals("constant") ? null : f.schedule,
                f.batches.equals("shuffle") ? null : f.batches,
                f.patience, f.patience != null ? f.minDelta : null,
                batchSize, c.epochs, c.seed, init, c.scale, c.data, c.validationSplit,
                f.patience == null ? null : f.monitor != null ? f.monitor
                        : c.validationSpec != null || c.validationSplit != null ? "val_loss" : "loss",
                c.splits.testSplit,
                c.splits.testSplit != null || c.validationSplit != null ? c.splits.mode().id() : null,
                c.splits.classNames, c.validationSpec,
                d.labels == null ? null : d.labels.toString(), d.labelColumn, d.targetColumns, d.xKey, d.yKey, d.split);
    }

    private static Double positive(double v) {
        return v > 0 ? v : null;
    }

    /** The settings as the model's {@code training} section and the checkpoint hold them (null ones left out). */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "optimizer", optimizer);
        put(m, "learningRate", learningRate);
        put(m, "momentum", momentum);
        put(m, "beta1", beta1);
        put(m, "beta2", beta2);
        put(m, "eps", eps);
        put(m, "l2", l2);
        put(m, "weightDecay", weightDecay);
        put(m, "dropout", dropout);
        put(m, "clipNorm", clipNorm);
        put(m, "schedule", schedule);
        put(m, "batches", batches);
        put(m, "earlyStopping", earlyStopping);
        put(m, "minDelta", minDelta);
        put(m, "batchSize", batchSize);
        put(m, "epochs", epochs);
        put(m, "seed", seed);
        put(m, "init", init);
        put(m, "scale", scale);
        put(m, "data", data);
        put(m, "validationSplit", validationSplit);
        put(m, "monitor", monitor);
        put(m, "testSplit", testSplit);
        put(m, "splitMode", splitMode);
        put(m, "classNames", classNames);
        put(m, "validation", validation);
        put(m, "labelsFile", labelsFile);
        put(m, "labelColumn", labelColumn);
        put(m, "targetColumns", targetColumns);
        put(m, "xKey", xKey);
        put(m, "yKey", yKey);
        put(m, "split", split);
        return m;
    }

    /** The settings a checkpoint recorded (keys it lacks, or holds with the wrong type, are null). */
    static RunSettings fromMap(Map<String, Object> s) {
        return new RunSettings(text(s, "optimizer"), real(s, "learningRate"), real(s, "momentum"), real(s, "beta1"),
                real(s, "beta2"), real(s, "eps"), real(s, "l2"), real(s, "weightDecay"), real(s, "dropout"),
                real(s, "clipNorm"), text(s, "schedule"), text(s, "batches"),
                s.get("earlyStopping") instanceof Number ? ((Number) s.get("earlyStopping")).intValue() : null,
                real(s, "minDelta"),
                s.get("batchSize") instanceof Number ? ((Number) s.get("batchSize")).intValue() : null,
                s.get("epochs") instanceof Number ? ((Number) s.get("epochs")).intValue() : null,
                s.get("seed") instanceof Number ? ((Number) s.get("seed")).longValue() : null,
                string(s, "init"), text(s, "scale"), string(s, "data"), real(s, "validationSplit"),
                string(s, "monitor"), real(s, "testSplit"), string(s, "splitMode"), strings(s.get("classNames")),
                string(s, "validation"), string(s, "labelsFile"), string(s, "labelColumn"),
                strings(s.get("targetColumns")), string(s, "xKey"), string(s, "yKey"), string(s, "split"));
    }

    /**
     * Puts these settings into {@code c} for a resumed run. The flags the checkpoint fixes are refused on the command
     * line before this runs; {@code --epochs}, {@code --data} and the data-reading flags may be given again, and
     * then the command line wins.
     */
    void applyTo(TrainCommand c, ParseResult given) {
        if (!given.hasMatchedOption("--epochs") && epochs != null) {
            c.epochs = epochs;
        }
        if (batchSize != null) {
            c.batch = batchSize.toString();
        }
        if (seed != null) {
            c.seed = seed;
        }
        if (scale != null) {
            c.scale = scale;
        }
        if (validationSplit != null && c.validationSplit == null) {
            c.validationSplit = validationSplit;
        }
        c.resumedInit = init;
        TrainingFlags f = c.flags;
        if (optimizer != null) {
            f.optimizer = optimizer;
        }
        f.learningRate = or(learningRate, f.learningRate);
        f.momentum = or(momentum, f.momentum);
        f.beta1 = or(beta1, f.beta1);
        f.beta2 = or(beta2, f.beta2);
        f.eps = or(eps, f.eps);
        f.l2 = or(l2, 0.0);
        f.weightDecay = or(weightDecay, 0.0);
        f.dropout = or(dropout, 0.0);
        f.clipNorm = or(clipNorm, 0.0);
        f.schedule = schedule != null ? schedule : "constant";
        f.batches = batches != null ? batches : "shuffle";
        if (earlyStopping != null) {
            f.patience = earlyStopping;
            f.minDelta = or(minDelta, 0.0);
        }
        if (monitor != null && f.patience != null) {
            f.monitor = monitor;
        }
        if (testSplit != null) {
            c.splits.testSplit = testSplit;
        }
        if (splitMode != null) {
            c.splits.splitMode = splitMode;
        }
        if (classNames != null) {
            c.splits.classNames = classNames;
        }
        if (validation != null) {
            if (given.hasMatchedOption("--validation") && !validation.equals(c.validationSpec)) {
                throw new UsageException("--validation " + c.validationSpec + " cannot be combined with --resume: the "
                        + "checkpoint's run validates on " + validation);
            }
            c.validationSpec = validation;
        }
        if (!given.hasMatchedOption("--data") && data != null) {
            c.data = data;
        }
        DataOptions d = c.dataOptions;
        if (!given.hasMatchedOption("--labels") && labelsFile != null) {
            d.labels = Path.of(labelsFile);
        }
        if (!given.hasMatchedOption("--label-column") && labelColumn != null) {
            d.labelColumn = labelColumn;
        }
        if (!given.hasMatchedOption("--target-columns") && targetColumns != null) {
            d.targetColumns = targetColumns;
        }
        if (!given.hasMatchedOption("--x-key") && xKey != null) {
            d.xKey = xKey;
        }
        if (!given.hasMatchedOption("--y-key") && yKey != null) {
            d.yKey = yKey;
        }
        if (!given.hasMatchedOption("--split") && split != null) {
            d.split = split;
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static void put(Map<String, Object> m, String key, Object v) {
        if (v != null) {
            m.put(key, v);
        }
    }

    private static Double real(Map<String, Object> s, String key) {
        return s.get(key) instanceof Number ? ((Number) s.get(key)).doubleValue() : null;
    }

    /** A string setting. */
    private static String string(Map<String, Object> s, String key) {
        return s.get(key) instanceof String ? (String) s.get(key) : null;
    }

    /** A setting read as text whatever its JSON type (as the optimizer, schedule, batching and scaling always were). */
    private static String text(Map<String, Object> s, String key) {
        return s.get(key) == null ? null : String.valueOf(s.get(key));
    }

    private static List<String> strings(Object v) {
        if (!(v instanceof List)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) v) {
            out.add(String.valueOf(o));
        }
        return out;
    }
}
