package org.mlp4j.engine.train;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Network;

/**
 * The trainer's parameter list for a network with batch normalisation or bias-free layers, in the order
 * {@link org.mlp4j.engine.StackPass#backward} fills gradients: {@link Network#parameterArrays()}.
 */
final class StackParameters {
    final float[][] parameters;
    final float[][] gradients;
    final boolean[] weights;

    StackParameters(Network network, TrainingOptions options) {
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
