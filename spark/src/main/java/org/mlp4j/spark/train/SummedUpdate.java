package org.mlp4j.spark.train;

import org.mlp4j.engine.Network;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.train.Optimizer;

/**
 * The update of the synchronous designs, applied where the summed gradient lands (the driver, or every barrier
 * replica alike), in the trainer's order for one step: the mean over the global batch (L2 is already in the slice
 * gradients), then decoupled weight decay, then the optimizer's rule.
 */
final class SummedUpdate {
    private final TrainingConfig config;
    private final Network network;
    private final float[][] parameters;
    private final float[][] gradients;
    private final Optimizer optimizer;
    private final Kernels kernels;

    SummedUpdate(TrainingConfig config, float[] initial) {
        this.config = config;
        this.network = FlatParameters.network(config, initial);
        this.parameters = FlatParameters.arrays(network);
        this.gradients = new float[parameters.length][];
        for (int i = 0; i < parameters.length; i++) {
            gradients[i] = new float[parameters[i].length];
        }
        this.optimizer = config.optimizer().get();
        this.kernels = KernelsProvider.create(config.threads());
        optimizer.initialize(parameters);
    }

    /** Applies one step with {@code sum / rows} as the gradient; {@code sum} is the partitions' sum in order. */
    void apply(double[] sum, long rows, double learningRate) {
        int at = 0;
        double inv = 1.0 / rows;
        for (float[] g : gradients) {
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) (sum[at++] * inv);
            }
        }
        if (config.weightDecay() > 0) {
            float shrink = (float) (1 - learningRate * config.weightDecay());
            for (float[] p : parameters) {
                kernels.scale(p.length, shrink, p);
            }
        }
        optimizer.step(parameters, gradients, (float) learningRate, kernels);
    }

    float[] parameters() {
        return FlatParameters.flatten(parameters);
    }

    /** The live parameter arrays (for tasks that read them without copying). */
    float[][] parameterArrays() {
        return parameters;
    }
}
