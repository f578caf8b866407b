package org.mlp4j.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Defines a network layer by layer, in Keras's vocabulary, then initialises every parameter from one seeded
 * {@link Rng}: weights layer by layer in order with the chosen {@link Initializer}, then biases (zero unless a
 * bias initialiser is given), then batch normalisation's γ and β, layer by layer. The same seed gives the same network.
 *
 * <pre>{@code
 * Network subnet = Network.builder(100)
 *         .batchNorm()
 *         .denseWithoutBias(110, Activation.IDENTITY).batchNorm(Activation.RELU)
 *         .dense(100, Activation.IDENTITY).batchNorm()
 *         .build();
 * }</pre>
 */
public final class NetworkBuilder {
    private record Spec(boolean batchNorm, int units, Activation activation, float alpha, boolean bias) {
    }

    private final int inputs;
    private final List<Spec> specs = new ArrayList<>();
    private Loss loss;
    private Initializer initializer = Initializer.glorotUniform();
    private Initializer biasInitializer = Initializer.zeros();
    private Initializer gammaInitializer = Initializer.constant(1);
    private Initializer betaInitializer = Initializer.zeros();
    private float momentum = BatchNormLayer.DEFAULT_MOMENTUM;
    private float epsilon = BatchNormLayer.DEFAULT_EPSILON;
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
        return add(new Spec(false, units, activation, alpha, true));
    }

    /** Adds a dense layer without bias (Keras's {@code use_bias=False}), as before a batch normalisation. */
    public NetworkBuilder denseWithoutBias(int units, Activation activation) {
        return add(new Spec(false, units, activation, Activation.DEFAULT_LEAKY_ALPHA, false));
    }

    /** Adds batch normalisation of the current width, without activation. */
    public NetworkBuilder batchNorm() {
        return batchNorm(Activation.IDENTITY);
    }

    /** Adds batch normalisation followed by {@code activation} ({@code BN → ReLU} is {@code batchNorm(RELU)}). */
    public NetworkBuilder batchNorm(Activation activation) {
        int width = specs.isEmpty() ? inputs : specs.get(specs.size() - 1).units();
        return add(new Spec(true, width, activation, Activation.DEFAULT_LEAKY_ALPHA, false));
    }

    private NetworkBuilder add(Spec spec) {
        if (spec.units() < 1) {
            throw new IllegalArgumentException("a layer needs >= 1 unit, got " + spec.units());
        }
        specs.add(spec);
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

    /** Batch normalisation's γ initialiser (default ones, as Keras). */
    public NetworkBuilder gammaInitializer(Initializer initializer) {
        this.gammaInitializer = initializer;
        return this;
    }

    /** Batch normalisation's β initialiser (default zeros, as Keras). */
    public NetworkBuilder betaInitializer(Initializer initializer) {
        this.betaInitializer = initializer;
        return this;
    }

    /** Momentum and ε of the batch-normalisation layers (default 0.99 and 0.001, as Keras). */
    public NetworkBuilder batchNormSettings(double momentum, double epsilon) {
        this.momentum = (float) momentum;
        this.epsilon = (float) epsilon;
        return this;
    }

    public NetworkBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    public Network build() {
        boolean anyDense = false;
        for (Spec s : specs) {
            anyDense |= !s.batchNorm();
        }
        if (!anyDense) {
            throw new IllegalStateException("add at least one dense layer");
        }
        Rng rng = new Rng(seed);
        List<Layer> layers = new ArrayList<>();
        int width = inputs;
        for (Spec s : specs) {
            if (s.batchNorm()) {
                layers.add(new BatchNormLayer(width, s.activation(), s.alpha(), momentum, epsilon));
                continue;
            }
            DenseLayer layer = new DenseLayer(width, s.units(), s.activation(), s.alpha(),
                    new float[Math.multiplyExact(width, s.units())], s.bias() ? new float[s.units()] : null);
            initializer.fill(layer.weights(), width, s.units(), rng);
            layers.add(layer);
            width = s.units();
        }
        for (Layer layer : layers) {
            if (layer instanceof DenseLayer d && d.hasBias()) {
                biasInitializer.fill(d.bias(), d.inputs(), d.units(), rng);
            }
        }
        for (Layer layer : layers) {
            if (layer instanceof BatchNormLayer bn) {
                gammaInitializer.fill(bn.gamma(), bn.units(), bn.units(), rng);
                betaInitializer.fill(bn.beta(), bn.units(), bn.units(), rng);
            }
        }
        Activation out = layers.get(layers.size() - 1).activation();
        Loss chosen = loss != null ? loss
                : out == Activation.SOFTMAX ? Loss.CE : out == Activation.SIGMOID ? Loss.BCE : Loss.MSE;
        return Network.of(inputs, layers, chosen);
    }
}
