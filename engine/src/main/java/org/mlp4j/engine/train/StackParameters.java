package org.mlp4j.engine.train;

import java.util.ArrayList;
import java.util.List;
import org.mlp4j.engine.BatchNormLayer;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Layer;
import org.mlp4j.engine.Network;

/**
 * The trainer's parameter list for a network with batch normalisation or bias-free layers, in the order
 * {@link org.mlp4j.engine.StackPass#backward} fills gradients: per layer its weights and bias (if any), or γ and β.
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
        List<float[]> arrays = new ArrayList<>();
        List<Boolean> isWeight = new ArrayList<>();
        for (Layer layer : network.stack()) {
            if (layer instanceof DenseLayer d) {
                arrays.add(d.weights());
                isWeight.add(true);
                if (d.hasBias()) {
                    arrays.add(d.bias());
                    isWeight.add(false);
                }
            } else {
                BatchNormLayer bn = (BatchNormLayer) layer;
                arrays.add(bn.gamma());
                arrays.add(bn.beta());
                isWeight.add(false);
                isWeight.add(false);
            }
        }
        parameters = arrays.toArray(new float[0][]);
        gradients = new float[parameters.length][];
        weights = new boolean[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            gradients[i] = new float[parameters[i].length];
            weights[i] = isWeight.get(i);
        }
    }
}
