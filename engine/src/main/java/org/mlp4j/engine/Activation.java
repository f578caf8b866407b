package org.mlp4j.engine;

import java.util.Locale;

/**
 * The activation functions of a dense layer, by the names the model file uses.
 *
 * <p>Backward passes compute the derivative from the stored <em>output</em> {@code a = f(z)}, so a layer
 * keeps one buffer: sigmoid {@code a(1−a)}, tanh {@code 1−a²}, relu {@code a>0}, leaky-relu {@code a>0 ? 1 : α}.
 * Softmax belongs on the output layer, where its gradient is fused with the loss.
 */
public enum Activation {
    IDENTITY("identity"),
    SIGMOID("sigmoid"),
    TANH("tanh"),
    RELU("relu"),
    LEAKY_RELU("leaky-relu"),
    SOFTMAX("softmax");

    /** The slope of leaky-relu for negative inputs unless a layer states its own. */
    public static final float DEFAULT_LEAKY_ALPHA = 0.01f;

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /** The name used in model files and on the command line. */
    public String id() {
        return id;
    }

    /** Parses a name such as {@code relu} or {@code leaky-relu} (also {@code leaky_relu}, {@code linear}). */
    public static Activation parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.equals("linear") || n.equals("none")) {
            return IDENTITY;
        }
        if (n.equals("leakyrelu")) {
            return LEAKY_RELU;
        }
        for (Activation a : values()) {
            if (a.id.equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name
                + "' (expected identity, sigmoid, tanh, relu, leaky-relu or softmax)");
    }

    @Override
    public String toString() {
        return id;
    }
}
