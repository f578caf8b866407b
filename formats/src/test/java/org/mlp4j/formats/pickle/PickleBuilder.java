package org.mlp4j.formats.pickle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes pickles opcode by opcode, as the pickle specification (pickletools) spells them. */
final class PickleBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    int pos() {
        return out.size();
    }

    PickleBuilder op(int opcode) {
        out.write(opcode);
        return this;
    }

    PickleBuilder raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    PickleBuilder text(String s) {
        return raw(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    PickleBuilder u8(int v) {
        out.write(v);
        return this;
    }

    PickleBuilder le(long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
        return this;
    }

    /** SHORT_BINSTRING: a Python 2 str of at most 255 bytes. */
    PickleBuilder shortBinString(byte[] b) {
        return op('U').u8(b.length).raw(b);
    }

    PickleBuilder shortBinString(String s) {
        return shortBinString(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** SHORT_BINUNICODE (protocol 4). */
    PickleBuilder shortBinUnicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return op(0x8c).u8(b.length).raw(b);
    }

    /** STRING: a quoted Python 2 str literal, every byte \x-escaped. */
    PickleBuilder string(byte[] b) {
        StringBuilder s = new StringBuilder("S'");
        for (byte x : b) {
            s.append(String.format("\\x%02x", x & 0xff));
        }
        return text(s.append("'\n").toString());
    }

    PickleBuilder string(String s) {
        return text("S'" + s + "'\n");
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
