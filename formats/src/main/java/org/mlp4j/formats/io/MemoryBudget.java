package org.mlp4j.formats.io;

import org.mlp4j.formats.DataFormatException;

/**
 * How much memory one input may make the readers allocate, checked <em>before</em> each allocation that the input
 * decides (a decompressed size, a declared shape, a memo expansion): the heap that is left, or less when a limit is
 * set ({@code --max-memory}, or the system property {@value #PROPERTY} in bytes with an optional {@code k/m/g}
 * suffix). A refused allocation is a {@link DataFormatException} naming the file, the position, what the input asked
 * for and the budget — never an {@link OutOfMemoryError} after seconds of work.
 *
 * <p>Decompressed bytes get half of the budget: a pickle's bytes become floats, which need at least as much again.
 */
public final class MemoryBudget {
    /** The system property that sets the limit, e.g. {@code -Dmlp4j.maxMemory=2g}. */
    public static final String PROPERTY = "mlp4j.maxMemory";

    private static volatile long limit = parse(System.getProperty(PROPERTY), Long.MAX_VALUE);

    private MemoryBudget() {
    }

    /** Sets the limit in bytes ({@code Long.MAX_VALUE}: only the heap bounds it). */
    public static void setLimit(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("memory limit must be positive, got " + bytes);
        }
        limit = bytes;
    }

    /** The limit set, or {@code Long.MAX_VALUE}. */
    public static long limit() {
        return limit;
    }

    /** Bytes the readers may allocate now: the smaller of the limit and the heap not yet in use. */
    public static long available() {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return Math.max(0, Math.min(limit, free));
    }

    /** Bytes a decompressed input may take: half of {@link #available()}, the rest being for what it becomes. */
    public static long forInflated() {
        return available() / 2;
    }

    /**
     * Refuses an allocation of {@code bytes} bytes (may be {@code count × itemSize} beyond {@code long}: pass
     * them separately) that would not fit the budget.
     *
     * @param what what would be allocated, for the message ("40000 × 40000 float64 values")
     */
    public static void check(String file, String position, double bytes, String what) {
        long budget = available();
        if (bytes > budget) {
            throw new DataFormatException(file, position, what + " would take " + human(bytes)
                    + ", more than the memory budget of " + human(budget) + " (" + advice() + ")");
        }
    }

    /** What to do about a refused allocation. */
    public static String advice() {
        return limit == Long.MAX_VALUE ? "the heap left; raise it with -Xmx if the file is genuine"
                : "--max-memory " + human(limit);
    }

    /** {@code 1.5 GB}, {@code 280 KB}, {@code 12 bytes}. */
    public static String human(double bytes) {
        if (bytes < 1024) {
            return (long) bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes / 1024;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /**
     * Parses {@code 512m}, {@code 2g}, {@code 1048576} into bytes; {@code fallback} when {@code text} is null.
     *
     * @throws IllegalArgumentException when {@code text} is not such a size
     */
    public static long parse(String text, long fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g' || last == 't') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : last == 'g' ? 1L << 30 : 1L << 40;
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t);
            if (!(v > 0) || v * unit >= Long.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return Math.max(1, (long) (v * unit));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a memory size like 512m or 2g, found '" + text + "'");
        }
    }
}
