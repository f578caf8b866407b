package org.mlp4j.formats;

import java.nio.file.Path;
import java.util.Arrays;
import org.mlp4j.engine.data.Dataset;

/**
 * Not a test: times {@link DataReaders#read} on real files. Run from the module directory after
 * {@code mvn test-compile}:
 * <pre>
 * java -cp target/classes:target/test-classes:../engine/target/classes:$JACKSON \
 *      org.mlp4j.formats.ReadBenchmark 7 /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz mnist_train.csv
 * </pre>
 * The first run of each file is the cold-JVM figure; the median is over all runs.
 */
public final class ReadBenchmark {
    private ReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        for (int f = 1; f < args.length; f++) {
            Path file = Path.of(args[f]);
            double[] ms = new double[runs];
            double[] cpu = new double[runs];
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            Dataset d = null;
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                d = DataReaders.read(file, ReadOptions.defaults());
                cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            double first = ms[0];
            Arrays.sort(ms);
            Arrays.sort(cpu);
            // On a loaded machine the reading thread's CPU time is the steadier figure (no waiting for a core).
            System.out.printf("%s: %s; first %.0f ms, median %.0f ms, min %.0f ms over %d runs; reading thread's CPU"
                    + " time median %.0f ms%n", file.getFileName(), d, first, ms[runs / 2], ms[0], runs, cpu[runs / 2]);
        }
    }
}
