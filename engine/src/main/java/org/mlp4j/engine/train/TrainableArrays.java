package org.mlp4j.engine.train;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Network;

/**
 * The trainer's parameter arrays, with a gradient array of the same size for each. For a plain network:
 * {@code W1, b1, W2, b2, …}, whose weight matrices are the even-numbered arrays. For a network with batch
 * normalisation or bias-free layers: the order {@link org.mlp4j.engine.StackPass#backward} fills gradients,
 * {@link Network#parameterArrays()}, and a flag per array saying which are weight matrices.
 */
final class TrainableArrays {
    final float[][] parameters;
    final float[][] gradients;
    /** Which arrays are weight matrices (L2 applies to them only); null for a plain network. */
    final boolean[] weights;

    private TrainableArrays(float[][] parameters, float[][] gradients, boolean[] weights) {
        this.parameters = parameters;
        this.gradients = gradients;
        this.weights = weights;
    }

    /** The arrays of {@code network}, trained with {@code options} (which must not ask for dropout a stack lacks). */
    static TrainableArrays of(Network network, TrainingOptions options) {
        if (!network.isPlain()) {
            return new TrainableArrays(network, options);
        }
        List<DenseLayer> layers = network.layers();
        float[][] parameters = new float[2 * layers.size()][];
        float[][] gradients = new float[2 * layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            parameters[2 * l] = layer.weights();
            parameters[2 * l + 1] = layer.bias();
            gradients[2 * l] = new float[layer.weights().length];
            gradients[2 * l + 1] = new float[layer.bias().length];
        }
        return new TrainableArrays(parameters, gradients, null);
    }

    private TrainableArrays(Network network, TrainingOptions options) {
        for (double rate : options.dropout()) {
            if (rate > 0) {
                throw new IllegalArgumentException("dropout is not supported with batch normalisation or bias-free layers");
            }
        }
        List<float[]> arrays = network.parameterArrays();
        // the weight matrices (L2 applies to them only) are the dense layers' first arrays
        Set<float[]> weightArrays = Collections.newSetFromMap(new IdentityHashMap<>());
        for (DenseLayer d : network.layers()) {
            weightArrays.add(d.weights());
        }
        parameters = arrays.toArray(new float[0][]);
        gradients = new float[parameters.length][];
        weights = new boolean[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            gradients[i] = new float[parameters[i].length];
            weights[i] = weightArrays.contains(parameters[i]);
        }
    }
}
