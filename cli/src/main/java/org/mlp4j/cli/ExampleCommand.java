package org.mlp4j.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlp4j.examples.DeepBsde;
import org.mlp4j.examples.IterationPhases;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mlp4j example NAME}: runs one of the example programs of the examples module (their source is the documentation). */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Run an example program (source: examples/src/main/java/org/mlp4j/examples). Examples: deep-bsde "
                + "(the deep BSDE method on the Allen-Cahn equation in 100 dimensions).")
final class ExampleCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "deep-bsde")
    String name;

    @Option(names = "--iterations", paramLabel = "N", description = "Training iterations (default ${DEFAULT-VALUE}).",
            defaultValue = "4000")
    int iterations;

    @Option(names = "--seed", paramLabel = "S", description = "Seeds the parameters and the paths (default ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--json", description = "Print {\"y0\",\"y0Mean\",\"relativeError\",\"iterations\",\"seconds\","
            + "\"msPerIteration\",\"phases\"} on stdout (phases: the median microseconds of an iteration's parts over "
            + "the second half of the run); the log goes to stderr.")
    boolean json;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() {
        if (!"deep-bsde".equals(name)) {
            throw new UsageException("unknown example '" + name + "' (expected deep-bsde)");
        }
        if (iterations < 0) {
            throw new UsageException("--iterations must be >= 0, got " + iterations);
        }
        threads.apply();
        int t = threads.count();
        java.io.PrintStream log = json ? System.err : System.out;
        DeepBsde.Result r = DeepBsde.run(iterations, seed, t, log::println);
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("y0", r.y0());
            o.put("y0Mean", r.y0Mean());
            o.put("relativeError", r.relativeError());
            o.put("iterations", r.iterations());
            o.put("seconds", r.seconds());
            o.put("msPerIteration", r.msPerIteration());
            o.put("phases", phases(r.phases()));
            Json.print(System.out, o);
        } else {
            System.out.printf(Locale.ROOT, "y0 %.6f, mean of the last 1000 iterations %.6f: %.2f %% from the reference "
                            + "%.6f; %.1f s, %.2f ms per iteration%n", r.y0(), r.y0Mean(), 100 * r.relativeError(),
                    DeepBsde.REFERENCE, r.seconds(), r.msPerIteration());
            IterationPhases.Medians m = r.phases();
            if (m.iterations() > 0) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                        "an iteration, medians of iterations %d-%d:", m.fromIteration(), m.iterations() - 1));
                for (int i = 0; i < m.names().length; i++) {
                    line.append(String.format(Locale.ROOT, "%s %s %.0f µs", i == 0 ? "" : ",", m.names()[i],
                            m.microseconds()[i]));
                }
                System.out.println(line);
            }
        }
        return 0;
    }

    /** {@code {"fromIteration", "pathsUs", "forwardUs", "backwardUs", "updateUs"}}: medians of the run's second half. */
    private static Map<String, Object> phases(IterationPhases.Medians m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("fromIteration", m.fromIteration());
        for (int i = 0; i < m.names().length; i++) {
            o.put(m.names()[i] + "Us", m.microseconds()[i]);
        }
        return o;
    }
}
