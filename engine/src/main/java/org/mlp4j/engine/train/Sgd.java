package org.mlp4j.engine.train;

import org.mlp4j.engine.kernel.Kernels;

/** Plain (mini-batch) stochastic gradient descent: {@code θ ← θ − η·g} (stateless). */
public final class Sgd implements Optimizer {

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public void initialize(float[][] parameters) {
        // stateless
    }

    @Override
    public void step(float[][] parameters, float[][] gradients, float learningRate, Kernels kernels) {
        for (int i = 0; i < parameters.length; i++) {
            kernels.axpy(parameters[i].length, -learningRate, gradients[i], parameters[i]);
        }
    }
}
