package org.mlp4j.engine.graph;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.parallel.Shares;
import org.mlp4j.engine.parallel.WorkerPool;
import org.mlp4j.engine.train.ClipByGlobalNorm;
import org.mlp4j.engine.train.LearningRateSchedule;
import org.mlp4j.engine.train.Optimizer;

/**
 * Any {@link Optimizer} over any set of {@link Parameter}s, with the trainer's global-norm clipping, decoupled
 * weight decay and {@link LearningRateSchedule}s: {@link #step()} after each {@link Tape#backward}. The set is fixed
 * when the updater is made, and frozen parameters are left out (they are never updated, even if unfrozen later).
 *
 * <pre>{@code
 * Updater adam = new Updater(model.trainableParameters(), new Adam(0.9, 0.999, 1e-8, false), 5e-4, kernels);
 * }</pre>
 *
 * <p>{@link Tape#backward(Tensor, Updater)} makes the same step during the backward pass: an element-wise rule
 * without clipping updates a group's subnet as soon as its gradients are final, on the thread that computed them
 * (see there). The result is the same as {@code backward} followed by {@link #step()}.
 */
public final class Updater {
    private final Optimizer optimizer;
    private final Kernels kernels;
    private final float[][] values;
    private final float[][] gradients;
    private final double initialRate;
    private double learningRate;
    private double clipNorm;
    private double weightDecay;
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private int periods;
    private int plannedPeriods = 1;
    private long steps;
    private final WorkerPool.PartTask parallelUpdate = this::updateRange;
    /** Shares of a parallel update start at multiples of this many elements (whole vectors on every machine). */
    private static final int BLOCK = 64;
    private final long totalElements;
    /** A parameter's index in {@link #values}; made once, then only read (also by the pool's threads). */
    private final IdentityHashMap<Parameter, Integer> indexOf = new IdentityHashMap<>();
    /** During a step made in the backward pass: the arrays already updated (by any thread). */
    private final boolean[] updated;
    /** Arrays updated during the walk back by the last step made in the backward pass (for tests). */
    int updatedInWalk;
    /** Whether a step in the backward pass has begun ({@link #beginInBackward}) and not yet ended. */
    private boolean inBackward;
    /** The elements of the arrays not {@link #updated}, which {@link #updateRange} shares while {@link #inBackward}. */
    private long restElements;

    public Updater(List<Parameter> parameters, Optimizer optimizer, double learningRate, Kernels kernels) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be positive, got " + learningRate);
        }
        List<Parameter> trainable = parameters.stream().filter(Parameter::trainable).toList();
        this.values = new float[trainable.size()][];
        this.gradients = new float[trainable.size()][];
        long total = 0;
        for (int i = 0; i < trainable.size(); i++) {
            values[i] = trainable.get(i).value();
            gradients[i] = trainable.get(i).gradient();
            total += values[i].length;
            indexOf.put(trainable.get(i), i);
        }
        this.totalElements = total;
        this.updated = new boolean[values.length];
        this.optimizer = optimizer;
        this.kernels = kernels;
        this.initialRate = learningRate;
        this.learningRate = learningRate;
        optimizer.initialize(values);
    }

    /** Scales the gradients down when their global L2 norm exceeds {@code maxNorm} (0: off), as the trainer does. */
    public Updater clipNorm(double maxNorm) {
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("clip norm must be >= 0, got " + maxNorm);
        }
        this.clipNorm = maxNorm;
        return this;
    }

    /** Decoupled weight decay ({@code θ ← θ·(1 − η·wd)} before each update, as AdamW). */
    public Updater weightDecay(double decay) {
        if (!(decay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + decay);
        }
        this.weightDecay = decay;
        return this;
    }

    /**
     * A learning-rate schedule advanced by {@link #endPeriod} (an epoch, or any number of steps you choose), over
     * {@code plannedPeriods} periods (cosine needs the total).
     */
    public Updater schedule(LearningRateSchedule schedule, int plannedPeriods) {
        this.schedule = schedule;
        this.plannedPeriods = Math.max(1, plannedPeriods);
        return this;
    }

    public double learningRate() { return learningRate; }
    public long steps() { return steps; }
    public Optimizer optimizer() { return optimizer; }

    /** One update of every parameter from its current gradient. */
    public void step() {
        if (inBackward) {
            throw new IllegalStateException("a step in the backward pass has not ended");
        }
        ClipByGlobalNorm.apply(kernels, gradients, clipNorm);
        for (float[] v : values) {
            decay(v, kernels);
        }
        if (optimizer.elementwise() && kernels.threads() > 1) {
            // element-wise rules split into ranges, one per thread: the same result as one whole step
            optimizer.beginStep();
            WorkerPool.shared().run(kernels.threads(), parallelUpdate);
        } else {
            optimizer.step(values, gradients, (float) learningRate, kernels);
        }
        steps++;
    }

    // ---- a step made during the backward pass (Tape#backward(Tensor, Updater)) ----

    /**
     * Begins a step whose arrays are updated one by one as their gradients become final ({@link #updateNow}), the
     * rest at {@link #endInBackward}. Returns {@code false}, beginning nothing, when the step cannot be split so:
     * a rule that is not element-wise, or clipping by the global norm (which needs every gradient first).
     */
    boolean beginInBackward() {
        if (inBackward) {
            throw new IllegalStateException("a step in the backward pass has not ended");
        }
        if (!optimizer.elementwise() || clipNorm > 0) {
            return false;
        }
        optimizer.beginStep();
        Arrays.fill(updated, false);
        inBackward = true;
        return true;
    }

    /**
     * Updates those of {@code parameters} that are this updater's, with {@code k} (the calling thread's kernels):
     * their gradients are final. Threads may call this at once for disjoint parameters.
     */
    void updateNow(List<Parameter> parameters, Kernels k) {
        float rate = (float) learningRate;
        for (int p = 0; p < parameters.size(); p++) {
            Integer index = indexOf.get(parameters.get(p));
            if (index != null) {
                int i = index;
                decay(values[i], k);
                optimizer.update(values[i], gradients[i], i, 0, values[i].length, rate, k);
                updated[i] = true;
            }
        }
    }

    /** Ends the step: updates every array {@link #updateNow} has not (over the threads when they are many). */
    void endInBackward() {
        if (!inBackward) {
            throw new IllegalStateException("no step in the backward pass has begun");
        }
        try {
            long rest = 0;
            updatedInWalk = 0;
            for (int i = 0; i < values.length; i++) {
                updatedInWalk += updated[i] ? 1 : 0;
                if (!updated[i]) {
                    rest += values[i].length;
                    decay(values[i], kernels);
                }
            }
            restElements = rest;
            if (kernels.threads() > 1 && rest >= PARALLEL_REST) {
                WorkerPool.shared().run(kernels.threads(), parallelUpdate);
            } else {
                updateRange(0, 1);
            }
            steps++;
        } finally {
            inBackward = false;
        }
    }

    /** Decoupled weight decay of one array, {@code θ ← θ·(1 − η·wd)}, before its update (none when wd = 0). */
    private void decay(float[] v, Kernels k) {
        if (weightDecay > 0) {
            k.scale(v.length, (float) (1 - learningRate * weightDecay), v);
        }
    }

    /** Leaves a step in the backward pass whose walk failed: what was updated stays updated. */
    void abandonInBackward() {
        inBackward = false;
    }

    /** Below this many elements the rest of a step in the backward pass is updated on the calling thread alone. */
    private static final long PARALLEL_REST = 1 << 14;

    /**
     * Part {@code part} of an element-wise update: one contiguous share of all the parameters laid end to end (in
     * blocks of {@value #BLOCK} elements), not a share of each array. A thread then updates whole arrays — for a
     * group of subnets, mostly those whose backward it ran, whose gradients are still in its own cache — and no small
     * array is cut into slivers. Element-wise rules give the same bits however the elements are split.
     */
    private void updateRange(int part, int parts) {
        float rate = (float) learningRate;
        long total = inBackward ? restElements : totalElements;
        int blocks = (int) ((total + BLOCK - 1) / BLOCK);
        long from = Math.min(total, (long) Shares.start(blocks, part, parts) * BLOCK);
        long to = Math.min(total, (long) Shares.start(blocks, part + 1, parts) * BLOCK);
        long at = 0;
        for (int i = 0; i < values.length && at < to; i++) {
            if (inBackward && updated[i]) {
                continue; // the end of a step in the backward pass: the rest only, laid end to end
            }
            int n = values[i].length;
            long lo = Math.max(from, at);
            long hi = Math.min(to, at + n);
            if (hi > lo) {
                optimizer.update(values[i], gradients[i], i, (int) (lo - at), (int) (hi - at), rate, kernels);
            }
            at += n;
        }
    }

    /** Ends a schedule period; {@code monitored} feeds the plateau schedule (ignored by the others). */
    public void endPeriod(double monitored) {
        periods++;
        learningRate = schedule.next(initialRate, learningRate, periods, plannedPeriods, monitored);
    }
}
