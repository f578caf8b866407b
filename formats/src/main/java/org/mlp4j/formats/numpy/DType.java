package org.mlp4j.formats.numpy;

import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Objects;

/**
 * The NumPy element types mlp4j reads and writes: bool, signed and unsigned integers of 1–8 bytes and
 * half/single/double floats, in either byte order. Object, string, structured, complex and date types are
 * not data a network can train on and are refused by {@link #parse}.
 */
public final class DType {
    /** What the bytes of an element mean. */
    public enum Kind {
        BOOL('b'), INT('i'), UINT('u'), FLOAT('f');

        final char code;

        Kind(char code) {
            this.code = code;
        }
    }

    /** NumPy {@code bool}: one byte, 0 or 1. */
    public static final DType BOOL = new DType(Kind.BOOL, 1, ByteOrder.LITTLE_ENDIAN);
    /** NumPy {@code int8}. */
    public static final DType INT8 = new DType(Kind.INT, 1, ByteOrder.LITTLE_ENDIAN);
    /** NumPy {@code uint8}. */
    public static final DType UINT8 = new DType(Kind.UINT, 1, ByteOrder.LITTLE_ENDIAN);
    /** NumPy {@code int16}, little-endian. */
    public static final DType INT16 = new DType(Kind.INT, 2, ByteOrder.LITTLE_ENDIAN);
    /** NumPy {@code uint16}, little-endian. */
    public static final DType UINT16 = new DType(Kind.UINT, 2, ByteOrder.LITTLE_ENDIAN);
    /** NumPy {@code int32}, little-endian. */
    public static final DType INT32 = new DType(Kind.INT, 4, ByteOrder.LITTLE_ENDIAN);
    /** NumPy {@code uint32}, little-endian. */
    public static final DType UINT32 = new DType(Kind.UINT, 4, ByteOrder.LITTLE_ENDIAN);
    /** NumPy {@code int64}, little-endian. */
    public static final DType INT64 = new DType(Kind.INT, 8, ByteOrder.LITTLE_ENDIAN);
    /** NumPy {@code uint64}, little-endian. */
    public static final DType UINT64 = new DType(Kind.UINT, 8, ByteOrder.LITTLE_ENDIAN);
    /** NumPy {@code float16}, little-endian. */
    public static final DType FLOAT16 = new DType(Kind.FLOAT, 2, ByteOrder.LITTLE_ENDIAN);
    /** NumPy {@code float32}, little-endian. */
    public static final DType FLOAT32 = new DType(Kind.FLOAT, 4, ByteOrder.LITTLE_ENDIAN);
    /** NumPy {@code float64}, little-endian. */
    public static final DType FLOAT64 = new DType(Kind.FLOAT, 8, ByteOrder.LITTLE_ENDIAN);

    private final Kind kind;
    private final int itemSize;
    private final ByteOrder order;

    private DType(Kind kind, int itemSize, ByteOrder order) {
        this.kind = kind;
        this.itemSize = itemSize;
        // one-byte types have no byte order; keep them canonical so equals() works
        this.order = itemSize == 1 ? ByteOrder.LITTLE_ENDIAN : order;
    }

    /**
     * Parses a NumPy type string as {@code .npy} headers and pickled dtypes spell it: an optional byte-order
     * character ({@code < > | =}; {@code =} and none mean little-endian, the order of every machine mlp4j runs
     * on) followed by a kind and a size ({@code f4}, {@code u1}, {@code b1}), or {@code ?} for bool.
     *
     * @throws IllegalArgumentException naming the type when it is not one we read (objects, strings, …)
     */
    public static DType parse(String descr) {
        Objects.requireNonNull(descr, "descr");
        String s = descr;
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (!s.isEmpty() && "<>|=".indexOf(s.charAt(0)) >= 0) {
            if (s.charAt(0) == '>') {
                order = ByteOrder.BIG_ENDIAN;
            }
            s = s.substring(1);
        }
        if (s.equals("?")) {
            return BOOL;
        }
        if (s.startsWith("O")) {
            throw new IllegalArgumentException("object arrays (dtype '" + descr + "') are refused: they hold Python"
                    + " objects that only running pickle code could rebuild (NumPy's allow_pickle=False refuses them too)");
        }
        if (s.length() < 2 || s.length() > 3) {
            throw unsupported(descr);
        }
        int size;
        try {
            size = Integer.parseInt(s.substring(1));
        } catch (NumberFormatException e) {
            throw unsupported(descr);
        }
        switch (s.charAt(0)) {
            case 'b':
                if (size == 1) {
                    return BOOL;
                }
                break;
            case 'i':
                if (size == 1 || size == 2 || size == 4 || size == 8) {
                    return new DType(Kind.INT, size, order);
                }
                break;
            case 'u':
                if (size == 1 || size == 2 || size == 4 || size == 8) {
                    return new DType(Kind.UINT, size, order);
                }
                break;
            case 'f':
                if (size == 2 || size == 4 || size == 8) {
                    return new DType(Kind.FLOAT, size, order);
                }
                break;
            default:
                break;
        }
        throw unsupported(descr);
    }

    private static IllegalArgumentException unsupported(String descr) {
        return new IllegalArgumentException("unsupported dtype '" + descr + "': expected bool, int8/16/32/64,"
                + " uint8/16/32/64 or float16/32/64");
    }

    /** Boolean, signed, unsigned or floating point. */
    public Kind kind() { return kind; }
    /** Bytes per element. */
    public int itemSize() { return itemSize; }
    /** The byte order of elements wider than a byte. */
    public ByteOrder order() { return order; }
    /** Whether elements are whole numbers: bool, signed or unsigned integers. */
    public boolean isInteger() { return kind == Kind.INT || kind == Kind.UINT || kind == Kind.BOOL; }

    /** The same type with the given byte order (one-byte types are unaffected). */
    public DType withOrder(ByteOrder newOrder) {
        return newOrder.equals(order) || itemSize == 1 ? this : new DType(kind, itemSize, newOrder);
    }

    /** The {@code .npy} type string: {@code <f4}, {@code >i8}, {@code |u1}, {@code |b1}. */
    public String descr() {
        char o = itemSize == 1 ? '|' : order.equals(ByteOrder.BIG_ENDIAN) ? '>' : '<';
        return "" + o + kind.code + itemSize;
    }

    /** NumPy's name: {@code float32}, {@code uint8}, {@code bool}. */
    public String name() {
        switch (kind) {
            case BOOL: return "bool";
            case FLOAT: return "float" + itemSize * 8;
            case UINT: return "uint" + itemSize * 8;
            default: return "int" + itemSize * 8;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DType && ((DType) o).kind == kind && ((DType) o).itemSize == itemSize
                && ((DType) o).order.equals(order);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, itemSize, order.toString());
    }

    @Override
    public String toString() {
        return name() + (itemSize > 1 && order.equals(ByteOrder.BIG_ENDIAN) ? " (big-endian)" : "");
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
