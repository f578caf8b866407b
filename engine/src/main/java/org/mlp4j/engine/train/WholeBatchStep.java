package org.mlp4j.engine.train;

import org.mlp4j.engine.Network;
import org.mlp4j.engine.Targets;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.Kernels;

/** A step on the whole batch at once: one {@link Backprop} through the trainer's (GEMM-parallel) kernels. */
final class WholeBatchStep implements BatchStep {
    private final Network network;
    private final Kernels kernels;
    private final float[][] parameters;
    private final float[][] gradients;
    private final DropoutMasks dropout;
    private final GradientTransform transform;
    private final Optimizer optimizer;
    private Backprop backprop;
    private long correct;

    WholeBatchStep(Network network, Kernels kernels, float[][] parameters, float[][] gradients, DropoutMasks dropout,
                   GradientTransform transform, Optimizer optimizer) {
        this.network = network;
        this.kernels = kernels;
        this.parameters = parameters;
        this.gradients = gradients;
        this.dropout = dropout;
        this.transform = transform;
        this.optimizer = optimizer;
    }

    @Override
    public int capacity() {
        return backprop == null ? -1 : backprop.capacity();
    }

    @Override
    public void allocate(int rows) {
        backprop = new Backprop(network, kernels, rows, gradients, dropout.rates);
    }

    @Override
    public double run(Dataset data, Targets targets, int[] order, int from, int count, double learningRate) {
        backprop.run(data, targets, order, from, 0, count, count, dropout.masks);
        correct = backprop.correct;
        double loss = backprop.loss + transform.regularize(learningRate);
        optimizer.step(parameters, gradients, (float) learningRate, kernels);
        return loss;
    }

    @Override
    public long correct() {
        return correct;
    }
}
