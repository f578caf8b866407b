package org.mlp4j.examples;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Where a training iteration's time goes: the loop marks the end of each of its phases ({@link #lap}) and this keeps
 * the nanoseconds of every phase of every iteration (in arrays sized up front, so the loop allocates nothing), then
 * gives the median of each phase over the second half of the iterations, when the JIT has long finished.
 *
 * <pre>{@code
 * IterationPhases phases = new IterationPhases(iterations, "paths", "forward", "backward", "update");
 * for (int step = 0; step < iterations; step++) {
 *     phases.start();
 *     sample();   phases.lap(0);
 *     forward();  phases.lap(1);
 *     ...
 * }
 * IterationPhases.Medians m = phases.medians();
 * }</pre>
 */
public final class IterationPhases {
    /**
     * The median microseconds of each phase over iterations {@code [fromIteration, iterations)}; the medians of the
     * phases need not add up to the median iteration.
     */
    public record Medians(int fromIteration, int iterations, String[] names, double[] microseconds) {
        /** The median of the phase called {@code name}, in µs. */
        public double of(String name) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return microseconds[i];
                }
            }
            throw new IllegalArgumentException("no phase called " + name + " among " + Arrays.toString(names));
        }
    }

    private final String[] names;
    private final long[][] nanos;
    private final LongSupplier clock;
    private int iteration = -1;
    private long mark;

    public IterationPhases(int iterations, String... names) {
        this(iterations, System::nanoTime, names);
    }

    /** With its own clock (nanoseconds), for tests. */
    IterationPhases(int iterations, LongSupplier clock, String... names) {
        if (iterations < 0 || names.length == 0) {
            throw new IllegalArgumentException(iterations + " iterations of " + names.length + " phases");
        }
        this.names = names.clone();
        this.nanos = new long[names.length][iterations];
        this.clock = clock;
    }

    /** Starts the next iteration's first phase. */
    public void start() {
        if (iteration + 1 >= nanos[0].length) {
            throw new IllegalStateException("made for " + nanos[0].length + " iterations; one more was started");
        }
        iteration++;
        mark = clock.getAsLong();
    }

    /** Ends phase {@code phase} of this iteration: its time runs from the previous mark (start or lap) to now. */
    public void lap(int phase) {
        long now = clock.getAsLong();
        nanos[phase][iteration] = now - mark;
        mark = now;
    }

    /** The medians over the second half of the iterations started so far (all zeros before any). */
    public Medians medians() {
        int done = iteration + 1;
        int from = done / 2;
        double[] us = new double[names.length];
        if (done > 0) {
            for (int p = 0; p < names.length; p++) {
                long[] x = Arrays.copyOfRange(nanos[p], from, done);
                Arrays.sort(x);
                int n = x.length;
                us[p] = (n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2.0) / 1e3;
            }
        }
        return new Medians(from, done, names.clone(), us);
    }
}
