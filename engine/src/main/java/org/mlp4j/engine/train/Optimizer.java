package org.mlp4j.engine.train;

import org.mlp4j.engine.kernel.Kernels;

/**
 * Updates parameters from their gradients, once per batch. Parameters come as a fixed list of arrays
 * ({@code W1, b1, W2, b2, …}); an optimizer may keep per-parameter state (velocities, moments) sized on the first
 * call to {@link #initialize}. Implementations must not allocate in {@link #step}.
 */
public interface Optimizer {

    /** The name recorded in the model file's {@code training.optimizer}. */
    String name();

    /** Called once before the first step with the parameter arrays, in order. */
    void initialize(float[][] parameters);

    /** Applies one update with learning rate {@code learningRate}; {@code gradients[i]} matches {@code parameters[i]}. */
    void step(float[][] parameters, float[][] gradients, float learningRate, Kernels kernels);
}
