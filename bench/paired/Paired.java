import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the paired harnesses share: loading one build's copy of a workload, and the order statistics they print
 * (median, least and greatest of the rounds' figures).
 */
final class Paired {
    private Paired() {
    }

    /**
     * Class {@code name} of the workload classes at {@code workload}, in a class loader of its own over them and
     * {@code jar}: each build gets its own copy of the engine, side by side in one JVM.
     */
    static Class<?> workload(Path workload, Path jar, String name) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {workload.toUri().toURL(), jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        return loader.loadClass(name);
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
