package org.mlp4j.spark;

import java.util.ArrayList;
import java.util.List;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.DenseLayer;
import org.mlp4j.engine.Loss;
import org.mlp4j.engine.Network;

/**
 * The classifier's view of a network: its pre-activation outputs (Spark's {@code rawPrediction}, the logits as in
 * MLPC) from a twin network whose last layer is the identity, sharing the weight arrays.
 */
final class NetworkOutputs {
    private NetworkOutputs() {
    }

    /** {@code network} with an identity output layer; weights shared, not copied. */
    static Network logits(Network network) {
        List<DenseLayer> layers = new ArrayList<>(network.layers());
        DenseLayer last = layers.get(layers.size() - 1);
        layers.set(layers.size() - 1, new DenseLayer(last.inputs(), last.units(), Activation.IDENTITY, last.alpha(),
                last.weights(), last.bias()));
        return Network.of(network.inputs(), layers, Loss.MSE);
    }

    static Activation outputActivation(Network network) {
        return network.layers().get(network.layers().size() - 1).activation();
    }
}
