import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.Random;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Initializer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.NetworkBuilder;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;

/**
 * One jar's side of {@link PairedPredict}: a ReLU/softmax network of the given widths (He-normal, seed 1, as
 * {@code mlp4j bench} builds it) predicting rows of uniform noise or, with {@code -Dpaired.rows=IDX} (an IDX image
 * file, gzipped or not, of as many pixels as the network has inputs), the first 1000 images scaled to [0, 1] as
 * {@code mlp4j bench} reads them. Compiled against one jar, loaded once per jar, each copy in its own class loader
 * with that jar's engine.
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
        String images = System.getProperty("paired.rows");
        x = images == null ? noise(ROWS * inputs) : images(Path.of(images), ROWS, inputs);
        row = new float[inputs];
    }

    private static float[] noise(int n) {
        Random r = new Random(3);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }

    /** The first {@code rows} images of an IDX file of unsigned bytes, pixel / 255. */
    private static float[] images(Path file, int rows, int pixels) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             DataInputStream in = new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw)) {
            int magic = in.readInt();
            int dims = magic & 0xff;
            if ((magic >>> 8) != 0x08 || dims < 2) {
                throw new IllegalArgumentException(file + ": not an IDX file of unsigned bytes");
            }
            int count = in.readInt();
            long size = 1;
            for (int d = 1; d < dims; d++) {
                size *= in.readInt();
            }
            if (size != pixels || count < rows) {
                throw new IllegalArgumentException(file + ": " + count + " images of " + size + " pixels, need "
                        + rows + " of " + pixels);
            }
            byte[] bytes = new byte[rows * pixels];
            in.readFully(bytes);
            float[] x = new float[bytes.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (bytes[i] & 0xff) / 255f;
            }
            return x;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
