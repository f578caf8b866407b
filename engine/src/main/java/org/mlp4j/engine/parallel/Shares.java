package org.mlp4j.engine.parallel;

/**
 * How {@code units} of work (rows, elements, columns) are split into {@code parts} contiguous shares, one per part of
 * a {@link WorkerPool} job: share {@code part} is {@code [start(part), start(part + 1))}. The shares differ in size by
 * at most one unit and depend only on the three numbers, so a result that is summed share by share is the same
 * whichever thread runs which part.
 */
public final class Shares {
    private Shares() {
    }

    /**
     * The first unit of share {@code part} ({@code 0 <= part <= parts}); {@code start(parts, parts)} is {@code units}.
     * Computed in 64 bits, so {@code units * part} cannot overflow.
     */
    public static int start(int units, int part, int parts) {
        return (int) ((long) units * part / parts);
    }
}
