package org.mlp4j.formats.numpy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional NumPy array of numbers, as read from a pickle, {@code .npy} or {@code .npz} file: a shape, a
 * {@link DType} and the elements in C (row-major) order, kept in the file's own bytes and byte order so that
 * reading a large file does not double its memory. Fortran-order input is reordered once, on construction.
 *
 * <p>A rank-0 array (shape {@code []}) is a NumPy scalar such as {@code np.int64(60000)}.
 *
 * <p>Elements are read out converted: {@link #toFloatArray()} for features (float32 is what the engine trains
 * on), {@link #toLongArray()} / {@link #toIntArray()} for labels, {@link #getDouble(int)} for one value.
 */
public final class NdArray {
    private final DType dtype;
    private final long[] shape;
    private final int size;
    private final byte[] data;
    private final int offset;

    private NdArray(DType dtype, long[] shape, int size, byte[] data, int offset) {
        this.dtype = dtype;
        this.shape = shape;
        this.size = size;
        this.data = data;
        this.offset = offset;
    }

    /**
     * The element count of {@code shape}, or -1 when a dimension is negative or the count (or its byte size
     * with {@code itemSize}) does not fit a Java array. Overflow-safe, so a hostile shape cannot wrap around.
     */
    public static long elementCount(long[] shape, int itemSize) {
        long count = 1;
        for (long d : shape) {
            if (d < 0 || d > SourceBytes.MAX_BYTES) {
                return -1;
            }
            count *= d; // both factors <= 2^31, so no overflow before the check below
            if (count > SourceBytes.MAX_BYTES) {
                return -1;
            }
        }
        return count * itemSize > SourceBytes.MAX_BYTES ? -1 : count;
    }

    /**
     * An array over {@code data[offset, offset + count × itemSize)}, which is taken as it is (not copied) when
     * in C order and reordered into a new array when {@code fortranOrder}.
     *
     * @throws IllegalArgumentException when the shape is invalid or the bytes are too few
     */
    public static NdArray of(DType dtype, long[] shape, byte[] data, int offset, boolean fortranOrder) {
        Objects.requireNonNull(dtype, "dtype");
        long[] dims = shape.clone();
        long count = elementCount(dims, dtype.itemSize());
        if (count < 0) {
            throw new IllegalArgumentException("invalid shape " + shapeString(dims));
        }
        long bytes = count * dtype.itemSize();
        if (offset < 0 || offset > data.length || data.length - offset < bytes) {
            throw new IllegalArgumentException("shape " + shapeString(dims) + " of " + dtype.name() + " needs "
                    + bytes + " bytes, found " + Math.max(0, data.length - offset));
        }
        if (fortranOrder && dims.length > 1 && count > 1) {
            return new NdArray(dtype, dims, (int) count, toCOrder(data, offset, dims, (int) count, dtype.itemSize()), 0);
        }
        return new NdArray(dtype, dims, (int) count, data, offset);
    }

    /** Fortran (column-major) bytes to C (row-major): walks the C index with an odometer. */
    private static byte[] toCOrder(byte[] src, int offset, long[] dims, int count, int item) {
        int rank = dims.length;
        int[] fStride = new int[rank];
        int stride = 1;
        for (int k = 0; k < rank; k++) {
            fStride[k] = stride;
            stride *= (int) dims[k];
        }
        byte[] out = new byte[count * item];
        int[] idx = new int[rank];
        int f = 0;
        for (int c = 0; c < count; c++) {
            System.arraycopy(src, offset + f * item, out, c * item, item);
            for (int k = rank - 1; k >= 0; k--) {
                idx[k]++;
                f += fStride[k];
                if (idx[k] < dims[k]) {
                    break;
                }
                f -= fStride[k] * idx[k];
                idx[k] = 0;
            }
        }
        return out;
    }

    /** A float32 array over {@code values} (copied). */
    public static NdArray ofFloats(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return of(DType.FLOAT32, shape, b.array(), 0, false);
    }

    /** A float64 array over {@code values} (copied). */
    public static NdArray ofDoubles(double[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, 8)).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return of(DType.FLOAT64, shape, b.array(), 0, false);
    }

    /** An int32 array over {@code values} (copied). */
    public static NdArray ofInts(int[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return of(DType.INT32, shape, b.array(), 0, false);
    }

    /** An int64 array over {@code values} (copied). */
    public static NdArray ofLongs(long[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, 8)).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return of(DType.INT64, shape, b.array(), 0, false);
    }

    /** A uint8 array over {@code values} (copied), e.g. pixels. */
    public static NdArray ofUnsignedBytes(byte[] values, long... shape) {
        return of(DType.UINT8, shape, values.clone(), 0, false);
    }

    /** The element type as stored. */
    public DType dtype() { return dtype; }
    /** The shape (a copy); {@code []} for a scalar. */
    public long[] shape() { return shape.clone(); }
    /** The number of dimensions (0 for a scalar). */
    public int rank() { return shape.length; }
    /** The size of dimension {@code axis}. */
    public long dim(int axis) { return shape[axis]; }
    /** The number of elements (1 for a scalar). */
    public int size() { return size; }
    /** Whether the array is a 0-dimensional scalar. */
    public boolean isScalar() { return shape.length == 0; }

    /** Element {@code i} in C order, widened to double (exact for everything but int64 beyond 2^53). */
    public double getDouble(int i) {
        Objects.checkIndex(i, size);
        int p = offset + i * dtype.itemSize();
        switch (dtype.kind()) {
            case BOOL: return data[p] != 0 ? 1 : 0;
            case FLOAT:
                long bits = bits(p);
                return dtype.itemSize() == 2 ? halfToFloat((int) bits)
                        : dtype.itemSize() == 4 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
            case UINT:
                long u = bits(p);
                return dtype.itemSize() == 8 && u < 0 ? (double) (u >>> 1) * 2 + (u & 1) : u;
            default:
                return signed(p);
        }
    }

    /** Element {@code i} in C order as a long: integers exactly, floats truncated toward zero. */
    public long getLong(int i) {
        Objects.checkIndex(i, size);
        int p = offset + i * dtype.itemSize();
        switch (dtype.kind()) {
            case BOOL: return data[p] != 0 ? 1 : 0;
            case UINT: return bits(p);
            case INT: return signed(p);
            default: return (long) getDouble(i);
        }
    }

    /** All elements in C order as float32 — what the engine trains on. */
    public float[] toFloatArray() {
        float[] out = new float[size];
        ByteBuffer b = buffer();
        switch (dtype.kind()) {
            case FLOAT:
                if (dtype.itemSize() == 4) {
                    b.asFloatBuffer().get(out);
                    return out;
                }
                if (dtype.itemSize() == 8) {
                    for (int i = 0; i < size; i++) {
                        out[i] = (float) b.getDouble(i * 8);
                    }
                    return out;
                }
                break;
            case UINT:
                if (dtype.itemSize() == 1) {
                    for (int i = 0; i < size; i++) {
                        out[i] = data[offset + i] & 0xff;
                    }
                    return out;
                }
                break;
            default:
                break;
        }
        for (int i = 0; i < size; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }

    /** All elements in C order as doubles. */
    public double[] toDoubleArray() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /** All elements in C order as longs (floats truncated toward zero). */
    public long[] toLongArray() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = getLong(i);
        }
        return out;
    }

    /**
     * All elements in C order as ints.
     *
     * @throws ArithmeticException when an element does not fit an int
     */
    public int[] toIntArray() {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = Math.toIntExact(getLong(i));
        }
        return out;
    }

    /** A copy of the element bytes, C order, in {@link #dtype()}'s byte order. */
    public byte[] toBytes() {
        return Arrays.copyOfRange(data, offset, offset + size * dtype.itemSize());
    }

    /** The same elements with the shape {@code newShape} (same element count); no copy. */
    public NdArray reshape(long... newShape) {
        long count = elementCount(newShape, dtype.itemSize());
        if (count != size) {
            throw new IllegalArgumentException("cannot reshape " + shapeString(shape) + " to " + shapeString(newShape));
        }
        return new NdArray(dtype, newShape.clone(), size, data, offset);
    }

    private ByteBuffer buffer() {
        return ByteBuffer.wrap(data, offset, size * dtype.itemSize()).slice().order(dtype.order());
    }

    private long bits(int p) {
        int n = dtype.itemSize();
        long v = 0;
        if (dtype.order().equals(ByteOrder.LITTLE_ENDIAN)) {
            for (int k = n - 1; k >= 0; k--) {
                v = (v << 8) | (data[p + k] & 0xff);
            }
        } else {
            for (int k = 0; k < n; k++) {
                v = (v << 8) | (data[p + k] & 0xff);
            }
        }
        return v;
    }

    private long signed(int p) {
        int shift = 64 - 8 * dtype.itemSize();
        return (bits(p) << shift) >> shift;
    }

    /** IEEE 754 binary16 to float (Float.float16ToFloat arrived only in JDK 20). */
    static float halfToFloat(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal (or zero)
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** {@code (2, 3)}, {@code (5,)}, {@code ()} — as Python prints shapes. */
    public static String shapeString(long[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    @Override
    public String toString() {
        return "ndarray" + shapeString(shape) + " " + dtype;
    }
}
