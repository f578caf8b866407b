package org.mlp4j.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlp4j.datasets.LoadedData;
import org.mlp4j.formats.Description;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mlp4j data SPEC}: what a file or dataset reads as, before any training. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Show what a data file or dataset reads as: rows, features, classes and counts, raw min/max/mean.")
final class DataCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SPEC", description = "A dataset name or a data file.")
    String spec;

    @Option(names = "--json", description = "Print {\"rows\",\"features\",\"classes\",\"classCounts\",\"min\",\"max\",\"mean\"} (and \"testRows\" when the source has a test split).")
    boolean json;

    @Mixin
    DebugOption debug;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        CommandInput input = CommandInput.data(spec, dataOptions);
        LoadedData loaded = input.loaded();
        Description d = Description.describe(loaded.data());
        PrintStream out = System.out;
        if (OneClassData.isOneClass(loaded.data())) {
            System.err.println("mlp4j: warning: " + OneClassData.explain(loaded.data(), spec, input.request()));
        }
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("rows", d.rows());
            o.put("features", d.features());
            o.put("classes", d.classes());
            o.put("classCounts", d.classCounts());
            o.put("min", d.min());
            o.put("max", d.max());
            o.put("mean", d.mean());
            if (loaded.test() != null) {
                o.put("testRows", loaded.test().rows());
            }
            Json.print(out, o);
            return 0;
        }
        out.println(loaded.origin().equals(spec) ? spec : spec + " (" + loaded.origin() + ")");
        out.printf(Locale.ROOT, "  rows      %d%n  features  %d%n", d.rows(), d.features());
        if (d.classes() != null) {
            out.println("  classes   " + d.classes().size());
            for (int c = 0; c < d.classes().size(); c++) {
                out.printf(Locale.ROOT, "    %-16s %d%n", d.classes().get(c), d.classCounts()[c]);
            }
        } else if (loaded.data().hasTargets()) {
            out.println("  targets   " + loaded.data().targetWidth() + " (regression)");
        } else {
            out.println("  labels    none");
        }
        out.printf(Locale.ROOT, "  raw values  min %s  max %s  mean %.6g%n", d.min(), d.max(), d.mean());
        if (loaded.test() != null) {
            out.println("  test split  " + loaded.test().rows() + " rows");
        }
        return 0;
    }
}
