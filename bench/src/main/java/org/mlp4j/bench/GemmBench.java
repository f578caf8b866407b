package org.mlp4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GEMM GFLOP/s of the configured kernels (vector unless {@code -Dmlp4j.kernels=scalar}) on {@link GemmShapes#ALL},
 * 1 and 2 threads ({@code shape} is {@code MxNxK:TRANS}: JMH splits parameter lists on commas). The {@code gflop} secondary result (an operations counter) reads directly as GFLOP/s.
 *
 * <pre>
 * mvn -B -q -pl engine,bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar GemmBench                                   # all shapes, 1 and 2 threads
 * java -jar bench/target/benchmarks.jar GemmBench -p shape=1024x1024x1024:NN -p threads=1
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar bench/target/benchmarks.jar GemmBench -jvm /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
public class GemmBench {

    @Param({
            "64x64x64:NN", "128x128x128:NN", "256x256x256:NN", "512x512x512:NN", "1024x1024x1024:NN",
            "2048x2048x2048:NN",
            "128x128x784:NN", "128x64x128:NN", "128x10x64:NN",
            "784x128x128:TN", "128x64x128:TN", "64x10x128:TN",
            "128x784x128:NT", "128x128x64:NT", "128x64x10:NT",
            "256x1024x784:NN", "256x1024x1024:NN", "256x10x1024:NN",
            "784x1024x256:TN", "1024x1024x256:TN", "1024x10x256:TN",
            "256x784x1024:NT", "256x1024x1024:NT", "256x1024x10:NT"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private GemmShapes.Shape s;
    private Kernels kernels;
    private float[] a, b, c;
    private int lda, ldb;

    /** GFLOP done, counted per second by JMH: the GFLOP/s figure. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        public double gflop;
    }

    @Setup(Level.Trial)
    public void setUp() {
        s = GemmShapes.parse(shape);
        kernels = KernelsProvider.create(threads);
        SplittableRandom r = new SplittableRandom(1);
        a = random(r, s.m * s.k);
        b = random(r, s.k * s.n);
        c = new float[s.m * s.n];
        lda = s.transA ? s.m : s.k;
        ldb = s.transB ? s.k : s.n;
    }

    @Benchmark
    public float[] gemm(Flops flops) {
        kernels.gemm(s.transA, s.transB, s.m, s.n, s.k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, s.n);
        flops.gflop += s.flops() * 1e-9;
        return c;
    }

    private static float[] random(SplittableRandom r, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }
}
