package org.mlp4j.engine.train;

import org.mlp4j.engine.kernel.Kernels;

/**
 * Adam ({@code torch.optim.Adam}): {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²},
 * {@code θ ← θ − η·m̂/(√v̂ + ε)} with {@code m̂ = m/(1−β₁ᵗ)}, {@code v̂ = v/(1−β₂ᵗ)}. Defaults β₁ = 0.9, β₂ = 0.999,
 * ε = 1e-8. AdamW is this optimizer plus the trainer's decoupled weight decay (applied before the update, as
 * {@code torch.optim.AdamW} does).
 */
public final class Adam extends SlotOptimizer {
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final boolean decoupled;

    public Adam(double beta1, double beta2, double eps, boolean decoupledWeightDecay) {
        super(2);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("Adam needs 0 <= beta1, beta2 < 1 and eps > 0");
        }
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.eps = (float) eps;
        this.decoupled = decoupledWeightDecay;
    }

    @Override
    public String name() {
        return decoupled ? "adamw" : "adam";
    }

    @Override
    public void step(float[][] parameters, float[][] gradients, float learningRate, Kernels kernels) {
        steps++;
        // bias corrections in double, folded into the step size and ε as PyTorch does
        double c1 = 1 - Math.pow(beta1, steps);
        double c2 = 1 - Math.pow(beta2, steps);
        float stepSize = (float) (learningRate / c1);
        float sqrtC2 = (float) Math.sqrt(c2);
        for (int i = 0; i < parameters.length; i++) {
            float[] p = parameters[i];
            float[] g = gradients[i];
            float[] mi = state[0][i];
            float[] vi = state[1][i];
            for (int j = 0; j < p.length; j++) {
                float gj = g[j];
                float mj = beta1 * mi[j] + (1 - beta1) * gj;
                float vj = beta2 * vi[j] + (1 - beta2) * gj * gj;
                mi[j] = mj;
                vi[j] = vj;
                p[j] -= stepSize * mj / ((float) Math.sqrt(vj) / sqrtC2 + eps);
            }
        }
    }
}
