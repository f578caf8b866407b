package org.mlp4j.engine.train;

import org.mlp4j.engine.kernel.Kernels;

/** Plain (mini-batch) stochastic gradient descent: {@code θ ← θ − η·g} (no state). */
public final class Sgd extends SlotOptimizer {

    public Sgd() {
        super(0);
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public void update(float[] p, float[] g, int index, int from, int to, float learningRate, Kernels kernels) {
        kernels.sgdUpdate(p, g, from, to - from, learningRate);
    }
}
