package org.mlp4j.engine.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.mlp4j.engine.kernel.KernelSettings;

/**
 * The process-wide pool of daemon workers ({@code mlp4j-worker-N}) that kernels split work across.
 *
 * <p>Why not an {@code ExecutorService}: a training step must allocate nothing once warm, and futures, queue nodes
 * and latches allocate on every hand-off. Here a job is a {@link PartTask} the caller keeps (usually a reusable
 * object) and its parts are <em>claimed</em> from one atomic counter — by the woken workers and by the caller itself.
 * A worker the operating system has not scheduled yet therefore never holds the caller up: the caller takes the parts
 * nobody has started, and waits only for parts already running. Waiting spins briefly (hand-offs inside a training
 * step are microseconds apart) and then parks. Only a parked thread is unparked: a spinning one sees the new job (or
 * the last part's end) by itself, and unparking a running thread would cost the hand-off a lock round trip.
 *
 * <p>Tasks must depend only on the part index, never on which thread runs it (their results are then the same
 * whoever runs which part). One job runs at a time; a job submitted from inside a worker, or while another is
 * running, runs on its caller, so nesting never deadlocks.
 */
public final class WorkerPool {

    /** What the pool runs: part {@code part} of {@code parts}. */
    @FunctionalInterface
    public interface PartTask {
        void run(int part, int parts);
    }

    private static final int SPINS = 20_000;
    /** Short jobs in a row, each soon after the one before, that find a worker parked before one wakes it. */
    static final int FREQUENT_SHORT_JOBS = 4;
    /** "Soon": within about a worker's spin (20,000 {@code PAUSE}s, half a millisecond on a Zen 4). */
    private static final long FREQUENT_NANOS = 500_000L;
    /** Low half of {@link #claim} while a job is being set up: higher than any part index, so nothing is claimed. */
    private static final long CLOSED = Integer.MAX_VALUE;
    private static volatile WorkerPool shared;

    private final Worker[] workers;
    /** {@code generation << 32 | next unclaimed part}: a claim succeeds only for the job of the claimer's generation. */
    private final AtomicLong claim = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    /** Bumped (after the job's fields are written) to start a job; workers wake on a change. */
    private volatile int generation;
    private PartTask task;
    private int parts;
    /** Threads that may claim the job's parts, the caller included: workers numbered {@code >= jobThreads} sit out. */
    private int jobThreads;
    private volatile Thread waiter;
    /** Set while the waiter parks or is about to: only then does the last part's thread unpark it. */
    private volatile boolean waiterParked;
    private volatile Throwable failure;
    /** {@link #shortJobsAreFrequent}'s count and clock; only the thread holding the pool ({@code busy}) touches them. */
    private int shortJobsFindingParked;
    private long lastShortJobFindingParked = Long.MIN_VALUE / 2;

    /** A pool of {@code size} threads in all (the caller counts as one). Package-private: tests build pools of given sizes. */
    WorkerPool(int size) {
        workers = new Worker[Math.max(0, size - 1)];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].thread.start();
        }
    }

    /**
     * The shared pool: {@code -Dmlp4j.threads=N} workers in all (the calling thread counts as one), else one per
     * available processor.
     */
    public static WorkerPool shared() {
        WorkerPool p = shared;
        if (p == null) {
            synchronized (WorkerPool.class) {
                p = shared;
                if (p == null) {
                    p = new WorkerPool(defaultSize());
                    shared = p;
                }
            }
        }
        return p;
    }

    /** {@code mlp4j.threads} when set ({@link KernelSettings#threads()}), else the number of available processors. */
    public static int defaultSize() {
        int n = KernelSettings.threads();
        return n > 0 ? n : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Whether every worker is blocked in its park (tests: the state in which {@link #runAwake} leaves them asleep).
     * The flag alone is raised just before parking, and a park can return at once on a permit left by an earlier
     * unpark; a thread in {@code WAITING} with the flag up is really asleep.
     */
    boolean allWorkersAsleep() {
        for (Worker w : workers) {
            if (!w.parked || w.thread.getState() != Thread.State.WAITING) {
                return false;
            }
        }
        return true;
    }

    /** Threads a job can use at once: the workers plus the caller. */
    public int size() {
        return workers.length + 1;
    }

    /**
     * Runs parts {@code 0 .. parts-1} of {@code task} and returns when all are done: the caller and up to
     * {@code parts − 1} workers claim them one at a time. With one part, from inside a worker, or while another job
     * is running, the caller runs every part itself, in order. A part's exception is rethrown here (the last one, if
     * several fail), after every part has finished.
     */
    public void run(int parts, PartTask task) {
        run(parts, task, true);
    }

    /**
     * {@link #run} for a job shorter than waking a thread: a worker that has parked (it found no job for its whole
     * spin, about half a millisecond) is left asleep, and the caller claims its parts; workers still spinning help as
     * usual. Waking a parked worker costs the caller a system call and the worker tens of microseconds before it runs
     * (on a 2-vCPU KVM guest, a worker woke 40–60 µs after the unpark; see {@code SmallGemm.WAKE_MIN_MACS} for what
     * leaving it asleep saved a batch-1 prediction), so for such a job it buys nothing and costs the caller. Unless
     * such jobs come back to back: the {@value #FREQUENT_SHORT_JOBS}th in a row soon after the one before wakes the
     * worker, so that a run of predictions is split again (left asleep for good, a worker that parked before a run
     * of predictions took no part in any of it: the small net's batch-1 latency went from 2.7–2.9 to 4.2–4.5 µs on a
     * Zen 4). Same results: parts depend only on their index.
     */
    public void runAwake(int parts, PartTask task) {
        run(parts, task, false);
    }

    private void run(int parts, PartTask task, boolean wakeParked) {
        if (parts <= 1 || workers.length == 0 || Thread.currentThread() instanceof WorkerThread
                || !busy.compareAndSet(0, 1)) {
            runInline(Math.max(parts, 1), task);
            return;
        }
        try {
            open(parts, parts, task, wakeParked);
            finishJob();
        } finally {
            busy.set(0);
        }
    }

    /**
     * Every part on the caller, in order, with the same failure contract as a dispatched job: a failing part does
     * not stop the later ones (a pool of one thread — a container limited to one CPU — must behave like a pool of
     * sixteen), and the last failure is rethrown once all have run.
     */
    private static void runInline(int n, PartTask job) {
        Throwable last = null;
        for (int p = 0; p < n; p++) {
            try {
                job.run(p, n);
            } catch (Throwable e) {
                last = e;
            }
        }
        if (last != null) {
            rethrow(last);
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw new IllegalStateException(t);
    }

    /**
     * Starts parts {@code 0 .. parts-1} of {@code task} on the workers and returns at once, so that the caller can do
     * other work while they run (the tape overlaps its serial operations with a group of subnets this way). The job
     * holds the pool until {@link #finish}: the caller must call it, also when its own work fails; meanwhile other
     * jobs — the caller's own kernels included — run inline on their callers. Returns {@code false}, starting
     * nothing, where {@link #run} would run inline (one part, no workers, from inside a worker, pool busy): the
     * caller then runs the parts itself. At most {@code threads} threads, the caller included, run its parts: a job
     * of many small parts still uses only the threads its kernels were given.
     */
    public boolean begin(int parts, int threads, PartTask task) {
        if (parts <= 1 || threads <= 1 || workers.length == 0 || Thread.currentThread() instanceof WorkerThread
                || !busy.compareAndSet(0, 1)) {
            return false;
        }
        open(parts, Math.min(threads, parts), task, true);
        return true;
    }

    /**
     * For a job started with {@link #begin}: the caller claims and runs one part nobody has started — useful work
     * while it waits for a part that another thread is running. {@code false} if none was left to claim.
     */
    public boolean helpOne() {
        return claimAndRun(generation, task, parts);
    }

    /**
     * Ends a job started with {@link #begin}: the caller runs what is left, waits for every part, releases the pool,
     * and rethrows a part's failure (the last one, if several failed).
     */
    public void finish() {
        try {
            finishJob();
        } finally {
            busy.set(0);
        }
    }

    /** The index of the calling thread among the threads of this pool's jobs: a worker's number, else 0. */
    public static int slot() {
        return Thread.currentThread() instanceof WorkerThread w ? w.slot : 0;
    }

    private void open(int n, int threads, PartTask job, boolean wakeParked) {
        int g = generation + 1;
        claim.set((long) g << 32 | CLOSED); // a stale worker's claim fails from here on
        task = job;
        parts = n;
        jobThreads = threads;
        failure = null;
        done.set(0);
        waiter = Thread.currentThread();
        claim.set((long) g << 32);
        generation = g; // volatile: publishes task and parts to the workers that see g
        boolean wake = wakeParked;
        boolean decided = wakeParked; // a short job decides once, at its first parked worker
        for (int i = 0; i < Math.min(threads - 1, workers.length); i++) {
            // A spinning worker sees g by itself; unparking it anyway costs the caller a mutex round trip on the
            // critical path of every hand-off. The worker raises `parked` before its last look at generation, and
            // we write generation before reading `parked` (both volatile): one of the two sees the other.
            if (workers[i].parked) {
                if (!decided) {
                    wake = shortJobsAreFrequent();
                    decided = true;
                }
                if (wake) {
                    LockSupport.unpark(workers[i].thread);
                }
            }
        }
    }

    /**
     * For a short job that found a worker parked: whether to wake it anyway, because short jobs are coming too fast
     * for leaving it asleep to pay — {@value #FREQUENT_SHORT_JOBS} in a row, each within {@value #FREQUENT_NANOS} ns
     * (about the workers' spin) of the one before, found it parked. Back-to-back predictions then get the worker back
     * after a few calls, and it spins between them as it did before it parked; a prediction now and then (each one
     * finds the worker parked, far apart) still leaves it asleep. Called only with a parked worker, so the clock is
     * read only then.
     */
    private boolean shortJobsAreFrequent() {
        long now = System.nanoTime();
        shortJobsFindingParked = now - lastShortJobFindingParked < FREQUENT_NANOS ? shortJobsFindingParked + 1 : 1;
        lastShortJobFindingParked = now;
        if (shortJobsFindingParked < FREQUENT_SHORT_JOBS) {
            return false;
        }
        shortJobsFindingParked = 0;
        return true;
    }

    private void finishJob() {
        int n = parts;
        work(generation, task, n);
        int spins = 0;
        while (done.get() < n) {
            if (spins < SPINS) {
                spins++;
                Thread.onSpinWait();
            } else {
                waiterParked = true; // before the last look at done; the finishing worker reads it after its increment
                if (done.get() < n) {
                    LockSupport.parkNanos(this, 50_000L);
                }
                waiterParked = false;
            }
        }
        task = null;
        Throwable t = failure;
        if (t != null) {
            failure = null;
            rethrow(t);
        }
    }

    /** Claims and runs parts of job {@code g} until none is left (or the job is no longer {@code g}). */
    private void work(int g, PartTask job, int n) {
        while (claimAndRun(g, job, n)) {
            // next part
        }
    }

    /** Claims one part of job {@code g} and runs it; {@code false} if none was left to claim. */
    private boolean claimAndRun(int g, PartTask job, int n) {
        while (true) {
            long c = claim.get();
            int part = (int) c;
            if ((int) (c >>> 32) != g || part >= n) {
                return false;
            }
            if (claim.compareAndSet(c, c + 1)) {
                try {
                    job.run(part, n);
                } catch (Throwable e) {
                    failure = e;
                }
                if (done.incrementAndGet() == n && waiterParked) {
                    Thread w = waiter;
                    if (w != null && w != Thread.currentThread()) {
                        LockSupport.unpark(w);
                    }
                }
                return true;
            }
        }
    }

    private static final class WorkerThread extends Thread {
        final int slot;

        WorkerThread(Runnable r, String name, int slot) {
            super(r, name);
            this.slot = slot;
            setDaemon(true);
        }
    }

    private final class Worker implements Runnable {
        final WorkerThread thread;
        /** Set while this worker parks or is about to; {@link #open} unparks only such a worker. */
        volatile boolean parked;

        Worker(int index) {
            thread = new WorkerThread(this, "mlp4j-worker-" + index, index);
        }

        @Override
        public void run() {
            int seen = generation;
            int spins = 0;
            while (true) {
                int g = generation;
                if (g == seen) {
                    if (spins < SPINS) {
                        spins++;
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        if (generation == seen) {
                            LockSupport.park(this);
                        }
                        parked = false;
                    }
                    continue;
                }
                seen = g;
                spins = 0;
                // read after the volatile read of generation: the job of g, or — if a later job has replaced it —
                // a job whose parts this worker cannot claim (the claim word no longer carries g)
                PartTask job = task;
                int n = parts;
                if (job != null && thread.slot < jobThreads) {
                    work(g, job, n);
                }
            }
        }
    }
}
