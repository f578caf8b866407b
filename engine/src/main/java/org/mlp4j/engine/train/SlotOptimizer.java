package org.mlp4j.engine.train;

import org.mlp4j.engine.kernel.Kernels;

/**
 * An optimizer that keeps {@code slots} state arrays per parameter (a velocity, or first and second moments), all
 * shaped like the parameter and starting at zero, plus a step count: the bookkeeping — allocation, checkpoint
 * state, restore — shared by every stateful optimizer, so each one is only its update rule.
 */
public abstract class SlotOptimizer implements Optimizer {
    private final int slots;
    /** {@code state[s][i]}: slot {@code s} of parameter {@code i}. */
    protected float[][][] state;
    protected long steps;

    protected SlotOptimizer(int slots) {
        this.slots = slots;
    }

    @Override
    public final void initialize(float[][] parameters) {
        state = new float[slots][parameters.length][];
        for (int s = 0; s < slots; s++) {
            for (int i = 0; i < parameters.length; i++) {
                state[s][i] = new float[parameters[i].length];
            }
        }
    }

    /** A whole step: {@link #beginStep}, then {@link #update} over every array. */
    @Override
    public final void step(float[][] parameters, float[][] gradients, float learningRate, Kernels kernels) {
        beginStep();
        for (int i = 0; i < parameters.length; i++) {
            update(parameters[i], gradients[i], i, 0, parameters[i].length, learningRate, kernels);
        }
    }

    @Override
    public final boolean elementwise() {
        return true;
    }

    @Override
    public void beginStep() {
        steps++;
    }

    /** Slot-major: slot 0 of every parameter, then slot 1, … (live arrays). */
    @Override
    public final float[][] state() {
        int params = state.length == 0 ? 0 : state[0].length;
        float[][] flat = new float[slots * params][];
        for (int s = 0; s < slots; s++) {
            System.arraycopy(state[s], 0, flat, s * params, params);
        }
        return flat;
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final void restore(float[][] saved, long savedSteps) {
        Optimizer.super.restore(saved, savedSteps);
        this.steps = savedSteps;
    }
}
