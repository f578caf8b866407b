package org.mlp4j.formats.pickle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Python {@code bytes}, {@code bytearray} or Python 2 {@code str} read from a pickle: a view of the pickle's
 * own buffer (not a copy), so array data is not duplicated while it is being rebuilt.
 */
public final class PyBytes {
    private final byte[] buf;
    private final int offset;
    private final int length;
    private final boolean python2Str;

    PyBytes(byte[] buf, int offset, int length, boolean python2Str) {
        this.buf = buf;
        this.offset = offset;
        this.length = length;
        this.python2Str = python2Str;
    }

    static PyBytes of(byte[] bytes) {
        return new PyBytes(bytes, 0, bytes.length, false);
    }

    /** The number of bytes. */
    public int length() { return length; }
    /** Byte {@code i}, {@code 0 <= i < length()}. */
    public byte byteAt(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException(i);
        }
        return buf[offset + i];
    }
    /** A copy of the bytes. */
    public byte[] toByteArray() { return Arrays.copyOfRange(buf, offset, offset + length); }
    /** Each byte as the character of the same code (how Python 2 {@code str} data is read). */
    public String toLatin1() { return new String(buf, offset, length, StandardCharsets.ISO_8859_1); }
    /** True for a Python 2 {@code str} (STRING, BINSTRING, SHORT_BINSTRING opcodes). */
    public boolean isPython2Str() { return python2Str; }

    byte[] buffer() { return buf; }
    int offset() { return offset; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PyBytes)) {
            return false;
        }
        PyBytes p = (PyBytes) o;
        return Arrays.equals(buf, offset, offset + length, p.buf, p.offset, p.offset + p.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + buf[i];
        }
        return h;
    }

    /** {@code b'…'} with at most 40 bytes shown. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("b'");
        for (int i = 0; i < Math.min(length, 40); i++) {
            int c = buf[offset + i] & 0xff;
            s.append(c >= 32 && c < 127 && c != '\\' && c != '\'' ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s.append(length > 40 ? "…'" : "'").toString();
    }
}
