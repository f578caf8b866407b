package org.mlp4j.engine.train;

import org.mlp4j.engine.kernel.Kernels;

/**
 * Updates parameters from their gradients, once per batch. Parameters come as a fixed list of arrays
 * ({@code W1, b1, W2, b2, …}); an optimizer may keep per-parameter state (velocities, moments) sized in
 * {@link #initialize}. {@link #step} must not allocate.
 *
 * <p>The update rules and defaults are PyTorch's ({@code torch.optim}); the README lists them.
 */
public interface Optimizer {

    /** The name recorded in the model file's {@code training.optimizer}. */
    String name();

    /** Called once before the first step with the parameter arrays, in order. */
    void initialize(float[][] parameters);

    /** Applies one update with learning rate {@code learningRate}; {@code gradients[i]} matches {@code parameters[i]}. */
    void step(float[][] parameters, float[][] gradients, float learningRate, Kernels kernels);

    /**
     * Whether the update rule is element-wise, so that {@link #beginStep} followed by {@link #update} over disjoint
     * ranges (on several threads) equals one {@link #step}. The built-in optimizers all are; the trainer then fuses
     * the update with the gradient reduction, each thread on its own range.
     */
    default boolean elementwise() {
        return false;
    }

    /** Starts a step made of {@link #update} calls (advances step counters once). */
    default void beginStep() {
    }

    /**
     * Updates elements {@code [from, to)} of parameter array {@code index} through the kernels' element-wise update
     * loop; see {@link #elementwise()}. Several threads may call this at once on disjoint ranges, with one
     * {@code kernels} (whose element-wise methods keep no state).
     */
    default void update(float[] parameter, float[] gradient, int index, int from, int to, float learningRate,
                        Kernels kernels) {
        throw new UnsupportedOperationException(name() + " updates whole steps only");
    }

    /** The optimizer's state arrays (moments, velocities), in a fixed order, for checkpoints; live, not copies. */
    default float[][] state() {
        return new float[0][];
    }

    /** Steps taken so far (bias corrections depend on it). */
    default long steps() {
        return 0;
    }

    /** Restores {@link #state()} contents and the step count from a checkpoint (after {@link #initialize}). */
    default void restore(float[][] state, long steps) {
        float[][] own = state();
        if (own.length != state.length) {
            throw new IllegalArgumentException(name() + " keeps " + own.length + " state arrays, the checkpoint has "
                    + state.length);
        }
        for (int i = 0; i < own.length; i++) {
            if (own[i].length != state[i].length) {
                throw new IllegalArgumentException(name() + " state array " + i + " holds " + own[i].length
                        + " values, the checkpoint " + state[i].length);
            }
            System.arraycopy(state[i], 0, own[i], 0, own[i].length);
        }
    }
}
