import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Two builds of mlp4j in one JVM, training the same network in alternating one-epoch rounds (see
 * {@code PairedPredict} for why rounds and not invocations). Prints each build's median epoch and the median and
 * range of the per-round ratio new/old (below 1: the new build is faster).
 *
 * <p>Arguments: {@code workloadClasses oldJar newJar threads rounds widths rows batch}.
 */
public final class PairedTrain {
    private static final long WARM_UP_NANOS = 4_000_000_000L;

    public static void main(String[] args) throws Exception {
        Path workload = Path.of(args[0]);
        Path[] jars = {Path.of(args[1]), Path.of(args[2])};
        int threads = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        int[] widths = Arrays.stream(args[5].split(",")).mapToInt(Integer::parseInt).toArray();
        int rows = Integer.parseInt(args[6]);
        int batch = Integer.parseInt(args[7]);
        Paired.Side[] sides = new Paired.Side[2];
        for (int v = 0; v < 2; v++) {
            Object w = Paired.create(workload, jars[v], v, "TrainWorkload",
                    new Class<?>[] {int[].class, int.class, int.class, int.class}, widths, threads, rows, batch);
            Method epoch = w.getClass().getMethod("epochSeconds");
            sides[v] = () -> (double) epoch.invoke(w);
            System.out.println(Paired.describe(v, jars[v], w));
        }
        double[][] sec = Paired.alternate(sides, WARM_UP_NANOS, rounds);
        System.out.printf("%s, batch %d, %d rows, %d threads, %d rounds%n", args[5], batch, rows, threads, rounds);
        System.out.printf("epoch: old %.4f s, new %.4f s; %s%n",
                Paired.median(sec[0]), Paired.median(sec[1]), Paired.ratios(Paired.perRound(sec)));
    }
}
