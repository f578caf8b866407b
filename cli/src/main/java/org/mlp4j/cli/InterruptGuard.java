package org.mlp4j.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mlp4j.engine.train.Trainer;

/**
 * Ctrl-C (SIGINT) and SIGTERM during {@code train}: the JVM runs this hook, which asks the trainer to stop after the
 * current batch (writing a checkpoint of exactly that position when {@code --checkpoint} is set) and then holds the
 * JVM until the command has said what happened and finished its writes — until {@link #close}. Without the wait the
 * JVM would halt as soon as training returned, before the "interrupted … --resume" line reached a redirected stderr.
 */
final class InterruptGuard implements AutoCloseable {
    /** How long the hook holds the JVM for the command to finish its writes. */
    static final long WAIT_SECONDS = 60;

    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    private InterruptGuard(Trainer trainer) {
        hook = new Thread(() -> {
            trainer.interrupt();
            try {
                closed.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mlp4j-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Installs the hook for {@code trainer}'s run. */
    static InterruptGuard install(Trainer trainer) {
        return new InterruptGuard(trainer);
    }

    /** Lets a signalled JVM exit; removes the hook when no signal came. */
    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting because of the signal: the hook is running and now returns
        }
    }
}
