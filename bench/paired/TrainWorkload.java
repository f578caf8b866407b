import java.util.Random;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Initializer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.NetworkBuilder;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.train.Trainer;
import org.mlp4j.engine.train.TrainingOptions;

/**
 * One jar's side of {@link PairedTrain}: a ReLU/softmax network of the given widths (He-normal, seed 1, as
 * {@code mlp4j bench} builds it) trained with SGD on seeded uniform rows with seeded labels. Compiled against one jar,
 * loaded once per jar, each copy in its own class loader with that jar's engine.
 */
public final class TrainWorkload {
    private final Network net;
    private final Kernels kernels;
    private final Dataset data;
    private final int batch;

    public TrainWorkload(int[] widths, int threads, int rows, int batch) {
        NetworkBuilder b = Network.builder(widths[0]);
        for (int l = 1; l < widths.length - 1; l++) {
            b.dense(widths[l], Activation.RELU);
        }
        int classes = widths[widths.length - 1];
        net = b.dense(classes, Activation.SOFTMAX).initializer(Initializer.heNormal()).seed(1).build();
        kernels = KernelsProvider.create(threads);
        Random r = new Random(3);
        float[] x = new float[rows * widths[0]];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = r.nextInt(classes);
        }
        data = Dataset.classification(x, rows, widths[0], labels, classes);
        this.batch = batch;
    }

    public String kernels() {
        return kernels.describe();
    }

    /** Seconds of one epoch over the rows (a small learning rate: the weights stay in the same range round to round). */
    public double epochSeconds() {
        Trainer t = new Trainer(net, TrainingOptions.builder().epochs(1).batchSize(batch).learningRate(1e-3)
                .kernels(kernels).build());
        long start = System.nanoTime();
        t.fit(data);
        return (System.nanoTime() - start) / 1e9;
    }
}
