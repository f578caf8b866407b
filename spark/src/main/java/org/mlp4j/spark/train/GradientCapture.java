package org.mlp4j.spark.train;

import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.train.Optimizer;

/**
 * An "optimizer" that leaves the parameters alone and keeps a copy of the gradients it is handed: a task's trainer
 * then computes the (L2-regularised, batch-mean) gradient of its slice with the engine's own backprop, and the real
 * update happens once, on the summed gradient.
 */
final class GradientCapture implements Optimizer {
    private float[][] captured;

    @Override
    public String name() {
        return "gradient-capture";
    }

    @Override
    public void initialize(float[][] parameters) {
        captured = new float[parameters.length][];
        for (int i = 0; i < parameters.length; i++) {
            captured[i] = new float[parameters[i].length];
        }
    }

    @Override
    public void step(float[][] parameters, float[][] gradients, float learningRate, Kernels kernels) {
        for (int i = 0; i < gradients.length; i++) {
            System.arraycopy(gradients[i], 0, captured[i], 0, gradients[i].length);
        }
    }

    /** The gradients of the last step, live. */
    float[][] gradients() {
        return captured;
    }
}
