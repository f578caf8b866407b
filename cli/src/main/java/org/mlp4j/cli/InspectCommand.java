package org.mlp4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Network;
import org.mlp4j.formats.model.ModelFile;
import org.mlp4j.formats.model.ModelReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mlp4j inspect}: what a model file holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a model's architecture, parameter count, training settings and metrics.")
final class InspectCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "FILE", required = true, description = "The model file.")
    Path model;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws Exception {
        ModelFile mf = ModelReader.read(model);
        Network net = mf.network();
        PrintStream out = System.out;
        out.println("model " + model);
        out.println("  inputs      " + net.inputs());
        int i = 1;
        for (org.mlp4j.engine.Layer layer : net.stack()) {
            if (layer instanceof org.mlp4j.engine.BatchNormLayer bn) {
                out.printf("  layer %-5d batchnorm %d, %s, momentum %s, epsilon %s, %,d parameters%n", i++, bn.units(),
                        bn.activation(), bn.momentum(), bn.epsilon(), bn.parameterCount());
                continue;
            }
            DenseLayer l = (DenseLayer) layer;
            out.printf("  layer %-5d dense %d → %d, %s%s%s, %,d parameters%n", i++, l.inputs(), l.units(), l.activation(),
                    l.activation() == org.mlp4j.engine.Activation.LEAKY_RELU ? " (alpha " + l.alpha() + ")" : "",
                    l.hasBias() ? "" : ", no bias", l.parameterCount());
        }
        out.println("  loss        " + net.loss());
        out.printf("  parameters  %,d%n", net.parameterCount());
        if (mf.classNames() != null) {
            out.println("  classes     " + String.join(", ", mf.classNames()));
        }
        out.println("  scaling     " + (mf.normalization() == null ? "none" : mf.normalization().toString()));
        print(out, "training", mf.training());
        print(out, "metrics", mf.metrics());
        return 0;
    }

    private static void print(PrintStream out, String title, Map<String, Object> map) {
        if (map == null || map.isEmpty()) {
            return;
        }
        out.println("  " + title);
        for (Map.Entry<String, Object> e : map.entrySet()) {
            out.printf("    %-14s %s%n", e.getKey(), e.getValue());
        }
    }
}
