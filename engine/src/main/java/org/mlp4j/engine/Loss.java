package org.mlp4j.engine;

import java.util.Locale;

/**
 * Loss functions, with exactly the conventions the README states for a batch of {@code m} rows and {@code k} outputs
 * (a public contract: results are compared with PyTorch under these):
 * <ul>
 *   <li>{@link #MSE} = (1/(m·k))·Σ (y−ŷ)² — Keras/PyTorch mean squared error;</li>
 *   <li>{@link #HALF_SSE} = (1/m)·Σ_rows ½·Σ_outputs (y−ŷ)² — the quadratic cost of the classic tutorials;</li>
 *   <li>{@link #BCE} = −(1/m)·Σ_rows Σ_outputs [y·log ŷ + (1−y)·log(1−ŷ)] on sigmoid outputs;</li>
 *   <li>{@link #CE} = −(1/m)·Σ_rows Σ_outputs y·log p on softmax outputs, fused so that dZ = (p − y)/m.</li>
 * </ul>
 */
public enum Loss {
    MSE("mse"),
    HALF_SSE("half-sse"),
    BCE("bce"),
    CE("ce");

    private final String id;

    Loss(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Parses {@code mse}, {@code half-sse}, {@code bce}, {@code ce} (and the long names Keras uses). */
    public static Loss parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (n) {
            case "mean-squared-error": return MSE;
            case "binary-crossentropy": case "binary-cross-entropy": return BCE;
            case "categorical-crossentropy": case "cross-entropy": case "crossentropy": return CE;
            default:
                for (Loss l : values()) {
                    if (l.id.equals(n)) {
                        return l;
                    }
                }
                throw new IllegalArgumentException("unknown loss '" + name + "' (expected mse, half-sse, bce or ce)");
        }
    }

    /** Whether this loss can be used with that output activation. */
    public boolean accepts(Activation output) {
        switch (this) {
            case CE: return output == Activation.SOFTMAX;
            case BCE: return output == Activation.SIGMOID;
            default: return true;
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
