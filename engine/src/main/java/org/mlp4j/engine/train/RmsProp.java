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
    public void step(float[][] parameters, float[][] gradients, float learningRate, Kernels kernels) {
        for (int i = 0; i < parameters.length; i++) {
            float[] p = parameters[i];
            float[] g = gradients[i];
            float[] s = state[0][i];
            for (int j = 0; j < p.length; j++) {
                float gj = g[j];
                float sj = alpha * s[j] + (1 - alpha) * gj * gj;
                s[j] = sj;
                p[j] -= learningRate * gj / ((float) Math.sqrt(sj) + eps);
            }
        }
        steps++;
    }
}
