import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * Two builds of mlp4j in one JVM, running the deep BSDE example in alternating rounds of a few hundred iterations (see
 * {@code PairedPredict} for why rounds and not invocations). Prints each build's median milliseconds per iteration and
 * the median and range of the per-round ratio new/old (below 1: the new build is faster).
 *
 * <p>Arguments: {@code workloadClasses oldJar newJar threads rounds iterations}.
 */
public final class PairedDeepBsde {
    private static final long WARM_UP_NANOS = 10_000_000_000L;

    public static void main(String[] args) throws Exception {
        Path workload = Path.of(args[0]);
        Path[] jars = {Path.of(args[1]), Path.of(args[2])};
        int threads = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        int iterations = Integer.parseInt(args[5]);
        Paired.Side[] sides = new Paired.Side[2];
        for (int v = 0; v < 2; v++) {
            Object w = Paired.create(workload, jars[v], v, "DeepBsdeWorkload", new Class<?>[] {int.class, int.class},
                    threads, iterations);
            Method run = w.getClass().getMethod("msPerIteration");
            sides[v] = () -> (double) run.invoke(w);
            System.out.println(Paired.describe(v, jars[v], w));
        }
        double[][] ms = Paired.alternate(sides, WARM_UP_NANOS, rounds);
        System.out.printf("deep BSDE, %d iterations a round, %d threads, %d rounds%n", iterations, threads, rounds);
        System.out.printf("ms per iteration: old %.3f, new %.3f; %s%n",
                Paired.median(ms[0]), Paired.median(ms[1]), Paired.ratios(Paired.perRound(ms)));
    }
}
