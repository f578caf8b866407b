package org.mlp4j.formats.idx;

/** The element types an IDX header can declare, by type code. All multi-byte types are big-endian. */
public enum IdxType {
    U8(0x08, 1, "unsigned byte"),
    I8(0x09, 1, "signed byte"),
    I16(0x0B, 2, "16-bit integer"),
    I32(0x0C, 4, "32-bit integer"),
    F32(0x0D, 4, "32-bit float"),
    F64(0x0E, 8, "64-bit float");

    private final int code;
    private final int size;
    private final String description;

    IdxType(int code, int size, String description) {
        this.code = code;
        this.size = size;
        this.description = description;
    }

    /** The type code byte (third byte of the file). */
    public int code() {
        return code;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** Whether elements are integers (and so can serve as class labels). */
    public boolean isInteger() {
        return this != F32 && this != F64;
    }

    /** The type with this code, or null. */
    public static IdxType ofCode(int code) {
        for (IdxType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return String.format("0x%02X (%s)", code, description);
    }
}
