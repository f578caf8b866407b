package org.mlp4j.formats.idx;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.mlp4j.formats.DataFormatException;
import org.mlp4j.formats.io.Gzip;
import org.mlp4j.formats.io.MemoryBudget;

/**
 * Reads IDX files, plain or gzip-compressed (recognised by magic bytes), of every type code and any rank ≥ 1.
 *
 * <p>The header is validated before anything is allocated: magic, type code, rank, each dimension, an element
 * count that fits a Java array, and — for a plain file, whose size is known — that the file holds exactly the
 * declared data. A gzip stream's size is unknown until it is read, so its data is read in bounded chunks into an
 * array that grows only as real data arrives; a header that lies fails at the byte where the data ran out,
 * having allocated in proportion to what the file really holds. Offsets in a gzip file's errors count bytes
 * of the decompressed stream.
 */
public final class IdxReader {
    /** Bytes read per chunk: a multiple of every element size. */
    private static final int CHUNK = 1 << 16;
    /** Elements a gzip read allocates before seeing data; growth after that is backed by data read. */
    private static final int MIN_INITIAL_ELEMENTS = 1 << 20;
    /**
     * Gzip files typically expand 1–10×; allocating this many elements per compressed byte up front covers
     * real files in one allocation while a lying header gets only a bounded head start.
     */
    private static final int INITIAL_EXPANSION = 16;

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle F32 = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle F64 = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.BIG_ENDIAN);

    private IdxReader() {
    }

    /** Reads and validates the header only (cheap: a gzip file is decompressed no further than the header). */
    public static IdxHeader readHeader(Path file) throws IOException {
        boolean gzip = Gzip.isGzip(file);
        try (InputStream in = Gzip.open(file)) {
            return readHeader(file, in, gzip);
        }
    }

    /** Reads the whole file as floats (any type code). */
    public static IdxArray readFloats(Path file) throws IOException {
        return read(file, false);
    }

    /** Reads the whole file as ints; the type code must be an integer type (labels). */
    public static IdxArray readInts(Path file) throws IOException {
        return read(file, true);
    }

    private static IdxArray read(Path file, boolean asInts) throws IOException {
        boolean gzip = Gzip.isGzip(file);
        try (InputStream in = Gzip.open(file)) {
            IdxHeader h = readHeader(file, in, gzip);
            if (asInts && !h.type().isInteger()) {
                throw new DataFormatException(file.toString(), DataFormatException.atByte(2),
                        "expected an integer type code for labels, found " + h.type());
            }
            int initial = h.count();
            if (gzip) {
                long estimate = Math.max(MIN_INITIAL_ELEMENTS, Files.size(file) * INITIAL_EXPANSION / h.type().size());
                initial = (int) Math.min(h.count(), estimate);
            }
            return new Chunks(file, in, h, asInts, initial).readAll();
        }
    }

    static IdxHeader readHeader(Path file, InputStream in, boolean gzip) throws IOException {
        String name = file.toString();
        byte[] magic = readHeaderBytes(name, in, 0, 4, gzip);
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DataFormatException(name, DataFormatException.atByte(0),
                    "expected IDX magic 00 00 followed by a type code and a rank, found " + hex(magic));
        }
        IdxType type = IdxType.ofCode(magic[2] & 0xFF);
        if (type == null) {
            throw new DataFormatException(name, DataFormatException.atByte(2), String.format(
                    "unknown IDX type code 0x%02X (expected 0x08 u8, 0x09 i8, 0x0B i16, 0x0C i32, 0x0D f32 or 0x0E f64)",
                    magic[2] & 0xFF));
        }
        int rank = magic[3] & 0xFF;
        if (rank == 0) {
            throw new DataFormatException(name, DataFormatException.atByte(3),
                    "expected a rank of at least 1, found 0 dimensions");
        }
        byte[] dimBytes = readHeaderBytes(name, in, 4, 4 * rank, gzip);
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            long d = ((int) I32.get(dimBytes, 4 * i)) & 0xFFFF_FFFFL;
            if (d > Integer.MAX_VALUE) {
                throw new DataFormatException(name, position(4 + 4L * i, gzip),
                        "dimension " + i + " is " + d + ", more than 2^31-1");
            }
            dims[i] = (int) d;
            count *= d;
            // Checked per factor so the product can never overflow a long.
            if (count > Integer.MAX_VALUE) {
                throw new DataFormatException(name, DataFormatException.atByte(4), "the header declares "
                        + product(dims, i + 1) + (i + 1 < rank ? "×…" : "") + " elements, more than the 2^31-1"
                        + " a Java array holds");
            }
        }
        // With 0 rows the element count is 0 whatever the rest says; a row's width must still fit an int.
        long width = 1;
        for (int i = 1; i < rank; i++) {
            width *= dims[i];
            if (width > Integer.MAX_VALUE) {
                throw new DataFormatException(name, position(4 + 4L * i, gzip), "the header declares rows of "
                        + product(dims, 1, i + 1) + (i + 1 < rank ? "×…" : "")
                        + " values, more than the 2^31-1 a Java array holds");
            }
        }
        IdxHeader h = new IdxHeader(type, dims, (int) count, gzip);
        if (!gzip) {
            long size = Files.size(file);
            long end = h.dataOffset() + h.dataBytes();
            if (size < end) {
                throw new DataFormatException(name, DataFormatException.atByte(size), "the file ends after "
                        + (size - h.dataOffset()) + " bytes of data, but its header declares " + h.describe()
                        + " = " + h.dataBytes() + " bytes from byte " + h.dataOffset());
            }
            if (size > end) {
                throw new DataFormatException(name, DataFormatException.atByte(end), "expected the end of the file after the "
                        + h.dataBytes() + " data bytes its header declares (" + h.describe() + "), found "
                        + (size - end) + " more bytes");
            }
        }
        return h;
    }

    private static byte[] readHeaderBytes(String name, InputStream in, long offset, int n, boolean gzip) throws IOException {
        byte[] b;
        try {
            b = in.readNBytes(n);
        } catch (EOFException | ZipException e) {
            throw corrupt(name, offset, gzip, e);
        }
        if (b.length < n) {
            throw new DataFormatException(name, position(offset + b.length, gzip),
                    offset + b.length == 0 ? "empty file: expected an IDX header"
                            : "the file ends inside the IDX header (expected " + (offset + n) + " header bytes)");
        }
        return b;
    }

    /** Reads data in fixed chunks, decoding each into a destination that grows with the data actually read. */
    private static final class Chunks {
        private final Path file;
        private final InputStream in;
        private final IdxHeader h;
        private final boolean asInts;
        private float[] floats;
        private int[] ints;
        /** Integer elements of one chunk on their way to {@link #floats}; allocated only when needed. */
        private int[] widening;

        Chunks(Path file, InputStream in, IdxHeader h, boolean asInts, int initialCapacity) {
            this.file = file;
            this.in = in;
            this.h = h;
            this.asInts = asInts;
            reserve(initialCapacity, h.dataOffset());
            if (asInts) {
                ints = new int[initialCapacity];
            } else {
                floats = new float[initialCapacity];
            }
        }

        IdxArray readAll() throws IOException {
            int size = h.type().size();
            int count = h.count();
            byte[] buf = new byte[CHUNK];
            long offset = h.dataOffset();
            int done = 0;
            while (done < count) {
                int n = Math.min(CHUNK / size, count - done);
                int want = n * size;
                int got = readFully(buf, want, offset);
                if (got < want) {
                    throw new DataFormatException(file.toString(), position(offset + got, h.isGzip()),
                            "the data ends after " + (offset + got - h.dataOffset()) + " of the " + h.dataBytes()
                                    + " bytes the header declares (" + h.describe() + ")");
                }
                ensureCapacity(done + n);
                decode(buf, n, done);
                done += n;
                offset += want;
            }
            if (h.isGzip()) {
                // A plain file's length was checked against the header; a gzip stream can only be checked here.
                int extra = readFully(buf, 1, offset);
                if (extra > 0) {
                    throw new DataFormatException(file.toString(), position(offset, true),
                            "expected the end of the data after the " + h.dataBytes() + " bytes its header declares ("
                                    + h.describe() + "), found more");
                }
            }
            return new IdxArray(h.type(), h.dims(), asInts ? null : floats, asInts ? ints : null);
        }

        private int readFully(byte[] buf, int want, long offset) throws IOException {
            try {
                return in.readNBytes(buf, 0, want);
            } catch (EOFException | ZipException e) {
                throw corrupt(file.toString(), offset, h.isGzip(), e);
            }
        }

        /** Refuses, before allocating, {@code elements} values that would not fit the memory budget. */
        private void reserve(int elements, long offset) {
            MemoryBudget.check(file.toString(), position(offset, h.isGzip()), 4.0 * elements,
                    elements + " values of " + h.describe());
        }

        private void ensureCapacity(int needed) {
            int cap = asInts ? ints.length : floats.length;
            if (needed <= cap) {
                return;
            }
            int grown = (int) Math.min(h.count(), Math.max(needed, 2L * cap));
            reserve(grown, h.dataOffset() + (long) cap * h.type().size());
            if (asInts) {
                ints = Arrays.copyOf(ints, grown);
            } else {
                floats = Arrays.copyOf(floats, grown);
            }
        }

        /**
         * Decodes {@code n} elements of {@code b} into the destination from element {@code at}. Integer types are
         * decoded once, by {@link #decodeIntegers}, and widened to floats when floats are wanted (exact up to 2^24,
         * rounded to nearest above, as a direct conversion would).
         */
        private void decode(byte[] b, int n, int at) {
            switch (h.type()) {
                case F32:
                    for (int i = 0; i < n; i++) {
                        floats[at + i] = (float) F32.get(b, 4 * i);
                    }
                    break;
                case F64:
                    for (int i = 0; i < n; i++) {
                        floats[at + i] = (float) (double) F64.get(b, 8 * i);
                    }
                    break;
                default:
                    if (asInts) {
                        decodeIntegers(b, n, ints, at);
                    } else {
                        if (widening == null) {
                            widening = new int[CHUNK];
                        }
                        decodeIntegers(b, n, widening, 0);
                        for (int i = 0; i < n; i++) {
                            floats[at + i] = widening[i];
                        }
                    }
            }
        }

        /** The one decoding loop of each integer type. */
        private void decodeIntegers(byte[] b, int n, int[] out, int at) {
            switch (h.type()) {
                case U8:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = b[i] & 0xFF;
                    }
                    break;
                case I8:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = b[i];
                    }
                    break;
                case I16:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = (short) I16.get(b, 2 * i);
                    }
                    break;
                case I32:
                    for (int i = 0; i < n; i++) {
                        out[at + i] = (int) I32.get(b, 4 * i);
                    }
                    break;
                default:
                    throw new AssertionError(h.type());
            }
        }
    }

    static String position(long offset, boolean gzip) {
        return DataFormatException.atByte(offset) + (gzip ? " of the decompressed data" : "");
    }

    private static DataFormatException corrupt(String name, long offset, boolean gzip, IOException e) {
        return new DataFormatException(name, position(offset, gzip),
                "the gzip stream is corrupt or truncated: " + e.getMessage(), e);
    }

    private static String product(int[] dims, int n) {
        return product(dims, 0, n);
    }

    /** {@code dims[from]×…×dims[to-1]}. */
    private static String product(int[] dims, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(i == from ? "" : "×").append(dims[i]);
        }
        return sb.toString();
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xFF));
        }
        return sb.toString();
    }
}
