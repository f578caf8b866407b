/**
 * The kernel seam: every arithmetic loop of training and inference goes through {@link org.mlp4j.engine.kernel.Kernels}.
 * {@link org.mlp4j.engine.kernel.ScalarKernels} is the reference; {@link org.mlp4j.engine.kernel.KernelsProvider}
 * picks the Vector API kernels when the incubator module is present.
 */
package org.mlp4j.engine.kernel;
