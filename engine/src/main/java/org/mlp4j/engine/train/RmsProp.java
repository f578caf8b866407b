package org.mlp4j.engine.train;

import org.mlp4j.engine.kernel.Kernels;

/** RMSprop ({@code torch.optim.RMSprop}): {@code s ← αs + (1−α)g²}, {@code θ ← θ − η·g/(√s + ε)}; α = 0.99, ε = 1e-8. */
public final class RmsProp extends SlotOptimizer {
    private final float alpha;
    private final float eps;

    public RmsProp(double alpha, double eps) {
        super(1);
        if (!(alpha >= 0 && alpha < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("RMSprop needs 0 <= alpha < 1 and eps > 0");
        }
        this.alpha = (float) alpha;
        this.eps = (float) eps;
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public void update(float[] p, float[] g, int index, int from, int to, float learningRate, Kernels kernels) {
        kernels.rmsPropUpdate(p, g, state[0][index], from, to - from, learningRate, alpha, eps);
    }
}
