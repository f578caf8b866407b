package org.mlp4j.engine.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The process-wide pool of daemon workers ({@code mlp4j-worker-N}) that kernels split work across.
 *
 * <p>Why not an {@code ExecutorService}: a training step must allocate nothing once warm, and futures,
 * queue nodes and latches allocate on every hand-off. Here a job is a {@link PartTask} the caller keeps
 * (usually a reusable object), each worker has one mailbox slot, and completion is an atomic countdown;
 * waiting spins briefly (hand-offs are microseconds apart inside a training step) and then parks.
 *
 * <p>One job runs at a time; a job submitted from inside a worker, or while another is running, runs on
 * the caller, so nesting never deadlocks.
 */
public final class WorkerPool {

    /** What a worker runs: part {@code part} of {@code parts}. */
    @FunctionalInterface
    public interface PartTask {
        void run(int part, int parts);
    }

    private static final int SPINS = 20_000;
    private static volatile WorkerPool shared;

    private final Worker[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private volatile Thread waiter;
    private volatile Throwable failure;

    private WorkerPool(int size) {
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

    /** {@code mlp4j.threads} when set, else the number of available processors. */
    public static int defaultSize() {
        String prop = System.getProperty("mlp4j.threads");
        if (prop != null && !prop.isBlank()) {
            try {
                int n = Integer.parseInt(prop.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the processor count
            }
            throw new IllegalArgumentException("mlp4j.threads must be a positive integer, got '" + prop + "'");
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** Threads a job can use at once: the workers plus the caller. */
    public int size() {
        return workers.length + 1;
    }

    /**
     * Runs {@code task} as {@code parts} parts, part 0 on the caller and the others on workers, and returns when
     * all are done. {@code parts} is capped at {@link #size()}; with one part, or when the pool is busy, the caller
     * runs every part itself in order.
     */
    public void run(int parts, PartTask task) {
        if (parts <= 1 || workers.length == 0 || Thread.currentThread() instanceof WorkerThread
                || !busy.compareAndSet(0, 1)) {
            runInline(parts, task);
            return;
        }
        try {
            int n = Math.min(parts, size());
            if (n < parts) {
                // more parts than threads: each thread takes a contiguous share of the parts
                runGrouped(parts, n, task);
                return;
            }
            dispatch(n, task);
        } finally {
            busy.set(0);
        }
    }

    private static void runInline(int parts, PartTask task) {
        for (int p = 0; p < Math.max(parts, 1); p++) {
            task.run(p, Math.max(parts, 1));
        }
    }

    private void runGrouped(int parts, int threads, PartTask task) {
        dispatch(threads, (t, nt) -> {
            int from = (int) ((long) parts * t / nt);
            int to = (int) ((long) parts * (t + 1) / nt);
            for (int p = from; p < to; p++) {
                task.run(p, parts);
            }
        });
    }

    private void dispatch(int n, PartTask task) {
        failure = null;
        waiter = Thread.currentThread();
        pending.set(n - 1);
        for (int i = 1; i < n; i++) {
            workers[i - 1].submit(task, i, n);
        }
        try {
            task.run(0, n);
        } finally {
            awaitWorkers();
        }
        Throwable t = failure;
        if (t != null) {
            failure = null;
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            throw new IllegalStateException(t);
        }
    }

    private void awaitWorkers() {
        int spins = 0;
        while (pending.get() > 0) {
            if (spins < SPINS) {
                spins++;
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 50_000L);
            }
        }
    }

    private void finished(Throwable t) {
        if (t != null) {
            failure = t;
        }
        if (pending.decrementAndGet() == 0) {
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    private static final class WorkerThread extends Thread {
        WorkerThread(Runnable r, String name) {
            super(r, name);
            setDaemon(true);
        }
    }

    private final class Worker implements Runnable {
        final Thread thread;
        volatile PartTask task;
        int part;
        int parts;

        Worker(int index) {
            thread = new WorkerThread(this, "mlp4j-worker-" + index);
        }

        void submit(PartTask t, int p, int n) {
            part = p;
            parts = n;
            task = t; // volatile write publishes part and parts
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            int spins = 0;
            while (true) {
                PartTask t = task;
                if (t == null) {
                    if (spins < SPINS) {
                        spins++;
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                    continue;
                }
                spins = 0;
                task = null;
                Throwable error = null;
                try {
                    t.run(part, parts);
                } catch (Throwable e) {
                    error = e;
                }
                finished(error);
            }
        }
    }
}
