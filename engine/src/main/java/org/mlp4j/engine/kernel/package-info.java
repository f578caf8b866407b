/**
 * The kernel seam: the arithmetic loops of a dense network's training step and inference go through
 * {@link org.mlp4j.engine.kernel.Kernels} — GEMM, the bias-and-activation epilogue, the activation derivatives, the
 * loss and its gradient, column sums, the optimizer updates, the L2 gradient and decoupled decay, clipping's norm and
 * scaling, the dropout mask, batch normalisation's column statistics and backward, the graph tape's products, scalings
 * and accumulations, and normal sampling ({@link org.mlp4j.engine.kernel.NormalStream}). {@link org.mlp4j.engine.kernel.ScalarKernels} is the reference;
 * {@link org.mlp4j.engine.kernel.KernelsProvider} picks the Vector API kernels when the incubator module is present,
 * and they implement the interface on their own, delegating to the reference only where they say so.
 *
 * <p>Still plain loops outside the seam: the tape's user functions ({@code map}), division, row sums and the
 * broadcasts that are not a row against a row ({@code org.mlp4j.engine.graph}), the sum of the data-parallel slices'
 * gradients, drawing the dropout masks, and the metrics of {@code org.mlp4j.engine.eval}.
 *
 * <p>{@link org.mlp4j.engine.kernel.KernelSettings} is the one place the engine reads {@code -Dmlp4j.*} properties.
 */
package org.mlp4j.engine.kernel;
