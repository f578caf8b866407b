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
 * 1 and 2 threads. The {@code gflop} secondary result (an operations counter) reads directly as GFLOP/s.
 *
 * <pre>
 * mvn -B -q -pl engine,bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar GemmBench                                   # all shapes, 1 and 2 threads
 * java -jar bench/target/benchmarks.jar GemmBench -p shape=1024,1024,1024,NN -p threads=1
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
            "64,64,64,NN", "128,128,128,NN", "256,256,256,NN", "512,512,512,NN", "1024,1024,1024,NN",
            "2048,2048,2048,NN",
            "128,128,784,NN", "128,64,128,NN", "128,10,64,NN",
            "784,128,128,TN", "128,64,128,TN", "64,10,128,TN",
            "128,784,128,NT", "128,128,64,NT", "128,64,10,NT",
            "256,1024,784,NN", "256,1024,1024,NN", "256,10,1024,NN",
            "784,1024,256,TN", "1024,1024,256,TN", "1024,10,256,TN",
            "256,784,1024,NT", "256,1024,1024,NT", "256,1024,10,NT"})
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
