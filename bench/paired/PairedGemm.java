import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * Two builds of mlp4j in one JVM, timing the same GEMMs in alternating rounds (see {@code PairedPredict} for why
 * rounds and not invocations). For each shape it prints each build's median GFLOP/s and the median and range of the
 * per-round ratio new/old (above 1: the new build is faster). Each side may get a system property of its own
 * ({@link Paired#create}).
 *
 * <p>Arguments: {@code workloadClasses oldJar newJar threads rounds "M,N,K,TT;…" [bCopies]} (bCopies: see
 * {@link GemmWorkload}; default 1).
 */
public final class PairedGemm {
    private static final long WARM_UP_NANOS = 1_500_000_000L;

    public static void main(String[] args) throws Exception {
        Path workload = Path.of(args[0]);
        Path[] jars = {Path.of(args[1]), Path.of(args[2])};
        int threads = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        String[] shapes = args[5].split(";");
        int copies = args.length > 6 ? Integer.parseInt(args[6]) : 1;
        if (copies < 1) {
            throw new IllegalArgumentException("--b-copies must be at least 1, got " + copies);
        }
        Object[] w = new Object[2];
        Method[] gflops = new Method[2];
        for (int v = 0; v < 2; v++) {
            w[v] = Paired.create(workload, jars[v], v, "GemmWorkload", new Class<?>[] {int.class, int.class}, threads,
                    copies);
            gflops[v] = w[v].getClass().getMethod("gflops", String.class, int.class);
            System.out.println(Paired.describe(v, jars[v], w[v]));
        }
        System.out.printf("%d threads, %d rounds of 30 calls, %s%n", threads, rounds,
                copies == 1 ? "one B" : "B cycled over " + copies + " copies");
        for (String shape : shapes) {
            Paired.Side[] warm = new Paired.Side[2];
            Paired.Side[] timed = new Paired.Side[2];
            for (int v = 0; v < 2; v++) {
                int side = v;
                warm[v] = () -> (double) gflops[side].invoke(w[side], shape, 20);
                timed[v] = () -> (double) gflops[side].invoke(w[side], shape, 30);
            }
            Paired.alternate(warm, WARM_UP_NANOS, 0); // warm both on this shape before timing either
            double[][] g = Paired.alternate(timed, 0, rounds);
            System.out.printf("%-20s old %.1f, new %.1f GFLOP/s; %s%n", shape,
                    Paired.median(g[0]), Paired.median(g[1]), Paired.ratios(Paired.perRound(g)));
        }
    }
}
