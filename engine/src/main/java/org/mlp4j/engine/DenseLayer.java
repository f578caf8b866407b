package org.mlp4j.engine;

/**
 * A fully connected layer: {@code A = f(X·W + b)}.
 *
 * <p>{@code W} is {@code inputs × units}, row-major ({@code W[i][j]} connects input {@code i} to unit {@code j},
 * at {@code weights()[i*units + j]}), and {@code b} has {@code units} entries — the layout of the model file.
 * A layer may have no bias ({@code bias() == null}; Keras's {@code use_bias=False}), as before batch normalisation.
 * The shape is fixed; the parameter arrays are live and trained in place.
 */
public final class DenseLayer implements Layer {
    private final int inputs;
    private final int units;
    private final Activation activation;
    private final float alpha;
    private final float[] weights;
    private final float[] bias;

    /**
     * @param alpha the negative slope of leaky-relu (ignored by other activations)
     * @param weights {@code inputs × units} row-major; taken as is (not copied)
     * @param bias {@code units} values, or null for a layer without bias; taken as is
     */
    public DenseLayer(int inputs, int units, Activation activation, float alpha, float[] weights, float[] bias) {
        if (inputs < 1 || units < 1) {
            throw new IllegalArgumentException("a dense layer needs >= 1 input and unit, got " + inputs + " → " + units);
        }
        if (weights.length != (long) inputs * units) {
            throw new IllegalArgumentException("weights hold " + weights.length + " values, expected "
                    + inputs + " × " + units);
        }
        if (bias != null && bias.length != units) {
            throw new IllegalArgumentException("bias holds " + bias.length + " values, expected " + units);
        }
        this.inputs = inputs;
        this.units = units;
        this.activation = activation;
        this.alpha = alpha;
        this.weights = weights;
        this.bias = bias;
    }

    /** A zero-initialised layer. */
    public DenseLayer(int inputs, int units, Activation activation, float alpha) {
        this(inputs, units, activation, alpha, new float[Math.multiplyExact(inputs, units)], new float[units]);
    }

    @Override public int inputs() { return inputs; }
    @Override public int units() { return units; }
    @Override public Activation activation() { return activation; }
    /** The leaky-relu slope ({@link Activation#DEFAULT_LEAKY_ALPHA} unless the layer said otherwise). */
    @Override public float alpha() { return alpha; }
    /** The live {@code inputs × units} weight matrix, row-major. */
    public float[] weights() { return weights; }
    /** The live bias vector, or null when the layer has none. */
    public float[] bias() { return bias; }
    /** Whether the layer adds a bias. */
    public boolean hasBias() { return bias != null; }
    @Override public int parameterCount() { return weights.length + (bias == null ? 0 : bias.length); }

    @Override
    public DenseLayer copy() {
        return new DenseLayer(inputs, units, activation, alpha, weights.clone(), bias == null ? null : bias.clone());
    }

    @Override
    public String toString() {
        return "dense(" + inputs + " → " + units + ", " + activation
                + (activation == Activation.LEAKY_RELU ? " α=" + alpha : "") + (bias == null ? ", no bias" : "") + ")";
    }
}
