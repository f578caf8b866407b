package org.mlp4j.engine.train;

import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.parallel.Shares;

/**
 * What happens to a batch's gradients between backpropagation and the optimizer: L2 on the weight gradients,
 * global-norm clipping, and decoupled weight decay of the parameters. {@link #regularize} does it on the whole
 * gradient; {@link #updateRange} does the same per element on one range, fused with the summing of a data-parallel
 * step's slices and the optimizer's update (possible only without clipping, which needs the global norm first).
 */
final class GradientTransform {
    /** Sums the data-parallel slices' gradients of parameter array {@code i} into its range {@code [lo, hi)}. */
    @FunctionalInterface
    interface RangeSum {
        void sum(int i, int lo, int hi);
    }

    private final TrainingOptions options;
    private final Kernels kernels;
    private final float[][] parameters;
    private final float[][] gradients;
    /** For a network that is not plain: which parameter arrays are weight matrices (L2 applies to them only). */
    private final boolean[] weights;

    /** {@code weights}: null for a plain network, whose weight matrices are the even-numbered arrays. */
    GradientTransform(TrainingOptions options, Kernels kernels, float[][] parameters, float[][] gradients,
                      boolean[] weights) {
        this.options = options;
        this.kernels = kernels;
        this.parameters = parameters;
        this.gradients = gradients;
        this.weights = weights;
    }

    /** Whether gradients are clipped to a global norm (which rules out the fused range update). */
    boolean clips() {
        return options.clipNorm() > 0;
    }

    /** L2 on the weight gradients, global-norm clipping, decoupled decay; returns the L2 term of the loss. */
    double regularize(double learningRate) {
        double penalty = 0;
        float l2 = (float) options.l2();
        if (l2 > 0) {
            for (int i = 0; i < parameters.length; i += weights == null ? 2 : 1) {
                if (weights != null && !weights[i]) {
                    continue;
                }
                penalty += 0.5 * l2 * kernels.sumOfSquares(parameters[i].length, parameters[i]);
                kernels.axpy(parameters[i].length, l2, parameters[i], gradients[i]);
            }
        }
        ClipByGlobalNorm.apply(kernels, gradients, options.clipNorm());
        double wd = options.weightDecay();
        if (wd > 0) {
            // on every parameter, biases included, as torch.optim.AdamW and Keras's AdamW do
            float shrink = (float) (1 - learningRate * wd);
            for (int i = 0; i < parameters.length; i++) {
                kernels.scale(parameters[i].length, shrink, parameters[i]);
            }
        }
        return penalty;
    }

    /**
     * Sum, L2, decoupled decay and the optimizer's element-wise update on part {@code part} of {@code parts} of every
     * array of a plain network: what {@link #regularize} followed by {@link Optimizer#step} does, without a pass on
     * one thread. Returns this part's share of the L2 term of the loss. The L2 step is {@link Kernels#l2Gradient}
     * ({@code g += l2·p}, unfused) where {@link #regularize} uses {@link Kernels#axpy}, which the vector kernels fuse
     * into an fma: with vector kernels the two paths round L2 differently (scalar kernels give the same bits). Kept
     * so, because making them one would change the models either path trains.
     */
    double updateRange(int part, int parts, float learningRate, RangeSum reduce, Optimizer optimizer) {
        float l2 = (float) options.l2();
        double wd = options.weightDecay();
        float shrink = (float) (1 - learningRate * wd);
        double pen = 0;
        for (int i = 0; i < parameters.length; i++) {
            float[] p = parameters[i];
            float[] g = gradients[i];
            int lo = Shares.start(p.length, part, parts);
            int hi = Shares.start(p.length, part + 1, parts);
            reduce.sum(i, lo, hi);
            if (l2 > 0 && i % 2 == 0) {
                pen += 0.5 * l2 * kernels.l2Gradient(p, g, lo, hi - lo, l2);
            }
            if (wd > 0) {
                kernels.decay(p, lo, hi - lo, shrink);
            }
            optimizer.update(p, g, i, lo, hi, learningRate, kernels);
        }
        return pen;
    }
}
