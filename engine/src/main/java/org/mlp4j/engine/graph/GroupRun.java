package org.mlp4j.engine.graph;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.mlp4j.engine.kernel.Kernels;
import org.mlp4j.engine.kernel.KernelsProvider;
import org.mlp4j.engine.parallel.WorkerPool;

/**
 * A group of subnets ({@link Tape#apply(Subnet[], Tensor[])}) run over the worker pool, one part per subnet, each
 * part claimed by whichever thread is free and run on that thread's own single-threaded kernels (a subnet's result
 * does not depend on who runs it, so every thread count gives the same bits as running the subnets in turn).
 *
 * <p>Neither direction makes the tape's thread wait for the whole group, so that the serial operations around a
 * group — the deep BSDE recursion — run while the other threads still work on it:
 * <ul>
 *   <li><b>forward</b>: {@link #forward} returns as soon as the job is handed to the pool; when an operation reads
 *   an output that is not ready ({@link #awaitOutput}), the tape's thread runs subnets nobody has started until it
 *   is, so the recursion advances in the gaps and both threads stay busy; the job ends when the last output has
 *   been read, or at the next {@link #settle} (the tape's next recording or backward pass) — until then the
 *   pool is taken and the tape's other kernels run on its own thread;</li>
 *   <li><b>backward</b>: the tape {@link #open}s the group's backward when the first output gradient is final, and
 *   {@link #release}s each subnet as its output gradient becomes final while it walks back through the operations
 *   that read the outputs; the other threads take the released subnets in that order. When the walk reaches the
 *   group itself, {@link #close} releases the rest, runs what is left and waits.</li>
 * </ul>
 * One group at a time runs this way (the pool runs one job at a time); another group, and the tape's own kernels
 * meanwhile, run on the tape's thread.
 */
final class GroupRun implements WorkerPool.PartTask {
    private static final int SPINS = 20_000;

    private final Kernels kernels;
    /** Single-threaded kernels per pool slot ({@link WorkerPool#slot}), made by the thread that uses them. */
    private Kernels[] slotKernels;
    /** The group this run is for while a job is open on the pool, else {@code null}. */
    private Tensor node;
    private boolean backward;
    private boolean training;
    /** Forward: the ticket of the last forward run in which subnet i finished (numbers forward runs). */
    private AtomicIntegerArray finished = new AtomicIntegerArray(0);
    private final AtomicInteger finishedCount = new AtomicInteger();
    private int ticket;
    private volatile Throwable failure;
    /** Backward: the subnets in the order they were released, {@code readyCount} of them published. */
    private int[] order = new int[0];
    /** A step made during the backward pass ({@link Tape#backward(Tensor, Updater)}), or {@code null}. */
    private Updater updater;
    private boolean[] released = new boolean[0];
    private volatile int readyCount;

    GroupRun(Kernels kernels) {
        this.kernels = kernels;
    }

    /** Whether {@code group} has an open job on the pool (a forward still running, or a backward under way). */
    boolean isOpen(Tensor group) {
        return node == group;
    }

    boolean isOpen() {
        return node != null;
    }

    // ---- forward ----

    /**
     * Runs the forward of every subnet of {@code group}; with several threads, returns once each has been started
     * (outputs may still be computed: read them after {@link #awaitOutput}, or after {@link #settle}).
     */
    void forward(Tensor group, boolean training) {
        this.training = training;
        int n = group.passes.length;
        int threads = Math.min(kernels.threads(), n);
        if (threads <= 1) {
            for (int i = 0; i < n; i++) {
                forwardPart(kernels, group, i);
            }
            return;
        }
        slotKernels(); // the array exists before any worker looks for its slot
        prepare(group, false, n);
        if (!WorkerPool.shared().begin(n, threads, this)) {
            runInline(n);
            return;
        }
        // the tape's thread goes on at once and runs subnets whenever it waits for an output (awaitOutput)
    }

    /**
     * Waits until subnet {@code part} of the open forward has its output (rethrowing the group's failure). Once
     * every subnet has finished, the job is ended here, so that the pool serves the tape's other kernels again.
     */
    void awaitOutput(int part) {
        int spins = 0;
        while (finished.get(part) != ticket) {
            // the output is another thread's to finish: run a subnet nobody has started meanwhile
            if (!WorkerPool.shared().helpOne()) {
                spins = pause(spins);
            }
        }
        if (failure != null || finishedCount.get() == finished.length()) {
            settle();
        }
    }

    /** Ends an open job: runs and waits for whatever is left, rethrows a part's failure. No-op when none is open. */
    void settle() {
        if (node == null) {
            return;
        }
        if (backward) {
            releaseAll();
        }
        try {
            WorkerPool.shared().finish();
        } finally {
            node = null;
            failure = null;
        }
    }

    // ---- backward ----

    /**
     * The updater of a step made during the backward pass: a subnet updated by its only pass is updated right after
     * it, on the same thread ({@code null}: none). Set before the walk opens any group.
     */
    void updater(Updater u) {
        this.updater = u;
    }

    /**
     * Opens the backward of {@code group} on the pool, releasing no subnet yet; {@code false} if it cannot be
     * opened (one thread, another job open, pool busy): the group's backward then runs whole at {@link #close}.
     */
    boolean open(Tensor group) {
        int n = group.passes.length;
        int threads = Math.min(kernels.threads(), n);
        if (node != null || threads <= 1) {
            return false;
        }
        slotKernels();
        prepare(group, true, n);
        if (!WorkerPool.shared().begin(n, threads, this)) {
            node = null;
            return false;
        }
        return true;
    }

    /** Lets the backward of subnet {@code part} of the open group start: its output gradient is final. */
    void release(int part) {
        if (!released[part]) {
            released[part] = true;
            order[readyCount] = part;
            readyCount = readyCount + 1; // volatile: publishes order[…] to the waiting threads
        }
    }

    /** Runs the backward of {@code group}: on the open job if it is this group's, else now, on the pool or inline. */
    void close(Tensor group) {
        if (node == group) {
            settle();
            return;
        }
        if (open(group)) {
            settle();
            return;
        }
        // one thread, or the pool taken: every subnet here, in order
        Kernels k = kernels.threads() <= 1 ? kernels : slotKernels();
        for (int i = 0; i < group.passes.length; i++) {
            backwardPart(k, group, i, updater);
        }
    }

    private void releaseAll() {
        for (int i = 0; i < released.length; i++) {
            release(i);
        }
    }

    // ---- the parts ----

    private void prepare(Tensor group, boolean backward, int n) {
        this.backward = backward;
        this.failure = null;
        if (backward) {
            if (order.length != n) {
                order = new int[n];
                released = new boolean[n];
            }
            java.util.Arrays.fill(released, false);
            readyCount = 0;
        } else {
            if (finished.length() != n) {
                finished = new AtomicIntegerArray(n);
            }
            finishedCount.set(0);
            ticket++;
        }
        node = group; // published to the workers by the pool's start of the job
    }

    private void runInline(int n) {
        Tensor g = node;
        node = null;
        for (int i = 0; i < n; i++) {
            forwardPart(slotKernels(), g, i);
        }
    }

    @Override
    public void run(int part, int parts) {
        Kernels k = slotKernels();
        Tensor g = node;
        if (!backward) {
            try {
                forwardPart(k, g, part);
            } catch (Throwable e) {
                failure = e;
                throw e;
            } finally {
                // counted before it is marked: a reader that sees the last output marked must also see every part
                // counted, or it leaves the job (and the pool) open after all outputs have been read
                finishedCount.incrementAndGet();
                finished.set(part, ticket);
            }
        } else {
            int spins = 0;
            while (readyCount <= part) {
                spins = pause(spins);
            }
            backwardPart(k, g, order[part], updater);
        }
    }

    private void forwardPart(Kernels k, Tensor g, int i) {
        Subnet s = g.subnets[i];
        g.passes[i].forward(k, g.inputs[i].value, 0, g.inputs[0].rows, training && !s.frozen());
    }

    private static void backwardPart(Kernels k, Tensor g, int i, Updater updater) {
        Subnet s = g.subnets[i];
        float[] dy = g.outputs[i].grad; // final: the walk back has passed every reader of this output
        boolean needsInput = g.inputs[i].requiresGrad;
        if (g.zeroInPass[i] && !s.frozen()) {
            // this pass is the subnet's only contribution: its gradients are written, not zeroed then added into
            Tape.zeroFrozen(s);
            g.passes[i].backwardReplacing(k, dy, 0, s.gradientArrays(), needsInput);
            if (updater != null) {
                updater.updateNow(s.parameters(), k); // final: nothing else adds to these gradients
            }
            return;
        }
        if (g.zeroInPass[i]) {
            Tape.zero(s);
        }
        g.passes[i].backward(k, dy, 0, s.frozen() ? null : s.gradientArrays(), needsInput);
    }

    private Kernels slotKernels() {
        int slot = WorkerPool.slot();
        if (slotKernels == null) {
            // sized once, by the tape's thread before its first job: the workers only fill their own slots
            slotKernels = new Kernels[WorkerPool.shared().size()];
        }
        Kernels k = slotKernels[slot];
        if (k == null) {
            k = KernelsProvider.create(kernels.name(), 1);
            slotKernels[slot] = k;
        }
        return k;
    }

    /** Spins a while (hand-offs here are microseconds apart), then parks briefly between checks. */
    private static int pause(int spins) {
        if (spins < SPINS) {
            Thread.onSpinWait();
            return spins + 1;
        }
        LockSupport.parkNanos(20_000L);
        return spins;
    }
}
