package org.mlp4j.cli;

import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Network;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.parallel.WorkerPool;

/** Small pieces every command shares. */
final class Cli {
    private Cli() {
    }

    /**
     * {@code --threads T}: sizes the shared worker pool before anything starts it (the pool is made once per process,
     * with {@code mlp4j.threads} workers).
     */
    static void applyThreads(Integer threads) {
        if (threads == null) {
            return;
        }
        if (threads < 1) {
            throw new UsageException("--threads must be >= 1, got " + threads);
        }
        if (System.getProperty("mlp4j.threads") == null) {
            System.setProperty("mlp4j.threads", Integer.toString(Math.max(threads, Runtime.getRuntime().availableProcessors())));
        }
    }

    static Kernels kernels(Integer threads) {
        return KernelsProvider.create(threads == null ? WorkerPool.defaultSize() : threads);
    }

    /** {@code 64-128(relu)-64(relu)-10(softmax), loss ce}. */
    static String describe(Network net) {
        StringBuilder sb = new StringBuilder().append(net.inputs());
        for (org.mlp4j.engine.Layer l : net.stack()) {
            boolean bn = l instanceof org.mlp4j.engine.BatchNormLayer;
            boolean noBias = l instanceof DenseLayer d && !d.hasBias();
            sb.append('-').append(bn ? "bn" : Integer.toString(l.units())).append('(').append(l.activation())
                    .append(noBias ? ", no bias" : "").append(')');
        }
        return sb.append(", loss ").append(net.loss()).toString();
    }
}
