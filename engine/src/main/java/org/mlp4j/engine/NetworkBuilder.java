package org.mlp4j.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Defines a network layer by layer, in Keras's vocabulary, then initialises every parameter from one seeded
 * {@link Rng}: weights layer by layer in order with the chosen {@link Initializer}, then biases (zero unless a
 * bias initialiser is given). The same seed gives the same network.
 */
public final class NetworkBuilder {
    private final int inputs;
    private final List<Integer> units = new ArrayList<>();
    private final List<Activation> activations = new ArrayList<>();
    private final List<Float> alphas = new ArrayList<>();
    private Loss loss;
    private Initializer initializer = Initializer.glorotUniform();
    private Initializer biasInitializer = Initializer.zeros();
    private long seed = 1;

    NetworkBuilder(int inputs) {
        if (inputs < 1) {
            throw new IllegalArgumentException("a network needs >= 1 input, got " + inputs);
        }
        this.inputs = inputs;
    }

    /** Adds a dense layer of {@code units} units. */
    public NetworkBuilder dense(int units, Activation activation) {
        return dense(units, activation, Activation.DEFAULT_LEAKY_ALPHA);
    }

    /** Adds a dense layer; {@code alpha} is the negative slope when the activation is leaky-relu. */
    public NetworkBuilder dense(int units, Activation activation, float alpha) {
        if (units < 1) {
            throw new IllegalArgumentException("a layer needs >= 1 unit, got " + units);
        }
        this.units.add(units);
        this.activations.add(activation);
        this.alphas.add(alpha);
        return this;
    }

    /** The loss; when not set: ce after softmax, bce after sigmoid, mse otherwise. */
    public NetworkBuilder loss(Loss loss) {
        this.loss = loss;
        return this;
    }

    /** Weight initialiser (default Glorot uniform, as Keras's {@code Dense}). */
    public NetworkBuilder initializer(Initializer initializer) {
        this.initializer = initializer;
        return this;
    }

    /** Bias initialiser (default zeros). */
    public NetworkBuilder biasInitializer(Initializer initializer) {
        this.biasInitializer = initializer;
        return this;
    }

    public NetworkBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    public Network build() {
        if (units.isEmpty()) {
            throw new IllegalStateException("add at least one dense layer");
        }
        Rng rng = new Rng(seed);
        List<DenseLayer> layers = new ArrayList<>();
        int width = inputs;
        for (int l = 0; l < units.size(); l++) {
            int u = units.get(l);
            DenseLayer layer = new DenseLayer(width, u, activations.get(l), alphas.get(l));
            initializer.fill(layer.weights(), width, u, rng);
            layers.add(layer);
            width = u;
        }
        for (DenseLayer layer : layers) {
            biasInitializer.fill(layer.bias(), layer.inputs(), layer.units(), rng);
        }
        Activation out = activations.get(activations.size() - 1);
        Loss chosen = loss != null ? loss
                : out == Activation.SOFTMAX ? Loss.CE : out == Activation.SIGMOID ? Loss.BCE : Loss.MSE;
        return Network.of(inputs, layers, chosen);
    }
}
