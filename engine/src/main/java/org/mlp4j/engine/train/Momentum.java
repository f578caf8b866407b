package org.mlp4j.engine.train;

import org.mlp4j.engine.kernel.Kernels;

/**
 * SGD with momentum, PyTorch's form ({@code torch.optim.SGD}, dampening 0): {@code v ← μ·v + g}, then
 * {@code θ ← θ − η·v}, or with Nesterov {@code θ ← θ − η·(g + μ·v)}. Default μ = 0.9.
 */
public final class Momentum extends SlotOptimizer {
    private final float momentum;
    private final boolean nesterov;

    public Momentum(double momentum, boolean nesterov) {
        super(1);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = (float) momentum;
        this.nesterov = nesterov;
    }

    @Override
    public String name() {
        return nesterov ? "nesterov" : "momentum";
    }

    public float momentum() {
        return momentum;
    }

    @Override
    public void update(float[] p, float[] g, int index, int from, int to, float learningRate, Kernels kernels) {
        kernels.momentumUpdate(p, g, state[0][index], from, to - from, learningRate, momentum, nesterov);
    }
}
