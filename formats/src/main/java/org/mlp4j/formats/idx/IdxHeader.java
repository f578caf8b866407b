package org.mlp4j.formats.idx;

import java.util.Arrays;

/**
 * A validated IDX header: element type, dimensions, and where the data starts. Holding one means the element
 * count fits a Java array; whether the file really holds that much data is checked when reading.
 */
public final class IdxHeader {
    private final IdxType type;
    private final int[] dims;
    private final int count;
    private final boolean gzip;

    IdxHeader(IdxType type, int[] dims, int count, boolean gzip) {
        this.type = type;
        this.dims = dims;
        this.count = count;
        this.gzip = gzip;
    }

    /** The element type the type code declares. */
    public IdxType type() {
        return type;
    }

    /** The dimensions, outermost first (e.g. {@code [60000, 28, 28]}). */
    public int[] dims() {
        return dims.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Size of the first dimension: the number of samples. */
    public int rows() {
        return dims[0];
    }

    /** Product of all dimensions but the first: features per sample once flattened (1 for rank 1). */
    public int rowWidth() {
        int w = 1;
        for (int i = 1; i < dims.length; i++) {
            w *= dims[i];
        }
        return w;
    }

    /** The number of elements (product of the dimensions). */
    public int count() {
        return count;
    }

    /** Header length in bytes: the offset at which the data starts. */
    public int dataOffset() {
        return 4 + 4 * dims.length;
    }

    /** Bytes of data the header declares. */
    public long dataBytes() {
        return (long) count * type.size();
    }

    /** Whether the file is gzip-compressed (offsets then count in the decompressed stream). */
    public boolean isGzip() {
        return gzip;
    }

    /** {@code 60000×28×28 0x08 (unsigned byte)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : "×").append(dims[i]);
        }
        return sb.append(' ').append(type).toString();
    }

    @Override
    public String toString() {
        return "IdxHeader[" + describe() + (gzip ? ", gzip" : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxHeader && ((IdxHeader) o).type == type && Arrays.equals(((IdxHeader) o).dims, dims);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(dims);
    }
}
