package org.mlp4j.engine.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mlp4j.engine.Activation;
import org.mlp4j.engine.StackPass;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.parallel.WorkerPool;

/**
 * Define-by-run reverse-mode differentiation over batch-major float32 matrices: operations on {@link Tensor}s are
 * computed at once and recorded in order; {@link #backward} walks the record in reverse and leaves
 * {@code ∂loss/∂p} in every trainable {@link Parameter#gradient()} it reached (PyTorch's autograd, in the
 * spirit of micrograd's few lines per operation).
 *
 * <pre>{@code
 * Tape tape = new Tape(kernels);
 * for (int step = 0; step < steps; step++) {
 *     tape.reset();                                    // a new recording, training mode
 *     Tensor x = tape.input(batch, 64, 100);
 *     Tensor y = tape.apply(subnet, x).mul(tape.parameter(scale)).rowSums();
 *     Tensor loss = y.sub(tape.input(targets, 64, 1)).square().mean();
 *     tape.backward(loss);                             // gradients of subnet's parameters and of scale
 *     updater.step();
 * }
 * }</pre>
 *
 * <p><b>Replay without allocation.</b> The tape keeps every recorded tensor and its buffers. When the next recording
 * makes the same sequence of operations on the same shapes (a training loop), each operation reuses the tensor and
 * buffers of its position in the previous recording, so warm steps allocate nothing. A different sequence still
 * works; positions that differ allocate anew.
 *
 * <p>Dense and batch-normalisation stacks enter as one operation ({@link #apply}), whose backward is the network's
 * fused pass ({@link StackPass}). A group of them ({@link #apply(Subnet[], Tensor[])}) runs on the worker pool
 * beside the tape's own operations: an output is waited for when an operation reads it, and in the backward pass a
 * subnet starts as soon as the operations reading its output have been walked back ({@link GroupRun}). A tape is
 * for one thread at a time.
 */
public final class Tape {
    private final Kernels kernels;
    private final List<Tensor> nodes = new ArrayList<>();
    private int cursor;
    private int stamp;
    private boolean training = true;
    /** Groups of subnets over the worker pool, overlapped with the tape's own operations. */
    private final GroupRun groups;

    public Tape(Kernels kernels) {
        this.kernels = kernels;
        this.groups = new GroupRun(kernels);
    }

    /** A tape with the default kernels ({@link KernelsProvider#create()}). */
    public Tape() {
        this(KernelsProvider.create());
    }

    public Kernels kernels() { return kernels; }

    /** Starts a new recording in training mode (batch normalisation uses batch statistics). */
    public Tape reset() {
        return reset(true);
    }

    /**
     * Starts a new recording; {@code training} is Keras's {@code training} argument: whether batch normalisation
     * uses (and updates) batch statistics, or its moving statistics.
     */
    public Tape reset(boolean training) {
        groups.settle();
        this.training = training;
        this.cursor = 0;
        return this;
    }

    public boolean training() { return training; }

    /** Tensors recorded since the last reset. */
    public int size() { return cursor; }

    int stamp() { return stamp; }

    /** A constant {@code rows × cols} input over {@code values} (row-major, not copied: keep it unchanged until reset). */
    public Tensor input(float[] values, int rows, int cols) {
        if (rows < 1 || cols < 1 || values.length < (long) rows * cols) {
            throw new IllegalArgumentException("an input of " + rows + " × " + cols + " needs that many values, got "
                    + values.length);
        }
        Tensor t = node(Op.INPUT, rows, cols, null);
        t.value = values;
        t.requiresGrad = false;
        return t;
    }

    /** A {@code 1 × 1} constant. */
    public Tensor constant(float value) {
        Tensor t = node(Op.INPUT, 1, 1, null);
        if (t.scratch == null) {
            t.scratch = new float[1];
        }
        t.scratch[0] = value;
        t.value = t.scratch;
        t.requiresGrad = false;
        return t;
    }

    /** A parameter as a tensor of its shape; gradients flow to it if it is trainable. */
    public Tensor parameter(Parameter p) {
        Tensor t = node(Op.PARAMETER, p.rows(), p.cols(), null);
        t.parameter = p;
        t.value = p.value();
        t.requiresGrad = p.trainable();
        return t;
    }

    /**
     * The subnet's network applied to {@code x} ({@code rows × inputs}), as one operation: in training mode (and
     * unless the subnet is frozen) batch normalisation uses batch statistics and updates its moving statistics.
     */
    public Tensor apply(Subnet subnet, Tensor x) {
        if (x.tape != this) {
            throw new IllegalArgumentException("the input belongs to another tape");
        }
        awaitValue(x);
        if (x.cols != subnet.network().inputs()) {
            throw new IllegalArgumentException(subnet.name() + " takes " + subnet.network().inputs()
                    + " inputs, got " + x.rows + " × " + x.cols);
        }
        Tensor t = node(Op.NETWORK, x.rows, subnet.network().outputs(), subnet);
        t.a = x;
        t.subnet = subnet;
        if (t.pass == null || t.pass.network() != subnet.network() || t.pass.capacity() < x.rows) {
            t.pass = new StackPass(subnet.network(), x.rows);
        }
        t.pass.forward(kernels, x.value, 0, x.rows, training && !subnet.frozen());
        t.value = t.pass.output();
        t.requiresGrad = x.requiresGrad || subnet.anyTrainable();
        return t;
    }

    /**
     * Applies {@code subnets[i]} to {@code inputs[i]} for every {@code i} — independent networks, such as one per time
     * step — as one operation that runs them in parallel over the tape's threads (forward and backward; each thread
     * its own single-threaded kernels). The results are the same as applying each in turn, whatever the thread count.
     * Every input must have the same number of rows and every subnet the same output width.
     */
    public Tensor[] apply(Subnet[] subnets, Tensor[] inputs) {
        groups.settle(); // one group at a time on the pool
        if (subnets.length != inputs.length || subnets.length == 0) {
            throw new IllegalArgumentException(subnets.length + " subnets for " + inputs.length + " inputs");
        }
        int rows = inputs[0].rows;
        int outs = subnets[0].network().outputs();
        boolean requires = false;
        for (int i = 0; i < subnets.length; i++) {
            own(inputs[i]);
            if (inputs[i].rows != rows || subnets[i].network().outputs() != outs
                    || inputs[i].cols != subnets[i].network().inputs()) {
                throw new IllegalArgumentException("subnet " + subnets[i].name() + " and input " + i
                        + " do not fit the group (" + rows + " rows, " + outs + " outputs each)");
            }
            requires |= inputs[i].requiresGrad || subnets[i].anyTrainable();
            for (int j = 0; j < i; j++) {
                if (subnets[j] == subnets[i]) {
                    throw new IllegalArgumentException("subnet " + subnets[i].name() + " appears twice in one group");
                }
            }
        }
        Tensor g = node(Op.NETWORKS, subnets.length * rows, outs, null);
        if (g.passes == null || g.passes.length != subnets.length) {
            g.passes = new StackPass[subnets.length];
            g.zeroInPass = new boolean[subnets.length];
            g.partGradStamp = new int[subnets.length];
            g.subnets = new Subnet[subnets.length];
            g.inputs = new Tensor[subnets.length];
            g.outputs = new Tensor[subnets.length];
        }
        for (int i = 0; i < subnets.length; i++) {
            StackPass pass = g.passes[i];
            if (pass == null || pass.network() != subnets[i].network() || pass.capacity() < rows) {
                g.passes[i] = new StackPass(subnets[i].network(), rows);
            }
            g.subnets[i] = subnets[i];
            g.inputs[i] = inputs[i];
        }
        g.requiresGrad = requires;
        groups.forward(g, training);
        Tensor[] parts = new Tensor[subnets.length];
        for (int i = 0; i < subnets.length; i++) {
            Tensor t = node(Op.PART, rows, outs, null);
            t.a = g;
            t.part = i;
            t.value = g.passes[i].output();
            t.requiresGrad = requires;
            parts[i] = t;
            g.outputs[i] = t;
        }
        return parts;
    }

    /**
     * Computes the gradient of the scalar {@code loss} with respect to every trainable parameter this recording used
     * and stores it in {@link Parameter#gradient()} (set, not accumulated across calls: the gradients of the
     * recording's parameters are zeroed first).
     */
    public void backward(Tensor loss) {
        if (loss.tape != this || loss.rows * loss.cols != 1) {
            throw new IllegalArgumentException("backward needs a 1 × 1 tensor of this tape, got " + loss);
        }
        groups.settle();
        stamp++;
        zeroGradients();
        if (loss.requiresGrad) {
            int last = nodes.indexOf(loss);
            boolean overlap = kernels.threads() > 1 && countPartReaders(last);
            gradOf(loss)[0] = 1f;
            try {
                for (int i = last; i >= 0; i--) {
                    Tensor n = nodes.get(i);
                    if (n.requiresGrad && n.gradStamp == stamp && n.earlyStamp != stamp) {
                        backwardStep(n);
                    }
                    if (overlap) {
                        readDone(n.a);
                        readDone(n.b);
                        if (n.op == Op.NETWORKS) {
                            for (Tensor in : n.inputs) {
                                readDone(in);
                            }
                        }
                    }
                }
            } finally {
                groups.settle(); // only open here if a step failed
            }
        }
        // a group whose backward did not run still owes its deferred zeroing
        for (int i = 0; i < cursor; i++) {
            Tensor n = nodes.get(i);
            if (n.op == Op.NETWORKS && n.groupBackwardStamp != stamp) {
                for (int s = 0; s < n.subnets.length; s++) {
                    if (n.zeroInPass[s]) {
                        zero(n.subnets[s]);
                    }
                }
            }
        }
    }

    /**
     * {@link #backward(Tensor)}, then one {@link Updater#step()} of {@code updater}, with the update made during the
     * walk back where it can be: each subnet of a group ({@link #apply(Subnet[], Tensor[])}) whose parameters no
     * other operation of the recording uses is updated as soon as its backward ends, on the thread that ran it,
     * while its gradients and weights are still in that thread's cache and while the other threads still work on
     * the group; everything else (parameters used elsewhere, shared subnets, single {@link #apply(Subnet, Tensor)}s)
     * after the walk. An element-wise rule gives the same bits as {@code backward(loss); updater.step()} — with this
     * tape's kernels — and a rule that is not element-wise, or clipping by the global norm (which needs every
     * gradient first), makes exactly that. The parameters reach the recording only through {@link #parameter} and
     * {@link #apply}: a value read by other means (as an {@link #input}) may already have been updated. If the walk
     * fails, the step is left part made.
     */
    public void backward(Tensor loss, Updater updater) {
        if (!updater.beginInBackward()) {
            backward(loss);
            updater.step();
            return;
        }
        boolean done = false;
        groups.updater(updater);
        try {
            backward(loss);
            done = true;
        } finally {
            groups.updater(null);
            if (done) {
                updater.endInBackward();
            } else {
                updater.abandonInBackward();
            }
        }
    }

    /**
     * Counts, for each output of a group, the operations up to {@code last} that read it ({@link Tensor#readers}), so
     * that the walk back can tell when an output's gradient is final and hand its subnet to the pool while it goes on
     * with the operations before (see {@link GroupRun}). Returns whether there is any such output.
     */
    private boolean countPartReaders(int last) {
        boolean any = false;
        for (int i = 0; i <= last; i++) {
            Tensor n = nodes.get(i);
            if (n.op == Op.PART) {
                n.readers = 0;
                any = true;
            }
        }
        if (any) {
            for (int i = 0; i <= last; i++) {
                Tensor n = nodes.get(i);
                if (n.a != null && n.a.op == Op.PART) {
                    n.a.readers++;
                }
                if (n.b != null && n.b.op == Op.PART) {
                    n.b.readers++;
                }
                if (n.op == Op.NETWORKS) {
                    for (Tensor in : n.inputs) {
                        if (in.op == Op.PART) {
                            in.readers++;
                        }
                    }
                }
            }
        }
        return any;
    }

    /**
     * One reader of {@code x} is done with its backward step. When it was the last, a group output's gradient is
     * final: it is marked so and its subnet released to the pool, whose other threads run it while this thread walks
     * on.
     */
    private void readDone(Tensor x) {
        if (x == null || x.op != Op.PART || --x.readers != 0 || !x.requiresGrad || x.gradStamp != stamp) {
            return;
        }
        Tensor g = x.a;
        if (!groups.isOpen(g)) {
            if (groups.isOpen()) {
                return; // another group has the pool: this one runs whole when the walk reaches it
            }
            g.gradStamp = stamp; // the group's gradient is its outputs' gradients, each final when released
            outputGradientArrays(g); // a walk that fails releases every subnet: each must find an array to read
            if (!groups.open(g)) {
                return;
            }
        }
        backwardStep(x);
        x.earlyStamp = stamp;
        groups.release(x.part);
    }

    /**
     * Zeroes the gradient of every parameter this recording uses. A subnet of a group whose parameters no other node
     * uses is left to the group's backward: the thread that runs the subnet's backward zeroes its gradients just
     * before adding into them, so the zeroing runs in parallel and on arrays about to be in cache anyway (for the
     * deep BSDE example, 0.7 M floats an iteration that were zeroed on one thread). Anything shared is zeroed here.
     */
    private void zeroGradients() {
        for (int i = 0; i < cursor; i++) {
            Tensor n = nodes.get(i);
            if (n.op == Op.PARAMETER) {
                countUse(n.parameter);
            } else if (n.op == Op.NETWORK) {
                for (Parameter p : n.subnet.parameters()) {
                    countUse(p);
                }
            } else if (n.op == Op.NETWORKS) {
                for (Subnet s : n.subnets) {
                    for (Parameter p : s.parameters()) {
                        countUse(p);
                    }
                }
            }
        }
        for (int i = 0; i < cursor; i++) {
            Tensor n = nodes.get(i);
            if (n.op == Op.PARAMETER) {
                Arrays.fill(n.parameter.gradient(), 0f);
            } else if (n.op == Op.NETWORK) {
                zero(n.subnet);
            } else if (n.op == Op.NETWORKS) {
                for (int s = 0; s < n.subnets.length; s++) {
                    boolean alone = !n.subnets[s].frozen();
                    for (Parameter p : n.subnets[s].parameters()) {
                        alone &= p.uses == 1;
                    }
                    n.zeroInPass[s] = alone;
                    if (!alone) {
                        zero(n.subnets[s]);
                    }
                }
            }
        }
    }

    private void countUse(Parameter p) {
        if (p.useStamp != stamp) {
            p.useStamp = stamp;
            p.uses = 0;
        }
        p.uses++;
    }

    static void zero(Subnet s) {
        for (Parameter p : s.parameters()) {
            Arrays.fill(p.gradient(), 0f);
        }
    }

    /** Zeroes the gradients of a subnet's frozen parameters only (a replacing backward writes the others). */
    static void zeroFrozen(Subnet s) {
        for (Parameter p : s.parameters()) {
            if (!p.trainable()) {
                Arrays.fill(p.gradient(), 0f);
            }
        }
    }

    // ---- recording ----

    private Tensor node(Op op, int rows, int cols, Subnet subnet) {
        Tensor t = cursor < nodes.size() ? nodes.get(cursor) : null;
        if (t == null || t.op != op || t.rows != rows || t.cols != cols || (subnet != null && t.subnet != subnet)) {
            t = new Tensor(this, op, rows, cols);
            // inputs and parameters lend their arrays, subnets and their outputs the passes' (a group has none)
            if (op != Op.INPUT && op != Op.PARAMETER && op != Op.NETWORK && op != Op.NETWORKS && op != Op.PART) {
                t.value = new float[rows * cols];
            }
            if (cursor < nodes.size()) {
                nodes.set(cursor, t);
            } else {
                nodes.add(t);
            }
        }
        cursor++;
        return t;
    }

    private void own(Tensor x) {
        if (x.tape != this) {
            throw new IllegalArgumentException("a tensor of another tape");
        }
        awaitValue(x);
    }

    /** Waits until {@code x} holds its value: an output of a group whose forward may still be running. */
    void awaitValue(Tensor x) {
        if (x.op == Op.PART && groups.isOpen(x.a)) {
            groups.awaitOutput(x.part);
        }
    }

    Tensor binary(Op op, Tensor a, Tensor b) {
        own(a);
        own(b);
        int rows = Broadcast.size("rows", a.rows, b.rows);
        int cols = Broadcast.size("columns", a.cols, b.cols);
        Tensor t = node(op, rows, cols, null);
        t.a = a;
        t.b = b;
        t.requiresGrad = a.requiresGrad || b.requiresGrad;
        Broadcast.forward(kernels, op, a, b, t.value, rows, cols);
        return t;
    }

    Tensor unary(Op op, Tensor a, int rows, int cols, float s) {
        own(a);
        Tensor t = node(op, rows, cols, null);
        t.a = a;
        t.scalar = s;
        t.requiresGrad = a.requiresGrad;
        float[] x = a.value;
        float[] out = t.value;
        int n = a.rows * a.cols;
        switch (op) {
            case SCALE -> kernels.scaleInto(n, s, x, 0, out, 0);
            case SHIFT -> { for (int i = 0; i < n; i++) out[i] = x[i] + s; }
            case SQUARE -> { for (int i = 0; i < n; i++) out[i] = x[i] * x[i]; }
            case ROW_SUMS, ROW_MEANS -> {
                int c = a.cols;
                float f = op == Op.ROW_MEANS ? 1f / c : 1f;
                // four rows at a time: four independent sums, each in column order, hide the add latency
                int i = 0;
                for (; i + 4 <= a.rows; i += 4) {
                    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                    int r = i * c;
                    for (int j = 0; j < c; j++) {
                        s0 += x[r + j];
                        s1 += x[r + c + j];
                        s2 += x[r + 2 * c + j];
                        s3 += x[r + 3 * c + j];
                    }
                    out[i] = s0 * f;
                    out[i + 1] = s1 * f;
                    out[i + 2] = s2 * f;
                    out[i + 3] = s3 * f;
                }
                for (; i < a.rows; i++) {
                    float sum = 0;
                    for (int j = 0; j < c; j++) {
                        sum += x[i * c + j];
                    }
                    out[i] = sum * f;
                }
            }
            case SUM, MEAN -> {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += x[i];
                }
                out[0] = (float) (op == Op.MEAN ? sum / n : sum);
            }
            default -> throw new IllegalStateException(op.name());
        }
        return t;
    }

    Tensor rowDot(Tensor a, Tensor b) {
        own(a);
        own(b);
        if (a.cols != b.cols) {
            throw new IllegalArgumentException("a row-wise dot product needs rows of one length, got " + a + " and "
                    + b);
        }
        int rows = Broadcast.size("rows", a.rows, b.rows);
        Tensor t = node(Op.ROW_DOT, rows, 1, null);
        t.a = a;
        t.b = b;
        t.requiresGrad = a.requiresGrad || b.requiresGrad;
        float[] x = a.value;
        float[] y = b.value;
        float[] out = t.value;
        int c = a.cols;
        int xs = a.rows == rows ? c : 0; // a row vector is read again for every row
        int ys = b.rows == rows ? c : 0;
        // as rowSums: four rows at a time, each summed in column order (a product, then a sum: mul's bits, then
        // rowSums' — never a fused multiply-add)
        int i = 0;
        for (; i + 4 <= rows; i += 4) {
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int xo = i * xs;
            int yo = i * ys;
            for (int j = 0; j < c; j++) {
                s0 += x[xo + j] * y[yo + j];
                s1 += x[xo + xs + j] * y[yo + ys + j];
                s2 += x[xo + 2 * xs + j] * y[yo + 2 * ys + j];
                s3 += x[xo + 3 * xs + j] * y[yo + 3 * ys + j];
            }
            out[i] = s0;
            out[i + 1] = s1;
            out[i + 2] = s2;
            out[i + 3] = s3;
        }
        for (; i < rows; i++) {
            float sum = 0;
            for (int j = 0; j < c; j++) {
                sum += x[i * xs + j] * y[i * ys + j];
            }
            out[i] = sum;
        }
        return t;
    }

    Tensor matmul(Tensor a, Tensor b) {
        own(a);
        own(b);
        if (a.cols != b.rows) {
            throw new IllegalArgumentException("cannot multiply " + a.rows + " × " + a.cols + " by " + b.rows + " × " + b.cols);
        }
        Tensor t = node(Op.MATMUL, a.rows, b.cols, null);
        t.a = a;
        t.b = b;
        t.requiresGrad = a.requiresGrad || b.requiresGrad;
        kernels.gemm(false, false, a.rows, b.cols, a.cols, 1f, a.value, 0, a.cols, b.value, 0, b.cols,
                0f, t.value, 0, b.cols);
        return t;
    }

    Tensor activation(Tensor a, Activation f, float alpha) {
        own(a);
        Tensor t = node(Op.ACTIVATION, a.rows, a.cols, null);
        t.a = a;
        t.activation = f;
        t.scalar = alpha;
        t.requiresGrad = a.requiresGrad;
        System.arraycopy(a.value, 0, t.value, 0, a.rows * a.cols);
        if (f != Activation.IDENTITY) {
            kernels.biasActivation(t.value, a.rows, a.cols, null, f, alpha);
        }
        return t;
    }

    Tensor map(Tensor a, ElementFunction f) {
        own(a);
        Tensor t = node(Op.MAP, a.rows, a.cols, null);
        t.a = a;
        t.function = f;
        t.requiresGrad = a.requiresGrad;
        float[] x = a.value;
        for (int i = 0, n = a.rows * a.cols; i < n; i++) {
            t.value[i] = f.apply(x[i]);
        }
        return t;
    }

    // ---- backward ----

    /**
     * The gradient of {@code t}, for an operation that adds its contribution: zeroed on the pass's first use. An
     * operation that writes every element of the gradient uses {@link #claim} instead and skips the zeroing.
     */
    private float[] gradOf(Tensor t) {
        int n = t.rows * t.cols;
        if (t.gradStamp != stamp) {
            if (t.grad == null || t.grad.length < n) {
                t.grad = new float[n];
            } else {
                Arrays.fill(t.grad, 0, n, 0f);
            }
            t.gradStamp = stamp;
        }
        return t.grad;
    }

    /**
     * Makes {@code t.grad} this pass's gradient of {@code t} without zeroing it, for an operation that writes every
     * element: returns true when this is the pass's first contribution, and the caller must then assign its values
     * (the array holds an earlier pass's), else add them. Most gradients in a recording have one contribution, and
     * for those the zeroing was a whole extra pass over memory (for the deep BSDE example, about 0.5 M floats an
     * iteration on the tape's thread, the one the other threads wait for).
     */
    private boolean claim(Tensor t) {
        if (t.gradStamp == stamp) {
            return false;
        }
        int n = t.rows * t.cols;
        if (t.grad == null || t.grad.length < n) {
            t.grad = new float[n];
        }
        t.gradStamp = stamp;
        return true;
    }

    private void backwardStep(Tensor t) {
        float[] g = t.grad;
        int n = t.rows * t.cols;
        switch (t.op) {
            case INPUT -> { }
            case PARAMETER -> {
                kernels.addScaled(n, 1f, g, 0, t.parameter.gradient(), 0);
            }
            case ADD, SUB, MUL, DIV -> binaryBackward(t, g);
            case SCALE -> {
                if (claim(t.a)) {
                    kernels.scaleInto(n, t.scalar, g, 0, t.a.grad, 0);
                } else {
                    kernels.addScaled(n, t.scalar, g, 0, t.a.grad, 0);
                }
            }
            case SHIFT -> assignOrAdd(g, 0, t.a, 0, n);
            case SQUARE -> {
                boolean fresh = claim(t.a);
                float[] ga = t.a.grad;
                float[] x = t.a.value;
                for (int i = 0; i < n; i++) {
                    float d = 2f * x[i] * g[i];
                    ga[i] = fresh ? d : ga[i] + d;
                }
            }
            case ROW_SUMS, ROW_MEANS -> {
                boolean fresh = claim(t.a);
                float[] ga = t.a.grad;
                int c = t.a.cols;
                float f = t.op == Op.ROW_MEANS ? 1f / c : 1f;
                for (int i = 0; i < t.a.rows; i++) {
                    if (fresh) {
                        Arrays.fill(ga, i * c, (i + 1) * c, g[i] * f);
                    } else {
                        kernels.addConstant(c, g[i] * f, ga, i * c);
                    }
                }
            }
            case ROW_DOT -> {
                if (t.a.requiresGrad) {
                    rowDotBackward(g, t.a, t.b, t.rows);
                }
                if (t.b.requiresGrad) {
                    rowDotBackward(g, t.b, t.a, t.rows); // after a's: when b is a, this adds the second term
                }
            }
            case SUM, MEAN -> {
                boolean fresh = claim(t.a);
                float[] ga = t.a.grad;
                int m = t.a.rows * t.a.cols;
                float gi = t.op == Op.MEAN ? g[0] / m : g[0];
                if (fresh) {
                    Arrays.fill(ga, 0, m, gi);
                } else {
                    kernels.addConstant(m, gi, ga, 0);
                }
            }
            case MATMUL -> {
                Tensor a = t.a;
                Tensor b = t.b;
                // β = 0 on a gradient's first contribution: C is then not read (BLAS), so it needs no zeroing
                if (a.requiresGrad) {
                    float beta = claim(a) ? 0f : 1f;
                    kernels.gemm(false, true, a.rows, a.cols, b.cols, 1f, g, 0, b.cols, b.value, 0, b.cols,
                            beta, a.grad, 0, a.cols);
                }
                if (b.requiresGrad) {
                    float beta = claim(b) ? 0f : 1f;
                    kernels.gemm(true, false, b.rows, b.cols, a.rows, 1f, a.value, 0, a.cols, g, 0, b.cols,
                            beta, b.grad, 0, b.cols);
                }
            }
            case ACTIVATION -> activationBackward(t, g, n);
            case MAP -> {
                boolean fresh = claim(t.a);
                float[] ga = t.a.grad;
                float[] x = t.a.value;
                ElementFunction f = t.function;
                for (int i = 0; i < n; i++) {
                    float d = g[i] * f.derivative(x[i]);
                    ga[i] = fresh ? d : ga[i] + d;
                }
            }
            case NETWORK -> {
                float[][] sinks = t.subnet.frozen() ? null : t.subnet.gradientArrays();
                float[] dx = t.pass.backward(kernels, g, sinks, t.a.requiresGrad);
                if (dx != null) {
                    assignOrAdd(dx, 0, t.a, 0, t.a.rows * t.a.cols);
                }
            }
            case PART -> {
                // the group's backward reads each output's own gradient: nothing to copy, only to mark as final
                t.a.gradStamp = stamp;
                t.a.partGradStamp[t.part] = stamp;
            }
            case NETWORKS -> {
                outputGradientArrays(t);
                for (int s = 0; s < t.passes.length; s++) {
                    Tensor out = t.outputs[s];
                    if (t.partGradStamp[s] != stamp) { // an output nothing read: its gradient is zero
                        Arrays.fill(out.grad, 0, out.rows * out.cols, 0f);
                    }
                }
                t.groupBackwardStamp = stamp;
                groups.close(t);
                // input gradients are added here, in order: several parts may share an input
                for (int i = 0; i < t.inputs.length; i++) {
                    Tensor in = t.inputs[i];
                    if (in.requiresGrad) {
                        assignOrAdd(t.passes[i].inputGradient(), 0, in, 0, in.rows * in.cols);
                    }
                }
            }
            default -> throw new IllegalStateException(t.op.name());
        }
    }

    /** Gives every output of group {@code g} a gradient array (its values are the walk's to write). */
    private static void outputGradientArrays(Tensor g) {
        for (Tensor out : g.outputs) {
            int n = out.rows * out.cols;
            if (out.grad == null || out.grad.length < n) {
                out.grad = new float[n];
            }
        }
    }

    /**
     * One operand's share of a row-wise dot product's backward: {@code ∂out[i]/∂x[i][j] = other[i][j]}, so row i of
     * x's gradient gets {@code g[i]·other[i]} (assigned on its first contribution, else added); an x repeated down
     * the rows (1 × cols) gets the sum of those rows.
     */
    private void rowDotBackward(float[] g, Tensor x, Tensor other, int rows) {
        int c = x.cols;
        int os = other.rows == rows ? c : 0;
        if (x.rows != rows) {
            float[] gx = gradOf(x);
            for (int i = 0; i < rows; i++) {
                kernels.addScaled(c, g[i], other.value, i * os, gx, 0);
            }
            return;
        }
        boolean fresh = claim(x);
        for (int i = 0; i < rows; i++) {
            if (fresh) {
                kernels.scaleInto(c, g[i], other.value, i * os, x.grad, i * c);
            } else {
                kernels.addScaled(c, g[i], other.value, i * os, x.grad, i * c);
            }
        }
    }

    /**
     * {@code n} floats of {@code x} from {@code xOff} into {@code t}'s gradient at {@code off}: copied on the
     * gradient's first contribution, else added.
     */
    private void assignOrAdd(float[] x, int xOff, Tensor t, int off, int n) {
        if (claim(t)) {
            System.arraycopy(x, xOff, t.grad, off, n);
        } else {
            kernels.addScaled(n, 1f, x, xOff, t.grad, off);
        }
    }

    /**
     * An element-wise binary operation's backward. An operand of the output's shape, beside one that spans the
     * output's columns (so that {@link Broadcast#backward} takes its row loops), has its gradient assigned on its
     * first contribution; a broadcast operand's gradient is a sum over what it was broadcast along, added into zeros.
     */
    private void binaryBackward(Tensor t, float[] g) {
        Tensor a = t.a;
        Tensor b = t.b;
        boolean rowLoops = a.cols == t.cols && b.cols == t.cols;
        boolean assignA = false;
        boolean assignB = false;
        float[] ga = null;
        float[] gb = null;
        if (a.requiresGrad) {
            if (rowLoops && a.rows == t.rows) {
                assignA = claim(a);
                ga = a.grad;
            } else {
                ga = gradOf(a);
            }
        }
        if (b.requiresGrad) {
            if (rowLoops && b.rows == t.rows) {
                assignB = claim(b); // false when b is a: its gradient was just claimed, the second term adds
                gb = b.grad;
            } else {
                gb = gradOf(b);
            }
        }
        Broadcast.backward(kernels, t.op, a, b, g, ga, assignA, gb, assignB, t.rows, t.cols);
    }

    private void activationBackward(Tensor t, float[] g, int n) {
        Activation f = t.activation;
        if (f == Activation.IDENTITY) {
            assignOrAdd(g, 0, t.a, 0, n);
            return;
        }
        if (t.scratch == null || t.scratch.length < n) {
            t.scratch = new float[n];
        }
        float[] d = t.scratch;
        float[] y = t.value;
        if (f == Activation.SOFTMAX) {
            int c = t.cols;
            for (int i = 0; i < t.rows; i++) {
                float dot = 0;
                for (int j = 0; j < c; j++) {
                    dot += g[i * c + j] * y[i * c + j];
                }
                for (int j = 0; j < c; j++) {
                    d[i * c + j] = y[i * c + j] * (g[i * c + j] - dot);
                }
            }
        } else {
            System.arraycopy(g, 0, d, 0, n);
            kernels.activationBackward(d, y, n, f, t.scalar);
        }
        assignOrAdd(d, 0, t.a, 0, n);
    }
}
