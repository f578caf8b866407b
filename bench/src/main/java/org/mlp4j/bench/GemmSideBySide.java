package org.mlp4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mlp4j.engine.perf.GemmBenchmark;
import org.mlp4j.engine.perf.PeakFlops;

/**
 * The mlp4j side of {@code bench/peers/gemm_side_by_side.sh}: one JSON line per shape and thread count
 * ({@code {"m","n","k","trans","threads","gflops","peakGflops","peakFraction"}}), after one line with the FMA peak.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp … org.mlp4j.bench.GemmSideBySide [--threads 1,2] [m,n,k,TRANS …]</pre>
 * Without shapes it runs {@link GemmShapes#ALL}.
 */
public final class GemmSideBySide {

    private GemmSideBySide() {
    }

    public static void main(String[] args) {
        List<Integer> threads = List.of(1, 2);
        List<String> shapes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--threads")) {
                List<Integer> t = new ArrayList<>();
                for (String s : args[++i].split(",")) {
                    t.add(Integer.parseInt(s.trim()));
                }
                threads = t;
            } else {
                shapes.add(args[i]);
            }
        }
        if (shapes.isEmpty()) {
            shapes = GemmShapes.ALL;
        }
        int maxThreads = threads.stream().mapToInt(Integer::intValue).max().orElse(1);
        PeakFlops.Result peak = PeakFlops.measure(maxThreads);
        System.out.println(peak.toJson());
        for (String shape : shapes) {
            GemmShapes.Shape s = GemmShapes.parse(shape);
            for (int t : threads) {
                GemmBenchmark.Result r = GemmBenchmark.run(s.m, s.n, s.k, s.transA, s.transB, t);
                System.out.println(r.toJson(peak));
            }
        }
        System.out.flush();
    }

    static String fmt(double x) {
        return String.format(Locale.ROOT, "%.1f", x);
    }
}
