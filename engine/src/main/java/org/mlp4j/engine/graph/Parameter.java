package org.mlp4j.engine.graph;

import org.mlp4j.engine.Initializer;
import org.mlp4j.engine.Rng;

/**
 * A named trainable matrix of any shape ({@code 1 × 1} for a scalar such as the deep BSDE method's u₀, {@code 1 × n}
 * for a vector broadcast over a batch's rows) with its gradient, as PyTorch's {@code nn.Parameter} or a Keras
 * {@code tf.Variable}. The value array is live (an optimizer updates it in place); the gradient is what the last
 * {@link Tape#backward} computed for it. A frozen parameter ({@link #setTrainable(boolean) setTrainable(false)}) takes
 * part in forward passes but gets no gradient and no updates.
 */
public final class Parameter {
    private final String name;
    private final int rows;
    private final int cols;
    private final float[] value;
    private final float[] gradient;
    private boolean trainable = true;
    /** How many nodes of the current backward pass ({@code useStamp}) refer to this parameter. */
    int useStamp;
    int uses;

    /** A parameter over {@code value} (taken as is, not copied), {@code rows × cols}, row-major. */
    public Parameter(String name, int rows, int cols, float[] value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a parameter needs a name");
        }
        if (rows < 1 || cols < 1 || value.length != (long) rows * cols) {
            throw new IllegalArgumentException("parameter '" + name + "': " + value.length + " values do not make "
                    + rows + " × " + cols);
        }
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.value = value;
        this.gradient = new float[value.length];
    }

    /** A {@code rows × cols} parameter filled by {@code init} (fan-in {@code rows}, fan-out {@code cols}). */
    public static Parameter create(String name, int rows, int cols, Initializer init, Rng rng) {
        float[] v = new float[Math.multiplyExact(rows, cols)];
        init.fill(v, rows, cols, rng);
        return new Parameter(name, rows, cols, v);
    }

    public String name() { return name; }
    public int rows() { return rows; }
    public int cols() { return cols; }
    /** The live values, row-major. */
    public float[] value() { return value; }
    /** The gradient of the last backward pass (zeros when frozen). */
    public float[] gradient() { return gradient; }
    public boolean trainable() { return trainable; }

    /** Freezes ({@code false}) or unfreezes the parameter. */
    public Parameter setTrainable(boolean trainable) {
        this.trainable = trainable;
        return this;
    }

    /** The value of a {@code 1 × 1} parameter. */
    public float item() {
        if (value.length != 1) {
            throw new IllegalStateException("parameter '" + name + "' is " + rows + " × " + cols + ", not a scalar");
        }
        return value[0];
    }

    @Override
    public String toString() {
        return name + " (" + rows + " × " + cols + (trainable ? "" : ", frozen") + ")";
    }
}
