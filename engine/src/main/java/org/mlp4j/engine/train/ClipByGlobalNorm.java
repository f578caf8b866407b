package org.mlp4j.engine.train;

import org.mlp4j.engine.kernel.Kernels;

/**
 * Gradient clipping by the global norm, {@code torch.nn.utils.clip_grad_norm_}: when the L2 norm of all gradients
 * together exceeds {@code maxNorm}, every gradient is scaled by {@code maxNorm / (norm + 1e-6)}. The norm is summed
 * array by array in order, in double, so the result does not depend on threads. Used by the trainer's
 * {@link GradientTransform} and by composite models' {@code graph.Updater}.
 */
public final class ClipByGlobalNorm {
    private ClipByGlobalNorm() {
    }

    /** Clips {@code gradients} in place; {@code maxNorm <= 0} leaves them alone. */
    public static void apply(Kernels kernels, float[][] gradients, double maxNorm) {
        if (maxNorm <= 0) {
            return;
        }
        double sum = 0;
        for (float[] g : gradients) {
            sum += kernels.sumOfSquares(g.length, g);
        }
        double norm = Math.sqrt(sum);
        if (norm > maxNorm) {
            float s = (float) (maxNorm / (norm + 1e-6));
            for (float[] g : gradients) {
                kernels.scale(g.length, s, g);
            }
        }
    }
}
