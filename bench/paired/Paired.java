import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * What the paired harnesses share: loading one build's copy of a workload, alternating rounds between the builds, and
 * the order statistics they print (median, least and greatest of the rounds' figures).
 */
final class Paired {
    private Paired() {
    }

    /**
     * A new instance of class {@code name} of the workload classes at {@code workload}, constructed with
     * {@code args}, in a class loader of its own over them and {@code jar}: each build gets its own copy of the engine,
     * side by side in one JVM. The side's engine reads its settings and the workload is made {@link #under} the
     * side's property.
     */
    static Object create(Path workload, Path jar, int side, String name, Class<?>[] types, Object... args)
            throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {workload.toUri().toURL(), jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        return under(side, () -> {
            Class.forName("org.mlp4j.engine.kernel.KernelSettings", true, loader);
            return loader.loadClass(name).getConstructor(types).newInstance(args);
        });
    }

    /**
     * Runs {@code body} with side {@code side}'s system property set, if {@code -Dpaired.old.prop=key=value} (side 0)
     * or {@code -Dpaired.new.prop=...} (side 1) names one, and takes it back afterwards. The harnesses make each side
     * and run each of its measurements under it, so that the same jar twice with two values compares two settings in
     * one JVM: those the engine reads once at start-up ({@code mlp4j.gemm.*}, {@code mlp4j.vector.bits}) and those it
     * reads as it goes ({@code mlp4j.train.parallel}, read by each trainer made).
     */
    static <T> T under(int side, Callable<T> body) throws Exception {
        String property = property(side);
        if (property.isEmpty()) {
            return body.call();
        }
        String[] kv = property.split("=", 2);
        if (kv.length != 2) {
            throw new IllegalArgumentException("a side's property is key=value, got " + property);
        }
        String before = System.setProperty(kv[0], kv[1]);
        try {
            return body.call();
        } finally {
            if (before == null) {
                System.clearProperty(kv[0]);
            } else {
                System.setProperty(kv[0], before);
            }
        }
    }

    /** Side {@code side}'s {@code key=value}, from {@code -Dpaired.old.prop} (0) or {@code -Dpaired.new.prop} (1). */
    private static String property(int side) {
        return System.getProperty(side == 0 ? "paired.old.prop" : "paired.new.prop", "");
    }

    /** "old JAR: KERNELS", or "new ..." with the side's property when it has one. */
    static String describe(int side, Path jar, Object workload) throws Exception {
        String property = property(side);
        return (side == 0 ? "old " : "new ") + jar + (property.isEmpty() ? "" : " (-D" + property + ")") + ": "
                + workload.getClass().getMethod("kernels").invoke(workload);
    }

    /** One build's measurement: a call of its workload, one figure. */
    interface Side {
        double measure() throws Exception;
    }

    /**
     * Warms each side for {@code warmUpNanos} (both, before either is timed, so that C2 has compiled both), then runs
     * {@code rounds} rounds, each measuring both sides once in an order that alternates from round to round, so that
     * neither build always runs first; each side runs {@link #under} its property. Returns
     * {@code figures[side][round]}.
     */
    static double[][] alternate(Side[] sides, long warmUpNanos, int rounds) throws Exception {
        for (int v = 0; v < 2; v++) {
            Side side = sides[v];
            under(v, () -> {
                long start = System.nanoTime();
                while (System.nanoTime() - start < warmUpNanos) {
                    side.measure();
                }
                return null;
            });
        }
        double[][] figures = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int q = 0; q < 2; q++) {
                int v = (r + q) % 2;
                figures[v][r] = under(v, sides[v]::measure);
            }
        }
        return figures;
    }

    /** {@code figures[1][r] / figures[0][r]}: each round's ratio new/old. */
    static double[] perRound(double[][] figures) {
        double[] ratio = new double[figures[0].length];
        for (int r = 0; r < ratio.length; r++) {
            ratio[r] = figures[1][r] / figures[0][r];
        }
        return ratio;
    }

    /** "new/old median R (least..greatest)" of per-round ratios. */
    static String ratios(double[] ratio) {
        return String.format("new/old median %.3f (%.2f..%.2f)", median(ratio), min(ratio), max(ratio));
    }

    static double median(double[] x) {
        double[] y = x.clone();
        Arrays.sort(y);
        return y.length % 2 == 1 ? y[y.length / 2] : (y[y.length / 2 - 1] + y[y.length / 2]) / 2;
    }

    static double min(double[] x) {
        return Arrays.stream(x).min().orElse(Double.NaN);
    }

    static double max(double[] x) {
        return Arrays.stream(x).max().orElse(Double.NaN);
    }
}
