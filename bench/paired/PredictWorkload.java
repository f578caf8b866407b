import java.util.Arrays;
import java.util.Random;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Initializer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.NetworkBuilder;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;

/**
 * One jar's side of {@link PairedPredict}: a ReLU/softmax network of the given widths (He-normal, seed 1, as
 * {@code mlp4j bench} builds it) predicting rows of uniform noise. Compiled against one jar, loaded once per jar, each
 * copy in its own class loader with that jar's engine.
 */
public final class PredictWorkload {
    private static final int ROWS = 1000;
    private final Network net;
    private final Kernels kernels;
    private final int inputs;
    private final float[] x;
    private final float[] row;

    public PredictWorkload(int[] widths, int threads) {
        NetworkBuilder b = Network.builder(widths[0]);
        for (int l = 1; l < widths.length - 1; l++) {
            b.dense(widths[l], Activation.RELU);
        }
        net = b.dense(widths[widths.length - 1], Activation.SOFTMAX).initializer(Initializer.heNormal()).seed(1).build();
        kernels = KernelsProvider.create(threads);
        inputs = widths[0];
        Random r = new Random(3);
        x = new float[ROWS * inputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        row = new float[inputs];
    }

    public String kernels() {
        return kernels.describe();
    }

    /** Median nanoseconds of {@code calls} single-row predictions, each a fresh call as an application makes it. */
    public double latencyNanos(int calls) {
        long[] t = new long[calls];
        for (int i = 0; i < calls; i++) {
            System.arraycopy(x, (i % ROWS) * inputs, row, 0, inputs);
            long start = System.nanoTime();
            net.predict(row, 1, kernels);
            t[i] = System.nanoTime() - start;
        }
        Arrays.sort(t);
        return t[calls / 2];
    }

    /** Median rows per second of {@code calls} predictions of 1000 rows. */
    public double rowsPerSecond(int calls) {
        double[] rates = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            net.predict(x, ROWS, kernels);
            rates[i] = ROWS / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates[calls / 2];
    }
}
