package org.mlp4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ParseResult;

/**
 * The settings of a {@code train} run beyond the optimizer's (which {@link TrainingFlags#describe} records): what
 * early stopping monitors, how rows are held out, the class names, the validation source and how the data is read.
 * They go into the model's {@code training} section and the checkpoint's {@code settings}; {@code --resume} puts
 * them back, so a resumed run is the run that was interrupted — a flag left out of the checkpoint would silently
 * fall back to its default (as {@code --monitor} once did, turning {@code --monitor accuracy} into loss).
 */
final class RunSettings {
    private RunSettings() {
    }

    static void record(Map<String, Object> m, TrainCommand c) {
        if (c.flags.patience != null) {
            m.put("monitor", c.flags.monitor != null ? c.flags.monitor
                    : c.validationSpec != null || c.validationSplit != null ? "val_loss" : "loss");
        }
        if (c.splits.testSplit != null) {
            m.put("testSplit", c.splits.testSplit);
        }
        if (c.splits.testSplit != null || c.validationSplit != null) {
            m.put("splitMode", c.splits.mode().id());
        }
        if (c.splits.classNames != null) {
            m.put("classNames", c.splits.classNames);
        }
        if (c.validationSpec != null) {
            m.put("validation", c.validationSpec);
        }
        DataOptions d = c.dataOptions;
        putIf(m, "labelsFile", d.labels == null ? null : d.labels.toString());
        putIf(m, "labelColumn", d.labelColumn);
        putIf(m, "targetColumns", d.targetColumns);
        putIf(m, "xKey", d.xKey);
        putIf(m, "yKey", d.yKey);
        putIf(m, "split", d.split);
    }

    /** Puts the recorded settings back, except where the command line gives the flag (data flags may be given again). */
    static void restore(Map<String, Object> s, TrainCommand c, ParseResult given) {
        if (s.get("monitor") instanceof String && c.flags.patience != null) {
            c.flags.monitor = (String) s.get("monitor");
        }
        if (s.get("testSplit") instanceof Number) {
            c.splits.testSplit = ((Number) s.get("testSplit")).doubleValue();
        }
        if (s.get("splitMode") instanceof String) {
            c.splits.splitMode = (String) s.get("splitMode");
        }
        List<String> names = strings(s.get("classNames"));
        if (names != null) {
            c.splits.classNames = names;
        }
        if (s.get("validation") instanceof String) {
            String recorded = (String) s.get("validation");
            if (given.hasMatchedOption("--validation") && !recorded.equals(c.validationSpec)) {
                throw new UsageException("--validation " + c.validationSpec + " cannot be combined with --resume: the "
                        + "checkpoint's run validates on " + recorded);
            }
            c.validationSpec = recorded;
        }
        if (!given.hasMatchedOption("--data") && s.get("data") instanceof String) {
            c.data = (String) s.get("data");
        }
        DataOptions d = c.dataOptions;
        if (!given.hasMatchedOption("--labels") && s.get("labelsFile") instanceof String) {
            d.labels = Path.of((String) s.get("labelsFile"));
        }
        if (!given.hasMatchedOption("--label-column") && s.get("labelColumn") instanceof String) {
            d.labelColumn = (String) s.get("labelColumn");
        }
        if (!given.hasMatchedOption("--target-columns") && strings(s.get("targetColumns")) != null) {
            d.targetColumns = strings(s.get("targetColumns"));
        }
        if (!given.hasMatchedOption("--x-key") && s.get("xKey") instanceof String) {
            d.xKey = (String) s.get("xKey");
        }
        if (!given.hasMatchedOption("--y-key") && s.get("yKey") instanceof String) {
            d.yKey = (String) s.get("yKey");
        }
        if (!given.hasMatchedOption("--split") && s.get("split") instanceof String) {
            d.split = (String) s.get("split");
        }
    }

    private static void putIf(Map<String, Object> m, String key, Object v) {
        if (v != null) {
            m.put(key, v);
        }
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
