import java.util.Arrays;
import java.util.Random;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;

/**
 * One jar's side of {@link PairedGemm}: {@code C = op(A)·op(B)} through {@code Kernels.gemm} on seeded uniform
 * operands, row-major, packed leading dimensions. Compiled against one jar, loaded once per jar, each copy in its own
 * class loader with that jar's engine. With {@code bCopies > 1} each call reads the next of that many copies of B, so
 * that B comes from beyond the caches it would sit in if one B were read call after call.
 */
public final class GemmWorkload {
    private final Kernels kernels;
    private float[] a = new float[0];
    private final int bCopies;
    private float[][] b = new float[0][];
    /** The copy of B the next call reads: it runs on from one measurement to the next, so every copy is read. */
    private int nextB;
    private float[] c = new float[0];

    public GemmWorkload(int threads, int bCopies) {
        kernels = KernelsProvider.create(threads);
        this.bCopies = bCopies;
    }

    public String kernels() {
        return kernels.describe();
    }

    /** Median GFLOP/s of {@code calls} GEMMs of {@code shape}, "M,N,K,TT" ({@code TT}: NN, NT, TN or TT). */
    public double gflops(String shape, int calls) {
        String[] p = shape.split(",");
        int m = Integer.parseInt(p[0]);
        int n = Integer.parseInt(p[1]);
        int k = Integer.parseInt(p[2]);
        boolean transA = p[3].charAt(0) == 'T';
        boolean transB = p[3].charAt(1) == 'T';
        if (a.length < m * k) {
            a = uniform(m * k, 1);
        }
        if (b.length == 0 || b[0].length < k * n) {
            b = new float[bCopies][];
            nextB = 0;
            for (int i = 0; i < bCopies; i++) {
                b[i] = uniform(k * n, 2 + i);
            }
        }
        if (c.length < m * n) {
            c = new float[m * n];
        }
        double[] rates = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            float[] bi = b[nextB];
            nextB = (nextB + 1) % bCopies;
            kernels.gemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, bi, 0, transB ? k : n, 0f, c, 0, n);
            rates[i] = 2.0 * m * n * k / (System.nanoTime() - start);
        }
        Arrays.sort(rates);
        return rates[calls / 2];
    }

    private static float[] uniform(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }
}
