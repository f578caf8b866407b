package org.mlp4j.engine.kernel.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import org.junit.jupiter.api.Test;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.data.Synthetic;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.kernel.NormalStream;
import org.mlp4j.engine.train.Adam;
import org.mlp4j.engine.train.Optimizer;
import org.mlp4j.engine.train.RmsProp;
import org.mlp4j.engine.train.Trainer;
import org.mlp4j.engine.train.TrainingOptions;

/**
 * Every Vector API operation the kernels run has its cache entry filled when the vector kernels load, so that no
 * compiled kernel is ever the first to use one (see {@link OperationCaches} for what that costs). The test reads the
 * API's caches (the test JVM opens {@code jdk.incubator.vector} for it), trains networks that reach every
 * element-wise activation, batch normalisation, Adam, RMSprop and both thread counts, predicts, draws normals, and
 * requires that training filled no entry the priming had left empty. A kernel that starts using a new operation
 * fails here until {@link OperationCaches} lists it.
 */
class OperationCachesTest {

    @Test
    void theKernelsUseNoOperationThatLoadingThemDidNotPrime() throws Exception {
        KernelsProvider.create("vector", 1); // loads VectorKernels, which primes
        Map<String, Integer> primed = filledEntries();
        assertFalse(primed.isEmpty(), "no operation cache found: has the Vector API's layout changed?");

        for (int threads = 1; threads <= 2; threads++) {
            Kernels k = KernelsProvider.create("vector", threads);
            train(Network.builder(20).dense(16, Activation.RELU).dense(13, Activation.TANH)
                    .dense(11, Activation.SIGMOID).dense(9, Activation.LEAKY_RELU).dense(8, Activation.IDENTITY)
                    .dense(3, Activation.SOFTMAX).seed(1).build(), k, () -> new Adam(0.9, 0.999, 1e-7, false));
            train(Network.builder(20).batchNorm().dense(17, Activation.TANH).batchNorm(Activation.RELU)
                    .dense(3, Activation.SOFTMAX).seed(2).build(), k, () -> new RmsProp(0.9, 1e-7));
            float[] normals = new float[1000];
            k.normal(new NormalStream(5), normals, 0, normals.length, 1f);
        }
        assertEquals(primed, filledEntries(), "operations first used after the kernels loaded");
    }

    private static void train(Network net, Kernels k, Supplier<Optimizer> optimizer) {
        Dataset data = Synthetic.blobs(96, 20, 3, 3);
        new Trainer(net, TrainingOptions.builder().epochs(2).batchSize(32).optimizer(optimizer).kernels(k).build())
                .fit(data);
        net.predict(data.features(), data.rows(), k);
    }

    /** Per cache (class and field), how many of its entries are filled. */
    private static Map<String, Integer> filledEntries() throws Exception {
        Map<String, Integer> filled = new TreeMap<>();
        for (Class<?> vectors : new Class<?>[]{FloatVector.class, IntVector.class}) {
            for (Field f : vectors.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || !f.getType().getName().endsWith("ImplCache")) {
                    continue;
                }
                f.setAccessible(true);
                Object cache = f.get(null);
                Field entries = cache.getClass().getDeclaredField("cache");
                entries.setAccessible(true);
                int n = 0;
                for (Object e : (Object[]) entries.get(cache)) {
                    n += e != null ? 1 : 0;
                }
                filled.put(vectors.getSimpleName() + "." + f.getName(), n);
            }
        }
        return filled;
    }
}
