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
    public void step(float[][] parameters, float[][] gradients, float learningRate, Kernels kernels) {
        for (int i = 0; i < parameters.length; i++) {
            float[] p = parameters[i];
            float[] g = gradients[i];
            float[] s = state[0][i];
            for (int j = 0; j < p.length; j++) {
                float gj = g[j];
                float sj = s[j] + gj * gj;
                s[j] = sj;
                p[j] -= learningRate * gj / ((float) Math.sqrt(sj) + eps);
            }
        }
        steps++;
    }
}
