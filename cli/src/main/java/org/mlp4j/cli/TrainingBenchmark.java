package org.mlp4j.cli;

import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Initializer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.NetworkBuilder;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.train.History;
import org.mlp4j.engine.train.Trainer;
import org.mlp4j.engine.train.TrainingOptions;

/**
 * End-to-end training throughput: epochs of minibatch SGD on a ReLU/softmax/ce network, then inference latency at
 * batch 1 and throughput at batch 1000.
 *
 * <p>FLOPs per sample (2 per multiply-add): the forward GEMMs, {@code dW} for every layer and {@code dX} for all but
 * the first — {@code 2·(2·Σ in·out + Σ_{l>1} in·out)}; bias, activation and update loops are not counted.
 */
final class TrainingBenchmark {

    static final class Result {
        int[] widths;
        int batch;
        int threads;
        int epochs;
        double secondsPerEpoch;
        double samplesPerSecond;
        double gflops;
        double latencyMicrosBatch1;
        double inferenceSamplesPerSecondBatch1000;
        String kernels;
        String data;
    }

    static long flopsPerSample(int[] widths) {
        long forward = 0;
        long dx = 0;
        for (int l = 1; l < widths.length; l++) {
            long macs = (long) widths[l - 1] * widths[l];
            forward += macs;
            if (l > 1) {
                dx += macs;
            }
        }
        return 2 * (2 * forward + dx);
    }

    static Network network(int[] widths, long seed) {
        NetworkBuilder b = Network.builder(widths[0]);
        for (int l = 1; l < widths.length - 1; l++) {
            b.dense(widths[l], Activation.RELU);
        }
        return b.dense(widths[widths.length - 1], Activation.SOFTMAX).initializer(Initializer.heNormal()).seed(seed).build();
    }

    /** Warm-up before timing: at least this long, in whole epochs, so that C2 has compiled the vector kernels. */
    private static final long TRAIN_WARM_UP_NANOS = 2_000_000_000L;

    /** Times {@code epochs} epochs (the median is reported) after warm-up epochs lasting at least 2 s. */
    static Result run(Dataset data, int[] widths, int batch, int epochs, Kernels kernels, double learningRate) {
        Network net = network(widths, 1);
        long warmStart = System.nanoTime();
        do {
            new Trainer(net, TrainingOptions.builder().epochs(1).batchSize(batch).learningRate(learningRate)
                    .kernels(kernels).build()).fit(data);
        } while (System.nanoTime() - warmStart < TRAIN_WARM_UP_NANOS);
        Trainer trainer = new Trainer(net, TrainingOptions.builder().epochs(epochs).batchSize(batch)
                .learningRate(learningRate).kernels(kernels).build());
        History h = trainer.fit(data);
        double[] seconds = h.epochs().stream().mapToDouble(s -> s.seconds()).sorted().toArray();
        double median = seconds.length % 2 == 1 ? seconds[seconds.length / 2]
                : (seconds[seconds.length / 2 - 1] + seconds[seconds.length / 2]) / 2;

        Result r = new Result();
        r.widths = widths;
        r.batch = batch;
        r.threads = kernels.threads();
        r.epochs = epochs;
        r.secondsPerEpoch = median;
        r.samplesPerSecond = data.rows() / median;
        r.gflops = flopsPerSample(widths) * (double) data.rows() / median / 1e9;
        r.kernels = kernels.describe();
        r.latencyMicrosBatch1 = latencyMicros(net, data, kernels);
        r.inferenceSamplesPerSecondBatch1000 = throughput(net, data, kernels);
        return r;
    }

    /** Warm-up before each inference measurement: long enough for C2 to compile the prediction path (as JMH would). */
    private static final long WARM_UP_NANOS = 1_000_000_000L;

    /** Median time of one prediction of a single row (a fresh call each time, as an application makes it). */
    private static double latencyMicros(Network net, Dataset data, Kernels kernels) {
        int in = net.inputs();
        float[] row = new float[in];
        int rows = Math.min(data.rows(), 1000);
        long start = System.nanoTime();
        for (int rep = 0; System.nanoTime() - start < WARM_UP_NANOS; rep++) {
            System.arraycopy(data.features(), (rep % rows) * in, row, 0, in);
            net.predict(row, 1, kernels);
        }
        long[] times = new long[5000];
        for (int rep = 0; rep < times.length; rep++) {
            System.arraycopy(data.features(), (rep % rows) * in, row, 0, in);
            long t = System.nanoTime();
            net.predict(row, 1, kernels);
            times[rep] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(times);
        return times[times.length / 2] / 1e3;
    }

    /** Rows per second predicting batches of 1000 rows (median of repeated calls after a timed warm-up). */
    private static double throughput(Network net, Dataset data, Kernels kernels) {
        int in = net.inputs();
        int rows = Math.min(1000, data.rows());
        float[] x = java.util.Arrays.copyOf(data.features(), rows * in);
        long start = System.nanoTime();
        while (System.nanoTime() - start < WARM_UP_NANOS) {
            net.predict(x, rows, kernels);
        }
        double[] rates = new double[31];
        for (int rep = 0; rep < rates.length; rep++) {
            long t = System.nanoTime();
            net.predict(x, rows, kernels);
            rates[rep] = rows / ((System.nanoTime() - t) / 1e9);
        }
        java.util.Arrays.sort(rates);
        return rates[rates.length / 2];
    }
}
