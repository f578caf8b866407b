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

    /** Bias corrections for this step, computed once in double (PyTorch folds them the same way). */
    private double c1;
    private float sqrtC2;

    @Override
    public void beginStep() {
        super.beginStep();
        c1 = 1 - Math.pow(beta1, steps);
        sqrtC2 = (float) Math.sqrt(1 - Math.pow(beta2, steps));
    }

    @Override
    public void update(float[] p, float[] g, int index, int from, int to, float learningRate, Kernels kernels) {
        float stepSize = (float) (learningRate / c1);
        kernels.adamUpdate(p, g, state[0][index], state[1][index], from, to - from, stepSize, beta1, beta2, sqrtC2, eps);
    }
}
