package org.mlp4j.cli;

import org.mlp4j.engine.Activation;
import org.mlp4j.engine.NetworkBuilder;
import picocli.CommandLine.Option;

/**
 * {@code --batch-norm}: every hidden layer becomes {@code Dense (no bias) → BatchNormalization → activation}, the
 * usual Keras placement (the bias is dropped: β takes its place). Keras's defaults: momentum 0.99, ε 0.001.
 */
final class BatchNormOption {
    @Option(names = "--batch-norm", description = "Batch normalisation before each hidden layer's activation "
            + "(Dense without bias -> BatchNorm -> activation; momentum 0.99, epsilon 0.001).")
    boolean enabled;

    /** Adds one hidden layer of {@code units} with activation {@code f}, normalised when the flag is on. */
    NetworkBuilder hidden(NetworkBuilder b, int units, Activation f) {
        return enabled ? b.denseWithoutBias(units, Activation.IDENTITY).batchNorm(f) : b.dense(units, f);
    }
}
