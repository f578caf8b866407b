package org.mlp4j.engine.graph;

/**
 * A user's element-wise function with its derivative, for {@link Tensor#map}: e.g. a clipped quadratic loss or a
 * PDE's nonlinearity. Both are called once per element.
 */
public interface ElementFunction {
    float apply(float x);

    /** {@code d apply(x) / dx}. */
    float derivative(float x);
}
