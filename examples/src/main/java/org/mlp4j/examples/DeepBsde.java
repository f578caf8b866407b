package org.mlp4j.examples;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.Initializer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.Rng;
import org.mlp4j.engine.graph.ElementFunction;
import org.mlp4j.engine.graph.Model;
import org.mlp4j.engine.graph.Parameter;
import org.mlp4j.engine.graph.Subnet;
import org.mlp4j.engine.graph.Tape;
import org.mlp4j.engine.graph.Tensor;
import org.mlp4j.engine.graph.Updater;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.kernel.NormalStream;
import org.mlp4j.engine.train.Adam;

/**
 * The deep BSDE method (Han, Jentzen, E, PNAS 2018) on the Allen–Cahn equation in 100 dimensions, as the authors'
 * TF2 code sets it up: u(0, X₀) is the trainable y₀, ∇u·σ at t = 0 the trainable z₀, and at every later time step
 * a subnet maps X_n to Z_n; the loss compares Y_N with the terminal condition g(X_N).
 *
 * <p>Run it with {@code ./mlp4j example deep-bsde}. The reference value is u(0, X₀) = 0.052802.
 */
public final class DeepBsde {
    static final int D = 100;
    static final int N = 20;
    static final float T = 0.3f;
    static final float DT = T / N;
    static final float SIGMA = (float) Math.sqrt(2);
    static final int BATCH = 64;
    static final int VALIDATION = 256;
    static final float DELTA_CLIP = 50;
    public static final double REFERENCE = 0.052802;

    /** f(y) = y − y³. */
    static final ElementFunction ALLEN_CAHN = new ElementFunction() {
        public float apply(float y) { return y - y * y * y; }
        public float derivative(float y) { return 1 - 3 * y * y; }
    };

    /** δ² inside ±50, linear outside: the reference's clipped quadratic loss. */
    static final ElementFunction CLIPPED_SQUARE = new ElementFunction() {
        public float apply(float d) {
            return Math.abs(d) < DELTA_CLIP ? d * d : 2 * DELTA_CLIP * Math.abs(d) - DELTA_CLIP * DELTA_CLIP;
        }
        public float derivative(float d) {
            return Math.abs(d) < DELTA_CLIP ? 2 * d : 2 * DELTA_CLIP * Math.signum(d);
        }
    };

    /**
     * The run's outcome; {@code phases} are the median microseconds of an iteration's parts over the second half of
     * the run: {@code paths} (drawing the Brownian paths), {@code forward} (recording the loss: the subnets and the
     * recursion), {@code backward} and {@code update} (Adam). The step is made in the backward pass
     * ({@link Tape#backward(Tensor, Updater)}), so {@code backward} includes it and {@code update} is 0.
     */
    public record Result(double y0, double y0Mean, double relativeError, int iterations, double seconds,
                         double msPerIteration, IterationPhases.Medians phases) {
    }

    /** The phases of a training iteration, as {@link Result#phases} names them. */
    public static final List<String> PHASES = List.of("paths", "forward", "backward", "update");

    private final Model model = new Model();
    private final Parameter y0;
    private final Parameter z0;
    private final Subnet[] subnets = new Subnet[N - 1];

    DeepBsde(long seed) {
        Rng rng = new Rng(seed);
        y0 = model.parameter("y0", 1, 1, Initializer.uniform(0.3, 0.6), rng);
        z0 = model.parameter("z0", 1, D, Initializer.uniform(-0.1, 0.1), rng);
        for (int n = 1; n < N; n++) {
            Network net = Network.builder(D)
                    .batchNorm()
                    .denseWithoutBias(D + 10, Activation.IDENTITY).batchNorm(Activation.RELU)
                    .denseWithoutBias(D + 10, Activation.IDENTITY).batchNorm(Activation.RELU)
                    .dense(D, Activation.IDENTITY).batchNorm()
                    .initializer(Initializer.glorotUniform())
                    .gammaInitializer(Initializer.uniform(0.1, 0.5))
                    .betaInitializer(Initializer.normal(0.1))
                    .batchNormSettings(0.99, 1e-6)
                    .seed(rng.nextLong())
                    .build();
            subnets[n - 1] = model.subnet("subnet" + n, net);
        }
    }

    /**
     * Brownian increments ΔW_n and the paths X_n = X₀ + σ·Σ ΔW for {@code rows} samples. Each time step draws from
     * its own {@link NormalStream} (through the kernels, vectorised like torch.randn), seeded once, so the paths
     * depend on the seed only.
     */
    static final class Paths {
        final int rows;
        final float[][] dw = new float[N][];
        final float[][] x = new float[N + 1][];
        final float[] terminal;
        private final NormalStream[] streams = new NormalStream[N];

        Paths(int rows, SplittableRandom seeds) {
            this.rows = rows;
            for (int n = 0; n < N; n++) {
                dw[n] = new float[rows * D];
                streams[n] = new NormalStream(seeds.nextLong());
            }
            for (int n = 0; n <= N; n++) {
                x[n] = new float[rows * D];
            }
            terminal = new float[rows];
        }

        /** Draws fresh paths. */
        void sample(Kernels k) {
            k.normal(streams, dw, 0, rows * D, (float) Math.sqrt(DT));   // the N streams, split across threads
            for (int n = 0; n < N; n++) {
                float[] w = dw[n];
                float[] from = x[n];
                float[] to = x[n + 1];
                for (int i = 0; i < w.length; i++) {
                    to[i] = from[i] + SIGMA * w[i];
                }
            }
            for (int r = 0; r < rows; r++) {   // g(X_N) = 0.5 / (1 + 0.2·|X_N|²)
                float sq = 0;
                for (int j = 0; j < D; j++) {
                    float v = x[N][r * D + j];
                    sq += v * v;
                }
                terminal[r] = 0.5f / (1 + 0.2f * sq);
            }
        }
    }

    /** The loss of one batch of paths, recorded on {@code tape}: the recursion written as ordinary code. */
    Tensor loss(Tape tape, Paths p) {
        // X does not depend on the networks: the N−1 subnets run as one operation, in parallel over the threads
        Tensor[] xs = new Tensor[N - 1];
        for (int n = 1; n < N; n++) {
            xs[n - 1] = tape.input(p.x[n], p.rows, D);
        }
        Tensor[] subnetOut = tape.apply(subnets, xs);
        Tensor y = tape.parameter(y0);
        for (int n = 0; n < N; n++) {
            Tensor dw = tape.input(p.dw[n], p.rows, D);
            // Z_n·ΔW_n row by row: z₀ first, then Z_n = subnet_n(X_n) / d, the 1/d applied to the row's dot product
            Tensor zdw = n == 0 ? tape.parameter(z0).rowDot(dw) : subnetOut[n - 1].rowDot(dw).scale(1f / D);
            y = y.sub(y.map(ALLEN_CAHN).scale(DT)).add(zdw);
        }
        Tensor delta = y.sub(tape.input(p.terminal, p.rows, 1));
        return delta.map(CLIPPED_SQUARE).mean();
    }

    /** Trains for {@code iterations} steps, logging every 100 (and the last) through {@code log}. */
    public static Result run(int iterations, long seed, int threads, Consumer<String> log) {
        Kernels kernels = KernelsProvider.create(threads);
        DeepBsde bsde = new DeepBsde(seed);
        Updater adam = new Updater(bsde.model.trainableParameters(), new Adam(0.9, 0.999, 1e-8, false), 5e-4, kernels);
        SplittableRandom seeds = new SplittableRandom(seed);
        Paths validation = new Paths(VALIDATION, seeds);
        validation.sample(kernels);
        Paths batch = new Paths(BATCH, seeds);
        Tape tape = new Tape(kernels);
        Tape validationTape = new Tape(kernels);
        double sum = 0;
        int count = 0;
        IterationPhases phases = new IterationPhases(iterations, PHASES.toArray(new String[0]));
        long start = System.nanoTime();
        for (int step = 0; step <= iterations; step++) {
            if (step % 100 == 0 || step == iterations) {
                float loss = bsde.loss(validationTape.reset(false), validation).item();
                double seconds = (System.nanoTime() - start) / 1e9;
                log.accept(String.format("step %5d  loss %.4e  y0 %.6f  %.1f s", step, loss, bsde.y0.item(), seconds));
                if (step >= iterations - 1000) {
                    sum += bsde.y0.item();
                    count++;
                }
            }
            if (step < iterations) {
                phases.start();
                batch.sample(kernels);
                phases.lap(0);
                Tensor loss = bsde.loss(tape.reset(true), batch);
                phases.lap(1);
                tape.backward(loss, adam);   // Adam's step, each subnet's as soon as its gradients are final
                phases.lap(2);
                phases.lap(3);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double mean = sum / count;
        return new Result(bsde.y0.item(), mean, Math.abs(mean - REFERENCE) / REFERENCE, iterations, seconds,
                iterations == 0 ? 0 : 1000 * seconds / iterations, phases.medians());
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        Result r = run(iterations, 1, Runtime.getRuntime().availableProcessors(), System.out::println);
        System.out.println(r);
    }
}
