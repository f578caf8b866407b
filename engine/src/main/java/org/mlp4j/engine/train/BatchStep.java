package org.mlp4j.engine.train;

import org.mlp4j.engine.Network;
import org.mlp4j.engine.Targets;
import org.mlp4j.engine.data.Dataset;
import org.mlp4j.engine.kernel.Kernels;

/**
 * One gradient step on a batch whose dropout masks are drawn: forward and backward, the {@link GradientTransform},
 * and the optimizer's update. {@link WholeBatchStep} runs the batch whole through GEMM-parallel kernels;
 * {@link DataParallelStep} splits it into one slice per thread.
 */
interface BatchStep {
    /** The most rows a step takes without {@link #allocate}; negative before the first. */
    int capacity();

    /** Buffers for batches of up to {@code rows} rows (allocated here, so a warm step allocates nothing). */
    void allocate(int rows);

    /**
     * One step on the rows {@code order[from .. from+count)} of {@code data}, with the drawn {@code masks}; returns
     * the batch loss (the L2 term included) computed before the update.
     */
    double run(Dataset data, Targets targets, int[] order, int from, int count, double learningRate);

    /** Rows the last step classified correctly. */
    long correct();

    /**
     * The step for {@code network}: data-parallel where {@link DataParallelStep#chosenFor} says so (never with batch
     * normalisation, which couples a batch's rows and so trains on whole batches), otherwise whole batches.
     */
    static BatchStep create(Network network, Kernels kernels, float[][] parameters, float[][] gradients,
                            DropoutMasks dropout, GradientTransform transform, Optimizer optimizer) {
        WholeBatchStep whole = new WholeBatchStep(network, kernels, parameters, gradients, dropout, transform, optimizer);
        if (network.isPlain() && DataParallelStep.chosenFor(kernels)) {
            return new DataParallelStep(network, kernels, parameters, gradients, dropout, transform, optimizer, whole);
        }
        return whole;
    }
}
