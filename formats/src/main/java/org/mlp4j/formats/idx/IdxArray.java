package org.mlp4j.formats.idx;

/**
 * The content of an IDX file: its dimensions and its elements in row-major order, either as floats (features)
 * or as ints (labels). Exactly one of {@link #floats()} and {@link #ints()} is available, depending on how the
 * file was read.
 */
public final class IdxArray {
    private final IdxType type;
    private final int[] dims;
    private final float[] floats;
    private final int[] ints;

    IdxArray(IdxType type, int[] dims, float[] floats, int[] ints) {
        this.type = type;
        this.dims = dims;
        this.floats = floats;
        this.ints = ints;
    }

    /** An array of floats, e.g. to write with {@link IdxWriter}. */
    public static IdxArray ofFloats(int[] dims, float[] values) {
        checkCount(dims, values.length);
        return new IdxArray(IdxType.F32, dims.clone(), values, null);
    }

    /** An array of ints, e.g. labels to write with {@link IdxWriter}. */
    public static IdxArray ofInts(int[] dims, int[] values) {
        checkCount(dims, values.length);
        return new IdxArray(IdxType.I32, dims.clone(), null, values);
    }

    private static void checkCount(int[] dims, int length) {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension " + d);
            }
            n *= d;
        }
        if (dims.length == 0 || n != length) {
            throw new IllegalArgumentException(length + " values do not fill dimensions " + java.util.Arrays.toString(dims));
        }
    }

    /** The element type declared in the file the array was read from. */
    public IdxType type() {
        return type;
    }

    /** The dimensions, outermost first (a copy). */
    public int[] dims() {
        return dims.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** The size of dimension {@code i}. */
    public int dim(int i) {
        return dims[i];
    }

    /** The number of elements. */
    public int count() {
        return floats != null ? floats.length : ints.length;
    }

    /** Whether the elements were read as floats (else as ints). */
    public boolean hasFloats() {
        return floats != null;
    }

    /** The elements as floats (live array); throws when the array was read as ints. */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("this IDX array holds ints");
        }
        return floats;
    }

    /** The elements as ints (live array); throws when the array was read as floats. */
    public int[] ints() {
        if (ints == null) {
            throw new IllegalStateException("this IDX array holds floats");
        }
        return ints;
    }
}
