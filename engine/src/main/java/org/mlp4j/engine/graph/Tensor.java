package org.mlp4j.engine.graph;

import org.mlp4j.engine.Activation;
import org.mlp4j.engine.StackPass;

/**
 * A batch-major float32 matrix recorded on a {@link Tape}: an input, a parameter, or the result of an operation,
 * computed as soon as the operation is called (define-by-run). Binary operations broadcast: an operand may be
 * {@code rows × cols}, {@code 1 × cols} (repeated down the rows), {@code rows × 1} (repeated across the columns) or
 * {@code 1 × 1}.
 *
 * <p>A tensor belongs to its tape's current recording: after {@link Tape#reset} its buffers are reused by the next
 * recording, so read what you need ({@link #item()}, {@link #get}) before resetting.
 */
public final class Tensor {
    final Tape tape;
    final Op op;
    final int rows;
    final int cols;
    float[] value;
    float[] grad;
    int gradStamp;
    boolean requiresGrad;
    Tensor a;
    Tensor b;
    float scalar;
    Parameter parameter;
    Subnet subnet;
    StackPass pass;
    /** A group of subnets applied together ({@link Tape#apply(Subnet[], Tensor[])}); a part's index in it. */
    Subnet[] subnets;
    Tensor[] inputs;
    StackPass[] passes;
    /** A group's outputs (its parts), whose gradients its backward reads: the group keeps none of its own. */
    Tensor[] outputs;
    /**
     * Per subnet of a group: whether its gradients are zeroed by the thread that runs its backward, just before it
     * adds into them (see {@link Tape#backward}), rather than all at once before the backward pass.
     */
    boolean[] zeroInPass;
    /** The stamp of the last backward pass that ran this group's backward. */
    int groupBackwardStamp;
    /**
     * Per subnet of a group: the backward pass in which its output's gradient became final (the gradient of an
     * output nothing read is zeroed when the group's backward starts).
     */
    int[] partGradStamp;
    int part;
    /** A group output's readers whose backward step is still to come (counted by {@link Tape#backward}). */
    int readers;
    /** The backward pass that already handled this group output, as soon as its gradient was final. */
    int earlyStamp;
    ElementFunction function;
    Activation activation;
    float[] scratch;

    Tensor(Tape tape, Op op, int rows, int cols) {
        this.tape = tape;
        this.op = op;
        this.rows = rows;
        this.cols = cols;
    }

    public int rows() { return rows; }
    public int cols() { return cols; }
    /** Whether a gradient flows back through this tensor (it depends on a trainable parameter). */
    public boolean requiresGradient() { return requiresGrad; }

    /** The value of a {@code 1 × 1} tensor. */
    public float item() {
        if (rows * cols != 1) {
            throw new IllegalStateException("a " + rows + " × " + cols + " tensor is not a scalar");
        }
        tape.awaitValue(this);
        return value[0];
    }

    public float get(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") outside " + rows + " × " + cols);
        }
        tape.awaitValue(this);
        return value[row * cols + col];
    }

    /** A copy of the values, row-major. */
    public float[] toArray() {
        tape.awaitValue(this);
        return java.util.Arrays.copyOf(value, rows * cols);
    }

    /** The gradient of the last {@link Tape#backward} with respect to this tensor (zeros if none reached it). */
    public float[] gradient() {
        return gradStamp == tape.stamp() && grad != null ? java.util.Arrays.copyOf(grad, rows * cols) : new float[rows * cols];
    }

    public Tensor add(Tensor other) { return tape.binary(Op.ADD, this, other); }
    public Tensor sub(Tensor other) { return tape.binary(Op.SUB, this, other); }
    public Tensor mul(Tensor other) { return tape.binary(Op.MUL, this, other); }
    public Tensor div(Tensor other) { return tape.binary(Op.DIV, this, other); }
    /** {@code s·this}. */
    public Tensor scale(float s) { return tape.unary(Op.SCALE, this, rows, cols, s); }
    /** {@code this + s}. */
    public Tensor add(float s) { return tape.unary(Op.SHIFT, this, rows, cols, s); }
    /** {@code this − s}. */
    public Tensor sub(float s) { return tape.unary(Op.SHIFT, this, rows, cols, -s); }
    public Tensor neg() { return scale(-1f); }
    public Tensor square() { return tape.unary(Op.SQUARE, this, rows, cols, 0); }
    /** {@code rows × 1}: the sum of each row. */
    public Tensor rowSums() { return tape.unary(Op.ROW_SUMS, this, rows, 1, 0); }
    /**
     * {@code rows × 1}: the dot product of each row with the same row of {@code other}, which has as many columns
     * (a {@code 1 × cols} operand, on either side, is repeated down the rows) — Keras's {@code Dot(axes=1)},
     * PyTorch's {@code (a * b).sum(1, keepdim=True)}. The same bits as {@code mul(other).rowSums()}, in one
     * operation that keeps no {@code rows × cols} product: forward, one pass over the two operands; backward, one
     * product per element of each operand that needs a gradient.
     */
    public Tensor rowDot(Tensor other) { return tape.rowDot(this, other); }
    /** {@code rows × 1}: the mean of each row. */
    public Tensor rowMeans() { return tape.unary(Op.ROW_MEANS, this, rows, 1, 0); }
    /** {@code 1 × 1}: the sum of every element. */
    public Tensor sum() { return tape.unary(Op.SUM, this, 1, 1, 0); }
    /** {@code 1 × 1}: the mean of every element. */
    public Tensor mean() { return tape.unary(Op.MEAN, this, 1, 1, 0); }
    /** The matrix product {@code this · other}. */
    public Tensor matmul(Tensor other) { return tape.matmul(this, other); }
    /** An activation function, element-wise (softmax per row); leaky-relu with slope 0.01. */
    public Tensor activation(Activation f) { return tape.activation(this, f, Activation.DEFAULT_LEAKY_ALPHA); }
    public Tensor relu() { return activation(Activation.RELU); }
    public Tensor tanh() { return activation(Activation.TANH); }
    public Tensor sigmoid() { return activation(Activation.SIGMOID); }
    /** A user function applied element-wise. */
    public Tensor map(ElementFunction f) { return tape.map(this, f); }

    @Override
    public String toString() {
        return op.name().toLowerCase(java.util.Locale.ROOT) + " " + rows + " × " + cols;
    }
}
