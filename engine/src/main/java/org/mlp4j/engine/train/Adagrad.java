package org.mlp4j.engine.train;

import org.mlp4j.engine.kernel.Kernels;

/** Adagrad ({@code torch.optim.Adagrad}): {@code s ← s + g²}, {@code θ ← θ − η·g/(√s + ε)}; ε = 1e-10, s starts at 0. */
public final class Adagrad extends SlotOptimizer {
    private final float eps;

    public Adagrad(double eps) {
        super(1);
        if (!(eps > 0)) {
            throw new IllegalArgumentException("Adagrad needs eps > 0");
        }
        this.eps = (float) eps;
    }

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    public void update(float[] p, float[] g, int index, int from, int to, float learningRate, Kernels kernels) {
        kernels.adagradUpdate(p, g, state[0][index], from, to - from, learningRate, eps);
    }
}
