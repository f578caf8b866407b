/** Kernels on the JDK Vector API ({@code jdk.incubator.vector}); the only package that imports it. */
package org.mlp4j.engine.kernel.vector;
