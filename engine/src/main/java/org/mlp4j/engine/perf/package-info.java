/**
 * Throughput measurements the {@code mlp4j bench} command prints: the machine's FMA peak ({@link
 * org.mlp4j.engine.perf.PeakFlops}) and GEMM GFLOP/s ({@link org.mlp4j.engine.perf.GemmBenchmark}). The vector parts
 * live in the vector kernel package and are reached through {@link org.mlp4j.engine.kernel.VectorSupport}, so this package runs (on scalar code) without
 * {@code jdk.incubator.vector}.
 */
package org.mlp4j.engine.perf;
