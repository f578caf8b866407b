package org.mlp4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlp4j.engine.train.EpochStats;
import org.mlp4j.formats.Normalization;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.formats.model.ModelHistory;
import org.mlp4j.formats.model.ModelReader;
import org.mlp4j.report.summary.ModelSummary;
import org.mlp4j.report.summary.Numbers;
import org.mlp4j.report.summary.Scaling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mlp4j inspect}: what a model file holds — the Keras-style summary table (layers, output shapes,
 * activations, parameters, totals), then the loss, classes, input scaling, training settings, metrics and history.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show a model's summary (layers, output shapes, activations, parameter counts), loss, classes, "
                + "input scaling, training settings and metrics.")
final class InspectCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model file.")
    Path model;

    @Option(names = "--json", description = "Print the same as one JSON object: {\"model\",\"inputs\",\"layers\","
            + "\"totalParameters\",\"trainableParameters\",\"loss\",\"classes\",\"scaling\",\"normalization\","
            + "\"training\",\"metrics\",\"epochs\"}.")
    boolean json;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws Exception {
        ModelFile mf = ModelReader.read(model);
        ModelSummary summary = ModelSummary.of(mf.network());
        List<EpochStats> history = ModelHistory.fromColumns(model.toString(), mf.history());
        if (json) {
            Json.print(System.out, json(mf, summary, history));
        } else {
            text(System.out, mf, summary, history);
        }
        return 0;
    }

    private void text(PrintStream out, ModelFile mf, ModelSummary summary, List<EpochStats> history) {
        out.println("Model: " + model);
        out.print(summary.toText());
        out.println();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("loss", mf.network().loss().id());
        if (mf.classNames() != null) {
            facts.put("classes", mf.classNames().size() + ": " + String.join(", ", mf.classNames()));
        }
        facts.put("input scaling", scaling(mf.normalization()));
        if (!history.isEmpty()) {
            EpochStats last = history.get(history.size() - 1);
            facts.put("history", history.size() + " epochs, final loss " + Numbers.number(last.loss())
                    + (Double.isFinite(last.accuracy()) ? ", accuracy " + Numbers.number(last.accuracy()) : ""));
        }
        // one key column for every section, wide enough for the longest key (validationSplit, learningRate, …)
        int width = 0;
        for (String k : facts.keySet()) {
            width = Math.max(width, k.length());
        }
        for (Map<String, Object> m : List.of(mf.training(), mf.metrics())) {
            for (String k : m.keySet()) {
                width = Math.max(width, k.length() + 2);
            }
        }
        String row = "%-" + width + "s  %s%n";
        for (Map.Entry<String, String> e : facts.entrySet()) {
            out.printf(row, e.getKey(), e.getValue());
        }
        section(out, row, "training", mf.training());
        section(out, row, "metrics", mf.metrics());
    }

    private static void section(PrintStream out, String row, String title, Map<String, Object> map) {
        if (map.isEmpty()) {
            return;
        }
        out.println(title);
        for (Map.Entry<String, Object> e : map.entrySet()) {
            out.printf(row, "  " + e.getKey(), Numbers.show(e.getValue()));
        }
    }

    private Map<String, Object> json(ModelFile mf, ModelSummary summary, List<EpochStats> history) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", model.toString());
        o.put("inputs", mf.network().inputs());
        o.putAll(summary.toJson());
        o.put("loss", mf.network().loss().id());
        o.put("classes", mf.classNames());
        o.put("scaling", scaling(mf.normalization()));
        Normalization n = mf.normalization();
        if (n != null && !n.isIdentity()) {
            Map<String, Object> norm = new LinkedHashMap<>();
            norm.put("shift", n.shift().length > 1 ? n.shift() : n.shift()[0]);
            norm.put("scale", n.scale().length > 1 ? n.scale() : n.scale()[0]);
            o.put("normalization", norm);
        } else {
            o.put("normalization", null);
        }
        o.put("training", mf.training());
        o.put("metrics", mf.metrics());
        o.put("epochs", history.size());
        return o;
    }

    private static String scaling(Normalization n) {
        return Scaling.describe(n);
    }
}
