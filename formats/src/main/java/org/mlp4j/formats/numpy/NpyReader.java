package org.mlp4j.formats.numpy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads NumPy's {@code .npy} format, versions 1.0, 2.0 and 3.0: the magic {@code \x93NUMPY}, a version, a
 * little-endian header length (2 bytes in v1, 4 in v2/v3), a header that is a Python dict literal with exactly
 * the keys {@code descr}, {@code fortran_order} and {@code shape}, then the raw elements.
 *
 * <p>The header is parsed strictly (no evaluation): string, boolean and integer-tuple values only. Object
 * arrays are refused, as {@code np.load(..., allow_pickle=False)} refuses them. The data must hold exactly the
 * bytes the header declares; this is checked before anything is allocated.
 */
public final class NpyReader {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private NpyReader() {
    }

    /** Reads a {@code .npy} file (gzip-compressed ones too). */
    public static NdArray read(Path file) throws IOException {
        return parse(SourceBytes.read(file));
    }

    /** True when {@code data} starts with the {@code .npy} magic. */
    public static boolean isNpy(byte[] data, int length) {
        if (length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (data[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Parses {@code src} as one {@code .npy} array. */
    public static NdArray parse(SourceBytes src) {
        byte[] b = src.data();
        int n = src.length();
        if (!isNpy(b, n)) {
            throw src.error(0, "expected the .npy magic \\x93NUMPY, found " + hex(b, Math.min(n, 6)));
        }
        if (n < 8) {
            throw src.error(n, "file ends inside the .npy version");
        }
        int major = b[6] & 0xff;
        int minor = b[7] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw src.error(6, "unsupported .npy version " + major + "." + minor + ": expected 1.0, 2.0 or 3.0");
        }
        int lenBytes = major == 1 ? 2 : 4;
        if (n < 8 + lenBytes) {
            throw src.error(n, "file ends inside the .npy header length");
        }
        long headerLen = 0;
        for (int k = lenBytes - 1; k >= 0; k--) {
            headerLen = (headerLen << 8) | (b[8 + k] & 0xff);
        }
        int headerStart = 8 + lenBytes;
        if (headerLen > n - headerStart) {
            throw src.error(8, "header length " + headerLen + " exceeds the " + (n - headerStart) + " bytes that remain");
        }
        String header = new String(b, headerStart, (int) headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = new HeaderParser(src, header, headerStart).parse();
        int dataStart = headerStart + (int) headerLen;
        long count = NdArray.elementCount(h.shape, h.dtype.itemSize());
        long remaining = n - dataStart;
        if (count < 0 || count * h.dtype.itemSize() != remaining) {
            String declared = count < 0 ? "more than " + SourceBytes.MAX_BYTES : Long.toString(count * h.dtype.itemSize());
            throw src.error(dataStart, "header declares shape " + NdArray.shapeString(h.shape) + " of "
                    + h.dtype.name() + " (" + declared + " bytes) but " + remaining + " bytes of data follow");
        }
        return NdArray.of(h.dtype, h.shape, b, dataStart, h.fortran);
    }

    private static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder("0x");
        for (int i = 0; i < n; i++) {
            s.append(String.format("%02x", b[i] & 0xff));
        }
        return n == 0 ? "nothing" : s.toString();
    }

    private static final class Header {
        DType dtype;
        boolean fortran;
        long[] shape;
    }

    /** A strict parser for the header's dict literal: {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}. */
    private static final class HeaderParser {
        private final SourceBytes src;
        private final String s;
        private final int base;
        private int i;

        HeaderParser(SourceBytes src, String s, int base) {
            this.src = src;
            this.s = s;
            this.base = base;
        }

        Header parse() {
            Header h = new Header();
            boolean seenDescr = false;
            boolean seenFortran = false;
            boolean seenShape = false;
            skipSpace();
            expect('{');
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    i++;
                    break;
                }
                int keyAt = i;
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                switch (key) {
                    case "descr":
                        if (seenDescr) {
                            throw fail(keyAt, "key 'descr' appears twice");
                        }
                        seenDescr = true;
                        if (peek() == '[') {
                            throw fail(i, "structured dtypes (a list descr) are not supported: expected one numeric type");
                        }
                        int at = i;
                        String descr = string();
                        try {
                            h.dtype = DType.parse(descr);
                        } catch (IllegalArgumentException e) {
                            throw fail(at, e.getMessage());
                        }
                        break;
                    case "fortran_order":
                        if (seenFortran) {
                            throw fail(keyAt, "key 'fortran_order' appears twice");
                        }
                        seenFortran = true;
                        h.fortran = bool();
                        break;
                    case "shape":
                        if (seenShape) {
                            throw fail(keyAt, "key 'shape' appears twice");
                        }
                        seenShape = true;
                        h.shape = shape();
                        break;
                    default:
                        throw fail(keyAt, "unexpected header key '" + key + "': expected descr, fortran_order and shape");
                }
                skipSpace();
                if (peek() == ',') {
                    i++;
                } else if (peek() != '}') {
                    throw fail(i, "expected ',' or '}' in the header, found " + found());
                }
            }
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\0') {
                    throw fail(i, "unexpected " + found() + " after the header dict");
                }
                i++;
            }
            if (!seenDescr || !seenFortran || !seenShape) {
                throw fail(0, "header lacks " + (!seenDescr ? "'descr'" : !seenFortran ? "'fortran_order'" : "'shape'")
                        + ": expected the keys descr, fortran_order and shape");
            }
            return h;
        }

        private long[] shape() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            skipSpace();
            while (peek() != ')') {
                int at = i;
                long v = 0;
                int digits = 0;
                while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                    v = v * 10 + (s.charAt(i++) - '0');
                    if (++digits > 12) {
                        throw fail(at, "dimension too large");
                    }
                }
                if (digits == 0) {
                    throw fail(i, "expected a dimension (a non-negative integer), found " + found());
                }
                if (peek() == 'L') {
                    i++; // Python 2 longs
                }
                dims.add(v);
                if (dims.size() > 64) {
                    throw fail(at, "more than 64 dimensions");
                }
                skipSpace();
                if (peek() == ',') {
                    i++;
                    skipSpace();
                } else if (peek() != ')') {
                    throw fail(i, "expected ',' or ')' in the shape, found " + found());
                }
            }
            i++;
            long[] out = new long[dims.size()];
            for (int k = 0; k < out.length; k++) {
                out[k] = dims.get(k);
            }
            return out;
        }

        private boolean bool() {
            if (s.startsWith("True", i)) {
                i += 4;
                return true;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return false;
            }
            throw fail(i, "expected True or False, found " + found());
        }

        private String string() {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw fail(i, "expected a quoted string, found " + found());
            }
            int start = ++i;
            while (i < s.length() && s.charAt(i) != q) {
                if (s.charAt(i) == '\\') {
                    throw fail(i, "escape sequences are not expected in a .npy header");
                }
                i++;
            }
            if (i >= s.length()) {
                throw fail(start - 1, "unterminated string in the header");
            }
            return s.substring(start, i++);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw fail(i, "expected '" + c + "' in the header, found " + found());
            }
            i++;
        }

        private void skipSpace() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\n' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\uffff';
        }

        private String found() {
            return i < s.length() ? "'" + s.charAt(i) + "'" : "the end of the header";
        }

        private RuntimeException fail(int at, String message) {
            return src.error(base + (long) at, message);
        }
    }
}
