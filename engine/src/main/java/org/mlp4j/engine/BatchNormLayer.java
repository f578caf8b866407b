package org.mlp4j.engine;

/**
 * Batch normalisation with Keras's semantics ({@code tf.keras.layers.BatchNormalization} on 2-D input, axis −1):
 * {@code y = f(γ·(x − μ)/√(σ² + ε) + β)} per column.
 *
 * <p>While training, μ and σ² are the batch's own mean and (biased) variance, and the moving statistics follow
 * {@code moving ← momentum·moving + (1 − momentum)·batch}; at inference (and whenever the layer is frozen, as Keras
 * does since TF 2) the moving statistics are used. γ and β are trainable; the moving statistics are not (they are
 * state, saved with the model). {@code f} is the activation applied after the normalisation (identity unless set),
 * so that {@code Dense → BN → ReLU} is two layers. Arrays are live and taken as they are.
 */
public final class BatchNormLayer implements Layer {
    /** Keras's defaults. */
    public static final float DEFAULT_MOMENTUM = 0.99f;
    public static final float DEFAULT_EPSILON = 1e-3f;

    private final int units;
    private final Activation activation;
    private final float alpha;
    private final float[] gamma;
    private final float[] beta;
    private final float[] movingMean;
    private final float[] movingVariance;
    private final float momentum;
    private final float epsilon;

    public BatchNormLayer(int units, Activation activation, float alpha, float[] gamma, float[] beta,
                          float[] movingMean, float[] movingVariance, float momentum, float epsilon) {
        if (units < 1) {
            throw new IllegalArgumentException("batch normalisation needs >= 1 unit, got " + units);
        }
        check("gamma", gamma, units);
        check("beta", beta, units);
        check("movingMean", movingMean, units);
        check("movingVariance", movingVariance, units);
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batch normalisation momentum must lie in [0, 1], got " + momentum);
        }
        if (!(epsilon > 0) || Float.isInfinite(epsilon)) {
            throw new IllegalArgumentException("batch normalisation epsilon must be positive, got " + epsilon);
        }
        if (activation == Activation.SOFTMAX) {
            throw new IllegalArgumentException("softmax after batch normalisation is not supported");
        }
        this.units = units;
        this.activation = activation;
        this.alpha = alpha;
        this.gamma = gamma;
        this.beta = beta;
        this.movingMean = movingMean;
        this.movingVariance = movingVariance;
        this.momentum = momentum;
        this.epsilon = epsilon;
    }

    /** γ = 1, β = 0, moving mean 0 and variance 1 (Keras's initial state). */
    public BatchNormLayer(int units, Activation activation, float alpha, float momentum, float epsilon) {
        this(units, activation, alpha, filled(units, 1f), new float[units], new float[units], filled(units, 1f),
                momentum, epsilon);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static void check(String name, float[] a, int units) {
        if (a.length != units) {
            throw new IllegalArgumentException(name + " holds " + a.length + " values, expected " + units);
        }
    }

    @Override public int inputs() { return units; }
    @Override public int units() { return units; }
    @Override public Activation activation() { return activation; }
    @Override public float alpha() { return alpha; }
    /** Live scale γ. */
    public float[] gamma() { return gamma; }
    /** Live shift β. */
    public float[] beta() { return beta; }
    /** Live moving mean (inference statistics). */
    public float[] movingMean() { return movingMean; }
    /** Live moving (biased) variance. */
    public float[] movingVariance() { return movingVariance; }
    public float momentum() { return momentum; }
    public float epsilon() { return epsilon; }

    @Override
    public int parameterCount() {
        return 2 * units;
    }

    @Override
    public BatchNormLayer copy() {
        return new BatchNormLayer(units, activation, alpha, gamma.clone(), beta.clone(), movingMean.clone(),
                movingVariance.clone(), momentum, epsilon);
    }

    @Override
    public String toString() {
        return "batchnorm(" + units + (activation == Activation.IDENTITY ? "" : ", " + activation)
                + ", momentum " + momentum + ", ε " + epsilon + ")";
    }
}
