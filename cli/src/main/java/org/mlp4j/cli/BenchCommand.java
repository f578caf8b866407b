package org.mlp4j.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.mlp4j.datasets.DataSources;
import org.mlp4j.engine.Rng;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.perf.GemmBenchmark;
import org.mlp4j.engine.perf.PeakFlops;
import org.mlp4j.formats.Normalization;
import org.mlp4j.formats.ReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mlp4j bench}: training throughput (default), the machine's FMA peak ({@code --peak}), or one GEMM
 * ({@code --gemm M,N,K}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure throughput: training (samples/s, GFLOP/s, %% of FMA peak, inference latency), "
                + "the FMA peak (--peak) or one GEMM (--gemm M,N,K)."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--layers", paramLabel = "W,W,…", defaultValue = "784,128,64,10",
            description = "Network widths for the training benchmark. Default: ${DEFAULT-VALUE}.")
    String layers;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128", description = "Batch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "3",
            description = "Timed epochs after one warm-up epoch (the median is reported). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--data", paramLabel = "SPEC",
            description = "Training rows: a SPEC, or 'random' for 60,000 seeded random rows "
                    + "(default: Fashion-MNIST when it is installed and the widths fit, else random).")
    String data;

    @Option(names = "--peak", description = "Measure the FMA peak with a register-resident vector loop (1 and N threads).")
    boolean peak;

    @Option(names = "--gemm", paramLabel = "M,N,K", description = "Time one GEMM C(M×N) = op(A)·op(B) with inner size K.")
    String gemm;

    @Option(names = "--trans", paramLabel = "NN|NT|TN|TT", defaultValue = "NN", description = "Transposes of A and B for --gemm.")
    String trans;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Mixin
    DebugOption debug;

    @Override
    public Integer call() throws Exception {
        threads.apply();
        int t = threads.count();
        PrintStream out = System.out;
        if (peak) {
            PeakFlops.Result p = PeakFlops.measure(t);
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("threads", t);
                o.put("peakGflops1", p.gflopsOneThread());
                o.put("peakGflops", p.gflops());
                o.put("implementation", p.implementation());
                Json.print(out, o);
            } else {
                out.printf(Locale.ROOT, "FMA peak (%s): %.1f GFLOP/s on 1 thread, %.1f GFLOP/s on %d threads%n",
                        p.implementation(), p.gflopsOneThread(), p.gflops(), t);
            }
            return 0;
        }
        if (gemm != null) {
            return gemm(out, t);
        }
        return training(out, t);
    }

    private int gemm(PrintStream out, int t) {
        String[] parts = gemm.split(",");
        if (parts.length != 3) {
            throw new UsageException("--gemm takes M,N,K, got '" + gemm + "'");
        }
        int m = positive(parts[0], "M");
        int n = positive(parts[1], "N");
        int k = positive(parts[2], "K");
        String tr = trans.toUpperCase(Locale.ROOT);
        if (!tr.matches("[NT][NT]")) {
            throw new UsageException("--trans must be NN, NT, TN or TT, got '" + trans + "'");
        }
        GemmBenchmark.Result r = GemmBenchmark.run(m, n, k, tr.charAt(0) == 'T', tr.charAt(1) == 'T', t);
        PeakFlops.Result peak = PeakFlops.measure(t);
        double peakGflops = peak.gflopsFor(t);
        OptionalDouble fraction = peak.fractionOf(r.gflops(), r.threads());
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("m", m);
            o.put("n", n);
            o.put("k", k);
            o.put("trans", tr);
            o.put("threads", t);
            o.put("gflops", r.gflops());
            o.put("peakGflops", peakGflops);
            o.put("peakFraction", fraction.isPresent() ? fraction.getAsDouble() : null);
            Json.print(out, o);
        } else {
            out.printf(Locale.ROOT, "gemm %s m=%d n=%d k=%d, %d thread(s) (%s): %.1f GFLOP/s%s%n",
                    tr, m, n, k, t, r.kernels(), r.gflops(), ofPeak(fraction, peakGflops));
        }
        return 0;
    }

    /**
     * {@code " = 81.0% of the 240.0 GFLOP/s FMA peak"}, or, when the figure beat the measured peak, a note that the
     * peak probe failed: a fraction above 100 % is never printed.
     */
    static String ofPeak(OptionalDouble fraction, double peakGflops) {
        if (fraction.isPresent()) {
            return String.format(Locale.ROOT, " = %.1f%% of the %.1f GFLOP/s FMA peak", 100 * fraction.getAsDouble(),
                    peakGflops);
        }
        return String.format(Locale.ROOT, " (above the %.1f GFLOP/s the FMA-peak probe measured: the probe failed, "
                + "so no %% of peak; the machine was probably busy while it ran)", peakGflops);
    }

    private static int positive(String s, String what) {
        try {
            int v = Integer.parseInt(s.trim());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new UsageException(what + " must be a positive integer, got '" + s + "'");
    }

    private int training(PrintStream out, int t) throws Exception {
        if (batch < 1 || epochs < 1) {
            throw new UsageException("--batch and --epochs must be >= 1");
        }
        int[] widths = Architecture.widths(layers, Integer.parseInt(layers.split(",")[0].trim()),
                Integer.parseInt(layers.substring(layers.lastIndexOf(',') + 1).trim()));
        Dataset rows = rows(widths);
        Kernels kernels = Cli.kernels(t);
        if (!json) {
            System.err.println("mlp4j: benchmarking " + layers + " at batch " + batch + " on " + rows.rows() + " rows ("
                    + (usedRealData ? "fashion-mnist" : data != null && !data.equals("random") ? data : "seeded random data")
                    + "), "
                    + kernels.describe());
        }
        TrainingBenchmark.Result r = TrainingBenchmark.run(rows, widths, batch, epochs, kernels, 0.1);
        PeakFlops.Result peak = PeakFlops.measure(t);
        double peakGflops = peak.gflopsFor(r.threads);
        OptionalDouble fraction = peak.fractionOf(r.gflops, r.threads);
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("layers", layers);
            o.put("batch", batch);
            o.put("threads", r.threads);
            o.put("epochs", epochs);
            o.put("secondsPerEpoch", r.secondsPerEpoch);
            o.put("samplesPerSecond", r.samplesPerSecond);
            o.put("gflops", r.gflops);
            o.put("peakFraction", fraction.isPresent() ? fraction.getAsDouble() : null);
            o.put("latencyMicrosBatch1", r.latencyMicrosBatch1);
            o.put("inferenceSamplesPerSecondBatch1000", r.inferenceSamplesPerSecondBatch1000);
            o.put("peakGflops", peakGflops);
            o.put("kernels", r.kernels);
            Json.print(out, o);
        } else {
            out.printf(Locale.ROOT, "training  %s, batch %d, %d thread(s): %.3f s/epoch (median of %d), %,.0f samples/s, "
                            + "%.1f GFLOP/s%s%n",
                    layers, batch, r.threads, r.secondsPerEpoch, epochs, r.samplesPerSecond, r.gflops,
                    ofPeak(fraction, peakGflops));
            out.printf(Locale.ROOT, "inference batch 1: %.1f µs per row; batch 1000: %,.0f rows/s%n",
                    r.latencyMicrosBatch1, r.inferenceSamplesPerSecondBatch1000);
        }
        return 0;
    }

    private boolean usedRealData;

    /** Fashion-MNIST-sized rows: the real set if present (and the widths fit), else 60,000 seeded random rows. */
    private Dataset rows(int[] widths) throws Exception {
        int in = widths[0];
        int classes = widths[widths.length - 1];
        if (data != null && !data.equals("random")) {
            Dataset d = DataSources.load(data, ReadOptions.defaults(), System.err::println).data();
            return Normalization.fit(Normalization.Mode.AUTO, d).apply(d);
        }
        if (data == null && in == 784 && classes == 10 && DataSources.isAvailable("fashion-mnist")) {
            usedRealData = true;
            Dataset d = DataSources.load("fashion-mnist", ReadOptions.defaults(), System.err::println).data();
            return Normalization.fit(Normalization.Mode.AUTO, d).apply(d);
        }
        int rows = 60_000;
        Rng rng = new Rng(42);
        float[] x = new float[rows * in];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = rng.nextInt(classes);
        }
        return Dataset.classification(x, rows, in, labels, classes);
    }
}
