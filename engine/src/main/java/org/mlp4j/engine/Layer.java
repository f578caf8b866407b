package org.mlp4j.engine;

/**
 * One layer of a {@link Network}'s stack: a {@link DenseLayer} or a {@link BatchNormLayer}. Each maps
 * {@code rows × inputs()} to {@code rows × units()} and ends in its own activation.
 */
public sealed interface Layer permits DenseLayer, BatchNormLayer {
    int inputs();

    int units();

    Activation activation();

    /** The leaky-relu slope (ignored by other activations). */
    float alpha();

    /** Trainable values (weights, biases, γ, β); batch normalisation's moving statistics are not counted. */
    int parameterCount();

    /** A deep copy with its own arrays. */
    Layer copy();
}
