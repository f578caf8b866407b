package org.mlp4j.formats.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlp4j.formats.DataFormatException;

class IdxReaderTest {
    @TempDir
    Path dir;

    private static float[] sample(IdxType type, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            switch (type) {
                case U8: v[i] = (i * 37) % 256; break;
                case I8: v[i] = (i * 37) % 256 - 128; break;
                case I16: v[i] = (i * 7919) % 65536 - 32768; break;
                case I32: v[i] = (i % 2 == 0 ? 1 : -1) * (i * 104_729 % 16_777_216); break;
                default: v[i] = (float) Math.sin(i) * (float) Math.pow(10, i % 9 - 4); break;
            }
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(IdxType.class)
    void everyTypeCodeRoundTripsPlain(IdxType type) throws IOException {
        roundTrip(type, false);
    }

    @ParameterizedTest
    @EnumSource(IdxType.class)
    void everyTypeCodeRoundTripsGzipped(IdxType type) throws IOException {
        roundTrip(type, true);
    }

    private void roundTrip(IdxType type, boolean gzip) throws IOException {
        int[] dims = {5, 3, 4};
        float[] values = sample(type, 60);
        Path file = dir.resolve("data-" + type);
        IdxWriter.write(file, type, dims, values, gzip);
        IdxArray a = IdxReader.readFloats(file);
        assertEquals(type, a.type());
        assertArrayEquals(dims, a.dims());
        assertArrayEquals(values, a.floats());
        IdxHeader h = IdxReader.readHeader(file);
        assertEquals(gzip, h.isGzip());
        assertEquals(60, h.count());
        assertEquals(12, h.rowWidth());
    }

    @Test
    void integerTypesReadAsInts() throws IOException {
        Path file = dir.resolve("labels");
        IdxWriter.writeU8(file, new int[] {4}, new int[] {0, 9, 255, 3}, false);
        assertArrayEquals(new int[] {0, 9, 255, 3}, IdxReader.readInts(file).ints());
    }

    @Test
    void rankOneAndRankFourRead() throws IOException {
        Path one = dir.resolve("one");
        IdxWriter.writeF32(one, new int[] {3}, new float[] {1, 2, 3}, false);
        assertArrayEquals(new int[] {3}, IdxReader.readFloats(one).dims());
        Path four = dir.resolve("four");
        IdxWriter.writeF32(four, new int[] {2, 1, 2, 2}, new float[8], false);
        assertEquals(4, IdxReader.readFloats(four).rank());
    }

    @Test
    void gzipIsRecognisedByMagicNotName() throws IOException {
        Path file = dir.resolve("no-suffix");
        IdxWriter.writeU8(file, new int[] {2}, new int[] {1, 2}, true);
        assertArrayEquals(new int[] {1, 2}, IdxReader.readInts(file).ints());
        Path plain = dir.resolve("plain.gz");
        IdxWriter.writeU8(plain, new int[] {2}, new int[] {1, 2}, false);
        assertArrayEquals(new int[] {1, 2}, IdxReader.readInts(plain).ints());
    }

    @Test
    void wrongMagicNamesFileAndByteZero() throws IOException {
        Path file = write("bad-magic", new byte[] {0x4d, 0x5a, (byte) 0x90, 0, 0, 0, 0, 1, 0});
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readFloats(file));
        assertEquals("byte 0", e.position());
        assertTrue(e.getMessage().startsWith(file + ": byte 0: expected IDX magic"), e.getMessage());
        assertTrue(e.getMessage().contains("4d 5a 90 00"), e.getMessage());
    }

    @Test
    void unknownTypeCodeNamesByteTwo() throws IOException {
        Path file = write("bad-type", new byte[] {0, 0, 0x07, 1, 0, 0, 0, 1, 5});
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readFloats(file));
        assertEquals("byte 2", e.position());
        assertTrue(e.getMessage().contains("unknown IDX type code 0x07"), e.getMessage());
    }

    @Test
    void rankZeroIsRejected() throws IOException {
        Path file = write("rank0", new byte[] {0, 0, 0x08, 0});
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readFloats(file));
        assertEquals("byte 3", e.position());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Path file = write("empty", new byte[0]);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readFloats(file));
        assertEquals("byte 0", e.position());
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());
    }

    @Test
    void truncatedHeaderIsRejected() throws IOException {
        Path file = write("short-header", new byte[] {0, 0, 0x08, 3, 0, 0, 0, 2});
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readFloats(file));
        assertEquals("byte 8", e.position());
    }

    @Test
    void truncatedPlainDataFailsAtTheFileEndBeforeReading() throws IOException {
        // 10×10 u8 declared, only 30 data bytes present: the file ends at byte 12 + 30 = 42.
        Path file = write("truncated", header(0x08, 10, 10), new byte[30]);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readHeader(file));
        assertEquals("byte 42", e.position());
        assertTrue(e.getMessage().contains("10×10"), e.getMessage());
        assertTrue(e.getMessage().contains("100 bytes"), e.getMessage());
    }

    @Test
    void truncatedGzipDataFailsAtTheByteWhereDataRanOut() throws IOException {
        Path file = dir.resolve("truncated.gz");
        Files.write(file, gzip(concat(header(0x0D, 1000), new byte[1234])));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readFloats(file));
        assertEquals("byte " + (8 + 1234) + " of the decompressed data", e.position());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void cutGzipStreamIsReportedAsCorrupt() throws IOException {
        Path file = dir.resolve("cut.gz");
        byte[] whole = gzip(concat(header(0x08, 100_000), sampleBytes(100_000)));
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readFloats(file));
        assertTrue(e.position().endsWith("of the decompressed data"), e.position());
        assertTrue(e.getMessage().contains("corrupt or truncated"), e.getMessage());
    }

    @Test
    void trailingBytesAfterTheDeclaredDataAreRejected() throws IOException {
        Path file = write("trailing", header(0x08, 4), new byte[6]);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readFloats(file));
        assertEquals("byte 12", e.position());
    }

    @Test
    void sixteenByteFileClaimingMoreThan2To31ElementsFailsWithoutAllocating() throws IOException {
        // 65536 × 65536 × 1 = 2^32 elements: rejected from the header alone.
        Path file = write("huge", header(0x08, 65536, 65536, 1));
        assertEquals(16, Files.size(file));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readFloats(file));
        assertEquals("byte 4", e.position());
        assertTrue(e.getMessage().contains("more than the 2^31-1"), e.getMessage());
    }

    @Test
    void dimensionAbove2To31IsRejected() throws IOException {
        Path file = write("huge-dim", header(0x08, 0xFFFF_FFFF));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readFloats(file));
        assertEquals("byte 4", e.position());
    }

    @Test
    void plainFileDeclaringMoreThanItHoldsFailsBeforeAllocating() throws IOException {
        // 2^29 f64 elements = 4 GiB declared in a 20-byte file; the surefire heap is 2 GiB, so allocating would fail.
        Path file = write("liar", header(0x0E, 1 << 29), new byte[8]);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readFloats(file));
        assertEquals("byte 16", e.position());
    }

    @Test
    void gzipFileDeclaringMoreThanItHoldsFailsWhereDataEndsWithoutAllocatingTheDeclaredSize() throws IOException {
        // 2^30 floats (4 GiB) declared, 100 bytes present; a read that trusted the header would run out of heap.
        Path file = dir.resolve("liar.gz");
        Files.write(file, gzip(concat(header(0x0D, 1 << 30), new byte[100])));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readFloats(file));
        assertEquals("byte 108 of the decompressed data", e.position());
    }

    @Test
    void labelsMustHaveAnIntegerType() throws IOException {
        Path file = dir.resolve("float-labels");
        IdxWriter.writeF32(file, new int[] {2}, new float[] {1, 2}, false);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readInts(file));
        assertEquals("byte 2", e.position());
    }

    static byte[] header(int type, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] sampleBytes(int n) {
        byte[] b = new byte[n];
        new java.util.Random(1).nextBytes(b);
        return b;
    }

    private Path write(String name, byte[]... parts) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, concat(parts));
        return file;
    }
}
