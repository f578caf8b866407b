import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Two builds of mlp4j in one JVM, measured in alternating rounds: batch-1 latency and batch-1000 throughput of the
 * same network. On a noisy machine (a small KVM guest moves in phases of seconds) two invocations minutes apart can
 * differ by more than a change is worth; rounds a few milliseconds apart see the same phase, so the per-round ratio
 * new/old is what to read. Prints each build's median and the ratio's median and range.
 *
 * <p>Arguments: {@code workloadClasses oldJar newJar threads rounds widths}.
 */
public final class PairedPredict {
    private static final long WARM_UP_NANOS = 3_000_000_000L;

    public static void main(String[] args) throws Exception {
        Path workload = Path.of(args[0]);
        Path[] jars = {Path.of(args[1]), Path.of(args[2])};
        int threads = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        int[] widths = Arrays.stream(args[5].split(",")).mapToInt(Integer::parseInt).toArray();
        Object[] w = new Object[2];
        Method[] latency = new Method[2];
        Method[] rate = new Method[2];
        for (int v = 0; v < 2; v++) {
            w[v] = Paired.create(workload, jars[v], v, "PredictWorkload", new Class<?>[] {int[].class, int.class},
                    widths, threads);
            latency[v] = w[v].getClass().getMethod("latencyNanos", int.class);
            rate[v] = w[v].getClass().getMethod("rowsPerSecond", int.class);
            System.out.println(Paired.describe(v, jars[v], w[v]));
        }
        for (int v = 0; v < 2; v++) { // warm both before timing either, so that C2 has compiled both
            int side = v;
            Paired.under(side, () -> {
                long start = System.nanoTime();
                while (System.nanoTime() - start < WARM_UP_NANOS) {
                    latency[side].invoke(w[side], 2000);
                    rate[side].invoke(w[side], 3);
                }
                return null;
            });
        }
        double[][] lat = new double[2][rounds];
        double[][] thr = new double[2][rounds];
        double[] latRatio = new double[rounds];
        double[] thrRatio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            for (int q = 0; q < 2; q++) {
                int v = (r + q) % 2; // alternate which build goes first
                int round = r;
                Paired.under(v, () -> {
                    latency[v].invoke(w[v], 500); // wakes this build's pool after the other's ran
                    lat[v][round] = (double) latency[v].invoke(w[v], 4000) / 1e3;
                    thr[v][round] = (double) rate[v].invoke(w[v], 15);
                    return null;
                });
            }
            latRatio[r] = lat[1][r] / lat[0][r];
            thrRatio[r] = thr[1][r] / thr[0][r];
        }
        System.out.printf("%s, %d threads, %d rounds%n", args[5], threads, rounds);
        System.out.printf("batch-1 latency: old %.3f us, new %.3f us; %s%n",
                Paired.median(lat[0]), Paired.median(lat[1]), Paired.ratios(latRatio));
        System.out.printf("batch-1000 inference: old %.0f, new %.0f rows/s; %s%n",
                Paired.median(thr[0]), Paired.median(thr[1]), Paired.ratios(thrRatio));
    }
}
